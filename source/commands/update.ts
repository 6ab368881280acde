import type {Contact, ContactFields, FieldName, UpdateBody} from '../contact/contact.js';
import {FIELD_LABELS, fieldsOf} from '../contact/fields.js';
import {buildEditsFrom, type BuiltEdits} from '../contact/edits.js';
import {validateCountryCode} from '../contact/phone.js';
import {sanitize} from '../contact/sanitize.js';
import {renderDiff} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {prepareUpdate} from '../core/prepare.js';
import type {WriteOutcomeName} from '../core/write.js';
import {connect, rememberUse, type GlobalOptions} from './context.js';
import {EXIT, UsageError} from './errors.js';
import {findWithProgress} from './find.js';
import {outputWidth, printErr, type CommandIo} from './io.js';
import {confirmAndWrite, humanOutput, jsonFailure, jsonOutcome, reportWrite, sayBody, sayDryRun} from './write-flow.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier} from './parse.js';

export type UpdateOptions = {
	stream: string;
	contact: string;
	firstName?: string;
	lastName?: string;
	salutation?: string;
	phone?: string;
	countryCode?: string;
	extension?: string;
	dryRun?: boolean;
	yes?: boolean;
	json?: boolean;
	confirmContact?: string;
};

/**
 * The `--json` shape of `update`, printed whatever happens once the contact was read (before it,
 * only `outcome` and `error`).
 */
export type UpdateJson = {
	outcome: WriteOutcomeName;
	before: ContactFields;
	after: ContactFields;
	body: UpdateBody;
	/** True only when the PUT was answered with success. */
	sent: boolean;
	/** The contact as the server stored it, or null when nothing was sent. */
	result: Contact | null;
	journalId?: string;
	error?: {message: string; hint?: string};
};

/** Which flag sets which field (for error messages). */
export const FIELD_FLAGS: Record<FieldName, string> = {
	firstName: '--first-name',
	lastName: '--last-name',
	salutation: '--salutation',
	countryCode: '--country-code',
	phoneNumber: '--phone',
	extension: '--extension',
};

const EDIT_FLAGS = ['firstName', 'lastName', 'salutation', 'phone', 'countryCode', 'extension'] as const;

export async function runUpdate(io: CommandIo, globals: GlobalOptions, options: UpdateOptions): Promise<number> {
	return options.json ? jsonFailure(io, () => update(io, globals, options)) : update(io, globals, options);
}

async function update(io: CommandIo, globals: GlobalOptions, options: UpdateOptions): Promise<number> {
	if (!EDIT_FLAGS.some(flag => options[flag] !== undefined)) {
		throw new UsageError(
			'Nothing to change: give at least one of --first-name, --last-name, --salutation, --phone, --country-code, --extension.',
		);
	}
	if (options.countryCode !== undefined) {
		const problem = validateCountryCode(options.countryCode.trim());
		if (problem) throw new UsageError(`Nothing was sent. --country-code: ${problem}`);
	}

	const connection = await connect(io, globals);
	const {contact: loaded} = await findWithProgress(io, connection.client, options.stream, options.contact);
	rememberUse(connection, options.stream, loaded);

	const built = buildEdits(options, fieldsOf(loaded));
	const prepared = built.ok ? prepareUpdate({streamId: options.stream, loaded, edits: built.edits}) : built;
	if (!prepared.ok) {
		printErr(io, 'Nothing was sent: correct these values and run the command again.');
		for (const [field, message] of Object.entries(prepared.errors) as Array<[FieldName, string]>) {
			printErr(io, `  ${FIELD_FLAGS[field]} (${FIELD_LABELS[field]}): ${message}`);
		}
		return EXIT.usage;
	}
	const update = prepared.update;

	// Human output goes to stdout, unless stdout is reserved for the JSON result.
	const out = humanOutput(io, options.json);
	const {say, sayWrapped, style: humanStyle} = out;
	const finishJson = (outcome: Parameters<typeof jsonOutcome>[0] | 'not-sent', shown = update) => {
		if (!options.json) return;
		const {outcome: name, ...rest} = outcome === 'not-sent' ? {outcome: 'not-sent' as const} : jsonOutcome(outcome);
		const saved = outcome !== 'not-sent' && outcome?.outcome === 'saved' ? outcome.stored : null;
		const json: UpdateJson = {
			outcome: name,
			before: shown.before,
			after: shown.after,
			body: shown.body,
			sent: saved !== null,
			result: saved,
			...rest,
		};
		io.stdout.write(`${toSafeJson(json)}\n`);
	};

	const status = sanitize(loaded.status);
	const inactive = status !== '' && status.toUpperCase() !== 'ACTIVE' ? ` ${humanStyle.yellow(`(status ${status})`)}` : '';
	sayWrapped(
		`${humanStyle.bold('Contact')} ${sanitize(update.contactId)}${inactive} in stream ${sanitize(update.streamId)}`,
		'  ',
	);
	for (const line of renderDiff(update.rows, humanStyle, outputWidth(io))) say(line);

	if (update.changes.length === 0) {
		say();
		sayWrapped('No change: the contact already has these values. Nothing was sent.');
		finishJson('not-sent');
		return EXIT.ok;
	}

	sayBody(out, update);

	if (options.dryRun) {
		sayDryRun(io, out, connection, update);
		finishJson('not-sent');
		return EXIT.ok;
	}

	const outcome = await confirmAndWrite(io, connection, update, {
		kind: 'update',
		yes: options.yes,
		confirmContact: options.confirmContact,
	});
	const code = reportWrite(io, out, outcome, {title: 'Saved. The server now stores:'});
	finishJson(outcome, outcome?.update ?? update);
	return code;
}

/** Turns the flags into field edits; --phone may be a pasted international number that carries its own country code. */
export function buildEdits(options: UpdateOptions, current: ContactFields): BuiltEdits {
	return buildEditsFrom(options, current);
}

const UPDATE_EXIT_CODES_HELP = `
Exit codes:
  0    saved and verified; or --dry-run; or nothing to change
  1    the server or the network failed, or the server stored other values than
       were sent (when the outcome is unknown, the message says how to check)
  2    bad usage or invalid input, no --yes without a terminal, or an answer
       other than y at the y/N prompt (e.g. n); nothing was sent
  3    the contact changed since it was read (conflict); nothing was sent
  130  interrupted (Ctrl+C); during the PUT the message says how to check`;

/** `kore-contacts update`: its flags and what it runs. */
export function updateCommand(context: CommandContext): Command {
	return defineCommand(
		'update',
		`  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --last-name Doe --dry-run
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone "+44 20 7946 0958" --yes
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone 9550100001 --country-code +91 --yes --json
  $ kore-contacts --profile prod update --stream st-123 --contact 667e48f7 \\
      --salutation Dr --yes --confirm-contact 667e48f7`,
		UPDATE_EXIT_CODES_HELP,
	)
		.description('change a contact: shows the diff and the exact body, asks, checks for conflicts, sends, verifies')
		.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
		.requiredOption('--contact <id>', 'contact ID (required)', identifier('contact ID'))
		.option('--first-name <text>', 'new first name')
		.option('--last-name <text>', 'new last name ("" clears it)')
		.option('--salutation <text>', 'new salutation, e.g. Mr, Mrs, Ms, Mx, Dr')
		.option('--phone <number>', 'digits (spaces, dashes fine) or an international number like "+91 95501 00001"')
		.option('--country-code <+NN>', 'country code with +, e.g. +91')
		.option('--extension <text>', 'extension / dialing prefix, e.g. +')
		.option('--dry-run', 'show the diff, the body and the curl equivalent; send nothing')
		.option('-y, --yes', 'send without asking (required when there is no terminal)')
		.option('--confirm-contact <id>', 'protected profiles: repeat the contact ID to allow sending')
		.option('--json', 'print {outcome, before, after, body, sent, result, error} as JSON on stdout; messages go to stderr')
		.action(runner<UpdateOptions>(context, (globals, options) => runUpdate(context.io, globals, options)));
}
