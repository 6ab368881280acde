import type {JournalEntry} from '../store/types.js';
import {sanitize} from '../contact/sanitize.js';
import {toSafeJson} from '../output/json.js';
import {renderHistory, undoneIds} from '../output/history-table.js';
import {uniquePrefixes} from '../core/undo.js';
import {JournalOpenError, openCommandJournal} from './context.js';
import {EXIT} from './errors.js';
import {outputWidth, printErr, printOut, stdoutStyle, type CommandIo} from './io.js';

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
