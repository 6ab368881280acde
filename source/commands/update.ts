import type {Contact, ContactFields, FieldName, UpdateBody} from '../contact/contact.js';
import type {FieldChange} from '../contact/diff.js';
import {FIELD_LABELS, fieldsOf} from '../contact/fields.js';
import {parsePhoneInput, validateCountryCode} from '../contact/phone.js';
import {sanitize} from '../contact/sanitize.js';
import {renderBody, renderCard, renderDiff} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {wrap} from '../output/text.js';
import {checkConflict} from '../update/conflict.js';
import {curlCommand} from '../update/curl.js';
import {fitShellLines} from '../update/curl-lines.js';
import {prepareUpdate, type PreparedUpdate} from '../update/prepare.js';
import {journalIdOf, JournalWriteError, sendUpdate, type JournalContext, type SendOutcome} from '../update/send.js';
import {isKoreError} from '../kore/errors.js';
import type {Journal, ResolvedCredentials} from '../store/types.js';
import {connect, JournalOpenError, openCommandJournal, rememberUse, type GlobalOptions} from './context.js';
import {EXIT, InterruptedError, reportError, UsageError} from './errors.js';
import {findWithProgress} from './find.js';
import {humanWidth, isInteractive, outputWidth, printErr, stderrStyle, stdoutStyle, type CommandIo} from './io.js';
import {confirm} from './prompt.js';

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

/** The `--json` shape of `update` (printed on exit 0 and 3; nothing on stdout otherwise). */
export type UpdateJson = {
	before: ContactFields;
	after: ContactFields;
	body: UpdateBody;
	/** True only when the PUT was answered with success. */
	sent: boolean;
	/** The contact as the server stored it, or null when nothing was sent. */
	result: Contact | null;
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
	const {client, resolved, credentials} = connection;
	const {contact: loaded} = await findWithProgress(io, client, options.stream, options.contact);
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
	const human = options.json ? io.stderr : io.stdout;
	const humanStyle = options.json ? stderrStyle(io) : stdoutStyle(io);
	const say = (text = '') => human.write(`${text}\n`);
	// Sentences wrap at word boundaries; pre-formatted lines (diff, body, curl) go through say.
	const width = humanWidth(io, Boolean(options.json));
	const sayWrapped = (text: string, indent = '') => {
		for (const line of wrap(text, width, {indent})) say(line);
	};
	const finishJson = (sent: boolean, result: Contact | null) => {
		if (!options.json) return;
		const json: UpdateJson = {before: update.before, after: update.after, body: update.body, sent, result};
		io.stdout.write(`${toSafeJson(json)}\n`);
	};

	const status = sanitize(loaded.status);
	const inactive = status !== '' && status.toUpperCase() !== 'ACTIVE' ? ` ${humanStyle.yellow(`(status ${status})`)}` : '';
	sayWrapped(`${humanStyle.bold('Contact')} ${sanitize(update.contactId)}${inactive} in stream ${sanitize(update.streamId)}`, '  ');
	for (const line of renderDiff(update.rows, humanStyle, outputWidth(io))) say(line);

	if (update.changes.length === 0) {
		say();
		sayWrapped('No change: the contact already has these values. Nothing was sent.');
		finishJson(false, null);
		return EXIT.ok;
	}

	say();
	say(`Body of PUT /contacts/${sanitize(update.contactId)}:`);
	for (const line of renderBody(update.body)) say(line);

	if (options.dryRun) {
		say();
		sayWrapped('Dry run: nothing was sent. The same request with curl (mint the JWT into $KORE_JWT first):');
		for (const line of fitShellLines(curlCommand(client.baseUrl, credentials.accountId, update).split('\n'), outputWidth(io) - 1)) say(line);
		finishJson(false, null);
		return EXIT.ok;
	}

	requireContactConfirmation(resolved, update.contactId, options.confirmContact);
	const journal = openJournalOrReport(io, connection.store);
	if (!journal) return EXIT.failed;
	if (!(await confirmSend(io, options.yes, 'Send this update?'))) return EXIT.usage;

	throwIfInterrupted(io);
	const check = await checkConflict(client, update, {signal: io.signal});
	if (check.conflict) {
		reportConflict(io, update, check.current, check.theirs);
		finishJson(false, null);
		return EXIT.conflict;
	}

	throwIfInterrupted(io);
	printErr(io, 'Sending the update…');
	const sent = await sendJournaled(io, client, update, {
		journal,
		host: client.baseUrl,
		...(resolved.profileName === undefined ? {} : {profile: resolved.profileName}),
		kind: 'update',
	});
	if (typeof sent === 'number') return sent;
	const {stored, verification} = sent;

	say();
	say(humanStyle.green('Saved. The server now stores:'));
	for (const line of renderCard(stored, humanStyle)) say(line);
	if (sent.journalId !== undefined) {
		say(humanStyle.dim(`Journal entry ${sent.journalId}.`));
		say(humanStyle.dim(`To put the earlier values back: kore-contacts undo ${sent.journalId}`));
	}
	if (verification.ok) {
		say('Verified: the stored values are the ones sent.');
		finishJson(true, stored);
		return EXIT.ok;
	}

	const err = stderrStyle(io);
	printErr(io, err.red('Warning: the server stored other values than were sent:'));
	for (const mismatch of verification.mismatches) {
		printErr(io, `  ${mismatch.label}: sent ${quote(mismatch.before)}, stored ${quote(mismatch.after)}`);
	}
	printErr(io, 'Check the contact in Kore.ai; the values above are what it holds now.');
	finishJson(true, stored);
	return EXIT.failed;
}

/**
 * Protected profiles always need --confirm-contact; when given anyway, it must match too (a
 * script's guard). Throws UsageError (exit 2, nothing sent).
 */
export function requireContactConfirmation(
	resolved: ResolvedCredentials,
	contactId: string,
	confirmContact: string | undefined,
): void {
	const mustConfirm = resolved.protected || confirmContact !== undefined;
	if (!mustConfirm || confirmContact?.trim() === contactId) return;
	const profile = resolved.profileName ? `Profile "${sanitize(resolved.profileName)}"` : 'This profile';
	throw new UsageError(
		confirmContact === undefined
			? `Nothing was sent: ${profile} is protected. Repeat the contact ID with --confirm-contact to send.`
			: `Nothing was sent: --confirm-contact does not match the contact ID ${sanitize(contactId)}${resolved.protected ? ` (${profile} is protected)` : ''}.`,
	);
}

/** y/N on a terminal; without one, --yes is required (UsageError). False when the answer is not yes (already reported). */
export async function confirmSend(io: CommandIo, yes: boolean | undefined, question: string): Promise<boolean> {
	if (yes) return true;
	if (!isInteractive(io)) {
		throw new UsageError(
			'Nothing was sent: there is no terminal to confirm on. Add --yes to send without asking (check first with --dry-run).',
		);
	}
	if (await confirm(io, question)) return true;
	printErr(io, 'Nothing was sent (you did not answer y).');
	return false;
}

/** The change journal, or undefined after printing why it cannot be opened (nothing is sent then). */
export function openJournalOrReport(io: CommandIo, store: Parameters<typeof openCommandJournal>[1]): Journal | undefined {
	try {
		return openCommandJournal(io, store);
	} catch (error) {
		if (!(error instanceof JournalOpenError)) throw error;
		printErr(io, `Nothing was sent: ${error.message}`);
		return undefined;
	}
}

/**
 * sendUpdate with the journal: returns the outcome, or an exit code after reporting a failure
 * (with the journal entry that records it, and for an unknown outcome how to check).
 */
export async function sendJournaled(
	io: CommandIo,
	client: Parameters<typeof sendUpdate>[0],
	update: PreparedUpdate,
	journal: JournalContext,
): Promise<SendOutcome | number> {
	try {
		const outcome = await sendUpdate(client, update, {signal: io.signal, journal});
		if (outcome.journalWarning) printErr(io, `Warning: ${outcome.journalWarning}`);
		return outcome;
	} catch (error) {
		if (error instanceof JournalWriteError) {
			printErr(io, error.message);
			return EXIT.failed;
		}
		const id = journalIdOf(error);
		const code = reportError(io, error);
		if (id !== undefined) {
			const unknown = !isKoreError(error) || error.outcomeUnknown;
			const history = `kore-contacts history --contact ${sanitize(update.contactId)}`;
			printErr(
				io,
				unknown
					? `The change journal records it as entry ${id} with the outcome unknown: check the contact before sending again, and see \`${history}\`.`
					: `The change journal records it as failed (entry ${id}); nothing was changed. See \`${history}\`.`,
			);
		}
		return code;
	}
}

type Built = {ok: true; edits: Partial<ContactFields>} | {ok: false; errors: Partial<Record<FieldName, string>>};

/** Turns the flags into field edits; --phone may be a pasted international number that carries its own country code. */
export function buildEdits(options: UpdateOptions, current: ContactFields): Built {
	const edits: Partial<ContactFields> = {};
	const errors: Partial<Record<FieldName, string>> = {};
	if (options.firstName !== undefined) edits.firstName = options.firstName;
	if (options.lastName !== undefined) edits.lastName = options.lastName;
	if (options.salutation !== undefined) edits.salutation = options.salutation;
	if (options.extension !== undefined) edits.extension = options.extension;
	const countryCode = options.countryCode?.trim();
	if (countryCode !== undefined) edits.countryCode = countryCode;
	if (options.phone !== undefined) {
		const parsed = parsePhoneInput(options.phone, countryCode ?? current.countryCode);
		if (!parsed.ok) {
			errors.phoneNumber = parsed.error;
		} else if (countryCode !== undefined && parsed.phoneNumber !== '' && parsed.countryCode !== countryCode) {
			errors.phoneNumber = `The number is for ${parsed.countryCode} but --country-code says ${countryCode}: leave one of them out, or make them agree.`;
		} else {
			edits.phoneNumber = parsed.phoneNumber;
			if (parsed.phoneNumber !== '' && parsed.countryCode) edits.countryCode = parsed.countryCode;
		}
	}
	return Object.keys(errors).length > 0 ? {ok: false, errors} : {ok: true, edits};
}

export function reportConflict(io: CommandIo, update: PreparedUpdate, current: Contact, theirs: FieldChange[]): void {
	const style = stderrStyle(io);
	printErr(io);
	printErr(
		io,
		style.red(`Nothing was sent: contact ${sanitize(update.contactId)} was changed by someone else after it was read.`),
	);
	if (theirs.length > 0) {
		printErr(io, 'Their changes (as read -> now):');
		for (const change of theirs) printErr(io, `  ${change.label}: ${quote(change.before)} -> ${quote(change.after)}`);
	} else {
		printErr(io, `Its fields look the same, but it was saved again at ${sanitize(current.updatedAt)}.`);
	}
	printErr(io, 'Check the contact (kore-contacts get), then run the update again if it is still needed.');
}

export function quote(value: string): string {
	const clean = sanitize(value);
	return clean === '' ? '(empty)' : `"${clean}"`;
}

export function throwIfInterrupted(io: CommandIo): void {
	if (io.signal.aborted) throw new InterruptedError();
}
