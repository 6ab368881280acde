import type {JournalEntry} from '../store/types.js';
import {sanitize} from '../contact/sanitize.js';
import {toSafeJson} from '../output/json.js';
import {renderHistory, undoneIds} from '../output/history-table.js';
import {uniquePrefixes} from '../core/undo.js';
import {JournalOpenError, openCommandJournal} from './context.js';
import {EXIT} from './errors.js';
import {outputWidth, printErr, printOut, stdoutStyle, type CommandIo} from './io.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier, wholeNumber} from './parse.js';

export type HistoryOptions = {contact?: string; stream?: string; limit?: number; json?: boolean};

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
			(options.stream === undefined || entry.streamId === options.stream),
	);
	const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
	const shown = matching.slice(0, limit);

	if (options.json) {
		printOut(io, toSafeJson(shown));
		return EXIT.ok;
	}

	if (shown.length === 0) {
		const filters = [
			options.contact === undefined ? '' : `contact ${sanitize(options.contact)}`,
			options.stream === undefined ? '' : `stream ${sanitize(options.stream)}`,
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

	const more =
		matching.length > shown.length ? `showing ${shown.length} of ${matching.length}; more with --limit ${matching.length}. ` : '';
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
