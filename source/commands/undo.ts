import type {Contact, ContactFields, UpdateBody} from '../contact/contact.js';
import {fieldsOf} from '../contact/fields.js';
import {sanitize} from '../contact/sanitize.js';
import {renderDiff} from '../output/contact-view.js';
import {shortTime, statusWords} from '../output/history-table.js';
import {toSafeJson} from '../output/json.js';
import {wrap} from '../output/text.js';
import type {JournalEntry} from '../store/types.js';
import type {PreparedUpdate} from '../core/prepare.js';
import type {WriteOutcomeName} from '../core/write.js';
import {findEntry, latestUndoable, prepareUndo, undoneBy} from '../core/undo.js';
import {connect, JournalOpenError, openCommandJournal, type GlobalOptions} from './context.js';
import {EXIT, UsageError} from './errors.js';
import {outputWidth, printErr, stderrStyle, type CommandIo} from './io.js';
import {
	confirmAndWrite,
	humanOutput,
	jsonFailure,
	jsonOutcome,
	quote,
	reportWrite,
	sayBody,
	sayDryRun,
	throwIfInterrupted,
	type CliWrite,
} from './write-flow.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {batchUndo} from './bulk.js';
import {identifier} from './parse.js';

export type UndoOptions = {
	batch?: string;
	force?: boolean;
	yes?: boolean;
	dryRun?: boolean;
	json?: boolean;
	confirmContact?: string;
};

/** The `--json` shape of `undo`, printed whatever happens (before the entry is known: only `outcome` and `error`). */
export type UndoJson = {
	outcome: WriteOutcomeName;
	/** The journal entry being undone. */
	entry: JournalEntry;
	/** The contact's fields now. */
	before: ContactFields;
	/** The fields the undo puts (or would put) there. */
	after: ContactFields;
	/** Exactly what is (or would be) sent; null when there is nothing to send. */
	body: UpdateBody | null;
	/** True only when the PUT was answered with success. */
	sent: boolean;
	/** The contact as the server stored it, or null when nothing was sent. */
	result: Contact | null;
	journalId?: string;
	error?: {message: string; hint?: string};
};

/**
 * Puts the "before" values of a journal entry back: the same preview, confirmation, conflict
 * check, journal and verification as `update`. Refuses (exit 3) when the contact no longer holds
 * what that write stored, unless --force.
 */
export async function runUndo(io: CommandIo, globals: GlobalOptions, options: UndoOptions, entryText?: string): Promise<number> {
	return options.json ? jsonFailure(io, () => undo(io, globals, options, entryText)) : undo(io, globals, options, entryText);
}

async function undo(io: CommandIo, globals: GlobalOptions, options: UndoOptions, entryText?: string): Promise<number> {
	if (options.batch !== undefined) {
		if (entryText !== undefined || options.force)
			throw new UsageError('--batch undoes a whole batch: leave out the entry ID and --force.');
		return batchUndo(io, globals, {...options, batch: options.batch});
	}
	let entries: JournalEntry[];
	try {
		entries = openCommandJournal(io).entries();
	} catch (error) {
		if (!(error instanceof JournalOpenError)) throw error;
		printErr(io, `Nothing was sent: ${error.message}`);
		return EXIT.failed;
	}

	let entry = entryText === undefined ? undefined : lookUp(entries, entryText);
	const connection = await connect(io, globals);
	const {client} = connection;
	const profileHint = entry?.profile ? ` (e.g. --profile ${sanitize(entry.profile)})` : '';
	if (entry && entry.host !== client.baseUrl) {
		throw new UsageError(
			`Nothing was sent: entry ${sanitize(entry.id)} was written to ${sanitize(entry.host)}, but these credentials are for ${sanitize(client.baseUrl)}. Use the credentials of that host${profileHint}.`,
		);
	}
	if (!entry) {
		entry = latestUndoable(entries, {host: client.baseUrl});
		if (!entry) {
			throw new UsageError(
				entries.length === 0
					? 'Nothing to undo: the change journal is empty (no update has been sent from this computer).'
					: `Nothing to undo: the change journal has no update for ${sanitize(client.baseUrl)} that is not undone already. See \`kore-contacts history\`; name an entry to undo it explicitly.`,
			);
		}
	}

	const out = humanOutput(io, options.json);
	const {say, sayWrapped, width, style: humanStyle} = out;
	const emitJson = (json: UndoJson) => {
		if (options.json) io.stdout.write(`${toSafeJson(json)}\n`);
	};
	const finishJson = (update: PreparedUpdate, outcome: CliWrite | 'not-sent') => {
		const {outcome: name, ...rest} = outcome === 'not-sent' ? {outcome: 'not-sent' as const} : jsonOutcome(outcome);
		const saved = outcome !== 'not-sent' && outcome?.outcome === 'saved' ? outcome.stored : null;
		emitJson({
			outcome: name,
			entry: entry!,
			before: update.before,
			after: update.after,
			body: update.body,
			sent: saved !== null,
			result: saved,
			...rest,
		});
	};

	sayWrapped(describeEntry(entry, humanStyle.bold), '  ');
	const undone = undoneBy(entries, entry.id);
	if (undone)
		for (const line of wrap(
			`Note: it was undone already (entry ${sanitize(undone.id)}); undoing it again is checked like any other.`,
			width,
		)) {
			say(humanStyle.yellow(line));
		}
	if (entry.status === 'unknown') {
		for (const line of wrap(
			'Its outcome was unknown (the send was interrupted or got no answer): undo compares it with the contact as it is now first.',
			width,
		)) {
			say(humanStyle.yellow(line));
		}
	}

	throwIfInterrupted(io);
	const prepared = await prepareUndo(client, entry, {signal: io.signal});
	if (!prepared.ok && prepared.reason === 'not-undoable') {
		if (prepared.alreadyRestored && prepared.current) {
			sayWrapped(prepared.message);
			say('Nothing was sent.');
			const now = fieldsOf(prepared.current);
			emitJson({outcome: 'not-sent', entry, before: now, after: now, body: null, sent: false, result: null});
			return EXIT.ok;
		}
		throw new UsageError(`Nothing was sent. ${prepared.message}`);
	}
	const update = prepared.update;

	if (!prepared.ok) {
		const err = stderrStyle(io);
		printErr(io, err.red(`Contact ${sanitize(entry.contactId)} was changed after entry ${sanitize(entry.id)} was written.`));
		printErr(io, 'Changed since (that write stored -> now):');
		for (const change of prepared.theirs) printErr(io, `  ${change.label}: ${quote(change.before)} -> ${quote(change.after)}`);
		if (!options.force) {
			printErr(io, 'Nothing was sent. Check the contact (kore-contacts get); add --force to put the earlier values back anyway.');
			finishJson(update, 'not-sent');
			return EXIT.conflict;
		}
		printErr(
			io,
			'--force: undoing anyway; the fields that entry changed get their earlier values, the others stay as they are now.',
		);
	}

	say();
	sayWrapped(
		`${humanStyle.bold('Restores')} contact ${sanitize(update.contactId)} in stream ${sanitize(update.streamId)} (now -> restored):`,
		'  ',
	);
	for (const line of renderDiff(update.rows, humanStyle, outputWidth(io))) say(line);
	sayBody(out, update);

	if (options.dryRun) {
		sayDryRun(io, out, connection, update);
		finishJson(update, 'not-sent');
		return EXIT.ok;
	}

	const outcome = await confirmAndWrite(io, connection, update, {
		kind: 'undo',
		undoOf: entry.id,
		yes: options.yes,
		confirmContact: options.confirmContact,
	});
	const code = reportWrite(io, out, outcome, {title: 'Undone. The server now stores:', undoOf: entry.id});
	finishJson(outcome?.update ?? update, outcome);
	return code;
}

function lookUp(entries: JournalEntry[], text: string): JournalEntry {
	const found = findEntry(entries, text);
	if (found.ok) return found.entry;
	const shown = sanitize(text);
	if (found.reason === 'too-short') {
		throw new UsageError(
			`Nothing was sent: "${shown}" is too short; give at least 4 characters of the entry ID (see \`kore-contacts history\`).`,
		);
	}
	if (found.reason === 'ambiguous') {
		const some = found.matches
			.slice(0, 5)
			.map(e => sanitize(e.id))
			.join(', ');
		throw new UsageError(
			`Nothing was sent: "${shown}" matches ${found.matches.length} journal entries (${some}${found.matches.length > 5 ? ', …' : ''}); give more characters of the ID.`,
		);
	}
	throw new UsageError(
		`Nothing was sent: no journal entry has an ID starting with "${shown}". See \`kore-contacts history\` for the IDs.`,
	);
}

function describeEntry(entry: JournalEntry, bold: (text: string) => string): string {
	const who = [entry.user, entry.hostname].filter(Boolean).join('@');
	const by = who ? ` by ${sanitize(who)}` : '';
	const profile = entry.profile ? `, profile ${sanitize(entry.profile)}` : '';
	return `${bold('Undo')} entry ${sanitize(entry.id)}: ${entry.kind === 'undo' ? 'undo' : 'update'} of ${shortTime(entry.time)}${by}${profile} (${statusWords(entry)})`;
}

const UNDO_EXIT_CODES_HELP = `
Exit codes:
  0    undone and verified; or --dry-run; or the contact already holds the
       earlier values
  1    the server or the network failed, or the server stored other values than
       were sent (when the outcome is unknown, the message says how to check);
       or the journal could not be written (then nothing was sent)
  2    bad usage: unknown or ambiguous ENTRY, nothing to undo, an entry that
       failed, another host's entry, no --yes without a terminal, or an
       answer other than y at the y/N prompt (e.g. n); nothing was sent
  3    the contact was changed after that entry (shown), or while asking;
       nothing was sent (add --force to undo anyway)
  130  interrupted (Ctrl+C); during the PUT the message says how to check`;

/** `kore-contacts undo`: its flags and what it runs. */
export function undoCommand(context: CommandContext): Command {
	return defineCommand(
		'undo',
		`  $ kore-contacts history --limit 5
  $ kore-contacts undo --dry-run                  the latest update, shown only
  $ kore-contacts undo 0mi3x7k2a0                 one entry, by an ID prefix
  $ kore-contacts undo 0mi3x7k2a0 --yes --json    from a script
  $ kore-contacts undo 0mi3x7k2a0 --force --yes   though the contact changed
  $ kore-contacts --profile prod undo 0mi3x7k2a0 --yes \\
      --confirm-contact 667e48f7c8b972fc6910abcd`,
		UNDO_EXIT_CODES_HELP,
	)
		.description('put back the values a journal entry replaced: same preview, confirmation and conflict check as update')
		.argument('[entry]', 'journal entry ID or a unique prefix of it (default: the latest update for this host not undone yet)')
		.option(
			'--batch <id>',
			'put back every contact a bulk batch saved (same preview, confirmation and conflict rules)',
			identifier('batch ID'),
		)
		.option('--force', 'undo even when the contact was changed after that entry (its other fields are kept)')
		.option('--dry-run', 'show what would be restored, the body and the curl equivalent; send nothing')
		.option('-y, --yes', 'send without asking (required when there is no terminal)')
		.option('--confirm-contact <id>', 'protected profiles: repeat the contact ID to allow sending')
		.option('--json', 'print {outcome, entry, before, after, body, sent, result, error} as JSON on stdout; messages go to stderr')
		.addHelpText(
			'after',
			`
The contact is read again first. When it no longer holds what that entry
stored (someone changed it since), undo shows the fields changed since and
stops with exit 3; --force puts the earlier values back anyway. An entry whose
outcome was unknown is compared the same way. The undo is itself journaled
(kind "undo"). The credentials must be for the entry's host.

--json: entry is the journal entry being undone; before = the contact's fields
now; after = the fields restored; body = exactly what is (or would be) sent,
null when there is nothing to send; sent = true only when the PUT succeeded;
result = the stored contact or null.`,
		)
		.action(runner<UndoOptions>(context, (globals, options, args) => runUndo(context.io, globals, options, args[0])));
}
