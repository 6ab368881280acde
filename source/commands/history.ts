import type {JournalEntry} from '../store/types.js';
import {sanitize} from '../contact/sanitize.js';
import {toSafeJson} from '../output/json.js';
import {renderHistory, undoneIds} from '../output/history-table.js';
import {uniquePrefixes} from '../update/undo.js';
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
	let file: string | undefined;
	try {
		const journal = openCommandJournal(io);
		file = journal.path;
		all = journal.entries();
	} catch (error) {
		const message = journalReadMessage(error, file);
		if (message === undefined) throw error;
		printErr(io, message);
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

/** A file error reading the journal (unreadable, a folder, a disk error) is the operator's to fix, not a bug. */
function journalReadMessage(error: unknown, file: string | undefined): string | undefined {
	if (error instanceof JournalOpenError) return error.message;
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (file === undefined || typeof code !== 'string') return undefined;
	return `The change journal ${file} could not be read (${code}): check that you own it and can read it (ls -l ${file}); nothing was changed.`;
}
