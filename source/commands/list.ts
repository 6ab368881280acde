import type {Contact, ContactPage} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import {contactName, formatPhone} from '../contact/display.js';
import {toSafeJson} from '../output/json.js';
import {renderTable} from '../output/table.js';
import {formatCount} from '../output/text.js';
import {connect, type GlobalOptions} from './context.js';
import {EXIT} from './errors.js';
import {outputWidth, printOut, stdoutStyle, type CommandIo} from './io.js';

export type ListOptions = {stream: string; limit?: number; skip?: number; json?: boolean};

export const DEFAULT_LIST_LIMIT = 50;

/** The `--json` shape of `list`. */
export type ListJson = {results: Contact[]; skip: number; limit: number; hasMore: boolean; totalResults: number | null};

export async function runList(io: CommandIo, globals: GlobalOptions, options: ListOptions): Promise<number> {
	const {client} = await connect(io, globals);
	const skip = options.skip ?? 0;
	const limit = options.limit ?? DEFAULT_LIST_LIMIT;

	// The server may grant smaller pages than asked (50 at most in practice): page until `limit` is reached.
	const results: Contact[] = [];
	let page: ContactPage | undefined;
	let hasMore = true;
	while (results.length < limit && hasMore) {
		page = await client.listContacts(
			options.stream,
			{skip: skip + results.length, limit: limit - results.length},
			{signal: io.signal},
		);
		results.push(...page.results.slice(0, limit - results.length));
		hasMore = page.hasMore && page.results.length > 0;
	}
	const total = page?.totalResults;
	const more = hasMore || (total !== undefined && skip + results.length < total);

	if (options.json) {
		const json: ListJson = {results, skip, limit, hasMore: more, totalResults: total ?? null};
		printOut(io, toSafeJson(json));
		return EXIT.ok;
	}

	const style = stdoutStyle(io);
	if (results.length === 0) {
		printOut(io, skip > 0 ? `No contacts after the first ${formatCount(skip)}.` : 'This stream has no contacts.');
		return EXIT.ok;
	}
	const rows = results.map(contact => [
		contactName(contact),
		formatPhone(contact.cellPhone),
		sanitize(contact.salutation),
		sanitize(contact.id),
	]);
	const lines = renderTable(
		[
			{header: 'Name', min: 8, shrink: 3},
			{header: 'Phone', min: 8, shrink: 2},
			{header: 'Salutation', min: 5, max: 12, shrink: 2},
			{header: 'ID'},
		],
		rows,
		outputWidth(io),
	);
	printOut(io, style.bold(lines[0]!));
	for (const line of lines.slice(1)) printOut(io, line);
	const range = `showing ${formatCount(skip + 1)}–${formatCount(skip + results.length)}`;
	const of = total === undefined ? '' : ` of ${formatCount(total)}`;
	const next = more ? `; next page: --skip ${skip + results.length}` : '';
	printOut(io, style.dim(`${range}${of}${next}`));
	return EXIT.ok;
}
