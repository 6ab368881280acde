import type {JournalEntry} from '../store/types.js';
import {sanitize} from '../contact/sanitize.js';
import {toSafeJson} from '../output/json.js';
import {renderHistory, shortTime, undoneIds} from '../output/history-table.js';
import {uniquePrefixes} from '../core/undo.js';
import {JournalOpenError, openCommandJournal} from './context.js';
import {EXIT} from './errors.js';
import {outputWidth, printErr, printOut, stdoutStyle, type CommandIo} from './io.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier, wholeNumber} from './parse.js';

export type HistoryOptions = {contact?: string; stream?: string; batch?: string; limit?: number; json?: boolean};

export const DEFAULT_HISTORY_LIMIT = 20;

/**
 * Lists the change journal, newest first. Reads only the local journal (no credentials, no
 * network). `--json` prints the JournalEntry array (the same filters and limit) and nothing else.
 */
export async function runHistory(io: CommandIo, options: HistoryOptions): Promise<number> {
	let all: JournalEntry[];
	try {
		all = openCommandJournal(io).entries();
	} catch (error) {
		if (!(error instanceof JournalOpenError)) throw error;
		printErr(io, error.message);
		return EXIT.failed;
	}

	const matching = all.filter(
		entry =>
			(options.contact === undefined || entry.contactId === options.contact) &&
			(options.stream === undefined || entry.streamId === options.stream) &&
			(options.batch === undefined || entry.batch === options.batch),
	);
	// Without --batch (or --contact), a batch is one line below the table, not one row per contact.
	const grouped = options.batch === undefined && options.contact === undefined && !options.json;
	const batches = grouped ? batchLines(matching, shortTime) : [];
	const single = grouped ? matching.filter(entry => entry.batch === undefined) : matching;
	const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
	const shown = single.slice(0, limit);

	if (options.json) {
		printOut(io, toSafeJson(shown));
		return EXIT.ok;
	}

	if (shown.length === 0 && batches.length > 0) {
		printOut(io, stdoutStyle(io).bold('Batches (kore-contacts history --batch ID lists one):'));
		for (const line of batches) printOut(io, line);
		return EXIT.ok;
	}

	if (shown.length === 0) {
		const filters = [
			options.contact === undefined ? '' : `contact ${sanitize(options.contact)}`,
			options.stream === undefined ? '' : `stream ${sanitize(options.stream)}`,
			options.batch === undefined ? '' : `batch ${sanitize(options.batch)}`,
		].filter(Boolean);
		printOut(
			io,
			all.length === 0
				? 'The change journal is empty: no update or undo has been sent from this computer yet.'
				: `No journal entry for ${filters.join(' in ')} (the journal has ${all.length} ${all.length === 1 ? 'entry' : 'entries'}; run without filters to see them).`,
		);
		return EXIT.ok;
	}

	const style = stdoutStyle(io);
	const prefixes = uniquePrefixes(all.map(entry => entry.id));
	// "done, undone" also when the undo itself is filtered out or beyond --limit.
	const lines = renderHistory(shown, {width: outputWidth(io), prefixes, undone: undoneIds(all)});
	printOut(io, style.bold(lines[0]!));
	for (const line of lines.slice(1)) printOut(io, line);

	if (batches.length > 0) {
		printOut(io);
		printOut(io, style.bold('Batches (kore-contacts history --batch ID lists one):'));
		for (const line of batches) printOut(io, line);
	}
	const more =
		single.length > shown.length ? `showing ${shown.length} of ${single.length}; more with --limit ${single.length}. ` : '';
	printOut(io, style.dim(`${more}Undo one: kore-contacts undo ID. Details: --json.`));
	return EXIT.ok;
}

const HISTORY_EXIT_CODES_HELP = `
Exit codes:
  0    listed (also: the journal is empty, or no entry matches)
  1    the journal could not be read
  2    bad usage`;

/** `kore-contacts history`: its flags and what it runs. */
export function historyCommand(context: CommandContext): Command {
	return defineCommand(
		'history',
		`  $ kore-contacts history
  $ kore-contacts history --contact 667e48f7c8b972fc6910abcd --limit 5
  $ kore-contacts history --json | jq '.[] | select(.status == "unknown")'`,
		HISTORY_EXIT_CODES_HELP,
	)
		.description('list the change journal (every update and undo sent from this computer), newest first')
		.option('--contact <id>', 'only this contact', identifier('contact ID'))
		.option('--stream <id>', 'only this stream', identifier('stream ID'))
		.option('--batch <id>', 'only the contacts of this bulk batch', identifier('batch ID'))
		.option('--limit <n>', 'how many entries to show (default 20)', wholeNumber(1, 100_000))
		.option('--json', 'print the journal entries as a JSON array, nothing else')
		.addHelpText(
			'after',
			`
Each entry shows the local time; its ID (type this prefix to undo it); update
or undo; the outcome: done, failed, or OUTCOME UNKNOWN when the send was
interrupted or got no answer (check the contact), with ", undone" once an undo
of it succeeded; the contact; the fields changed (first, last, salut., cc,
phone, ext); and who sent it (user@computer, left out when the terminal is too
narrow). The journal is journal.jsonl in the settings folder
(KORE_CONTACTS_CONFIG_DIR); it never holds the client secret or a token.`,
		)
		.action(runner<HistoryOptions>(context, (_globals, options) => runHistory(context.io, options)));
}

/** One line per batch, newest first: "b-…  update  stream st-1  12 contacts: 10 done, 1 failed, 1 OUTCOME UNKNOWN  (time)". */
function batchLines(entries: JournalEntry[], time: (iso: string) => string): string[] {
	const groups = new Map<string, JournalEntry[]>();
	for (const entry of entries) {
		if (entry.batch === undefined) continue;
		const group = groups.get(entry.batch) ?? [];
		group.push(entry);
		groups.set(entry.batch, group);
	}
	return [...groups].map(([id, group]) => {
		// The newest entry per contact is that contact's outcome (a resume adds entries to the batch).
		const latest = new Map<string, JournalEntry>();
		for (const entry of group) if (!latest.has(entry.contactId)) latest.set(entry.contactId, entry);
		const counts = {done: 0, failed: 0, unknown: 0};
		for (const entry of latest.values()) counts[entry.status]++;
		const parts = [
			`${counts.done} done`,
			counts.failed > 0 ? `${counts.failed} failed` : '',
			counts.unknown > 0 ? `${counts.unknown} OUTCOME UNKNOWN` : '',
		]
			.filter(Boolean)
			.join(', ');
		const first = group[group.length - 1]!;
		return `${sanitize(id)}  ${first.kind}  stream ${sanitize(first.streamId)}  ${latest.size} contact${latest.size === 1 ? '' : 's'}: ${parts}  (${time(first.time)})`;
	});
}
