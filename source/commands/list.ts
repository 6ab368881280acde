import type {Contact, ContactPage} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import {contactName, formatPhone} from '../contact/display.js';
import {toSafeJson} from '../output/json.js';
import {renderTable} from '../output/table.js';
import {formatCount} from '../output/text.js';
import {connect, type GlobalOptions} from './context.js';
import {EXIT} from './errors.js';
import {outputWidth, printOut, stdoutStyle, type CommandIo} from './io.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier, wholeNumber} from './parse.js';

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

/** `kore-contacts list`: its flags and what it runs. */
export function listCommand(context: CommandContext): Command {
	return defineCommand(
		'list',
		`  $ kore-contacts list --stream st-123
  $ kore-contacts list --stream st-123 --skip 50 --limit 50
  $ kore-contacts list --stream st-123 --json | jq -r '.results[].id'`,
	)
		.description('list the contacts of a stream, one page at a time')
		.requiredOption('--stream <id>', 'stream (bot) ID, e.g. st-... (required)', identifier('stream ID'))
		.option('--limit <n>', 'how many contacts to show (default 50)', wholeNumber(1, 1000))
		.option('--skip <n>', 'how many contacts to skip first (default 0)', wholeNumber(0, 10_000_000))
		.option('--json', 'print {results, skip, limit, hasMore, totalResults} as JSON, nothing else')
		.action(runner<ListOptions>(context, (globals, options) => runList(context.io, globals, options)));
}
