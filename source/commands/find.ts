import type {Command} from 'commander';
import type {Contact} from '../contact/contact.js';
import {contactName, formatCount, formatPhone} from '../contact/display.js';
import {contactMatcher as matchContact, matchQuery} from '../contact/match.js';
import {sanitize} from '../contact/sanitize.js';
import type {FoundContact, KoreClient, SearchPage} from '../kore/types.js';
import {progressLine, searchStream} from '../core/find.js';
import {toSafeJson} from '../output/json.js';
import {connect, type GlobalOptions} from './context.js';
import {EXIT, isInterrupted, UsageError} from './errors.js';
import {printErr, printOut, type CommandIo} from './io.js';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier, wholeNumber} from './parse.js';

/** client.findContact with "scanned 100 of 1,234" progress on a terminal (stderr). */
export async function findWithProgress(
	io: CommandIo,
	client: KoreClient,
	streamId: string,
	contactId: string,
): Promise<FoundContact> {
	const tty = Boolean(io.stderr.isTTY);
	let shown = false;
	try {
		return await client.findContact(streamId, contactId, {
			signal: io.signal,
			onProgress: (scanned, total) => {
				if (!tty) return;
				shown = true;
				const of = total === undefined ? '' : ` of ${formatCount(total)}`;
				io.stderr.write(`\r\u001B[2KLooking for the contact… ${formatCount(scanned)}${of} checked`);
			},
		});
	} finally {
		if (shown) io.stderr.write('\r\u001B[2K');
	}
}

export type FindOptions = {stream: string; text: string; json?: boolean; limit?: number};

/**
 * `find`: reads the whole list (⌈n/50⌉ requests) and prints each match as its page arrives: a
 * line per contact, or with --json a JSON object per line (JSON Lines), so an interrupted search
 * still leaves valid output. Ctrl+C keeps what was found: it is printed, and the exit is 130.
 */
export async function runFind(io: CommandIo, globals: GlobalOptions, options: FindOptions): Promise<number> {
	requireText(options.text);
	const {client} = await connect(io, globals);
	const tty = Boolean(io.stderr.isTTY);
	let found = 0;
	let last: SearchPage | undefined;
	const progress = (page: SearchPage) => {
		if (!tty) return;
		io.stderr.write(`\r\u001B[2K${progressLine(page, found)}`);
	};
	const clearProgress = () => {
		if (tty && last) io.stderr.write('\r\u001B[2K');
	};
	try {
		const result = await searchStream(client, options.stream, options.text, {
			signal: io.signal,
			...(options.limit === undefined ? {} : {limit: options.limit}),
			onPage(page) {
				last = page;
				if (page.matches.length > 0) clearProgress();
				for (const contact of page.matches) {
					found++;
					printOut(io, options.json ? toSafeJson(contact, 0) : resultLine(contact));
				}
				progress(page);
			},
		});
		clearProgress();
		const where = `${formatCount(result.scanned)} contact${result.scanned === 1 ? '' : 's'} (${formatCount(result.pages)} page${result.pages === 1 ? '' : 's'})`;
		const stopped = result.complete ? '' : ` (stopped at --limit ${formatCount(options.limit ?? found)})`;
		printErr(io, `${found === 0 ? 'No contact matches' : `${formatCount(found)} found`} in ${where}${stopped}.`);
		return EXIT.ok;
	} catch (error) {
		clearProgress();
		if (!isInterrupted(error, io.signal)) throw error;
		const scanned = last
			? `${formatCount(last.scanned)}${last.total === undefined ? '' : ` of ${formatCount(last.total)}`}`
			: '0';
		printErr(io, `Interrupted: ${formatCount(found)} found in the ${scanned} contacts searched (shown above).`);
		return EXIT.interrupted;
	}
}

function resultLine(contact: Contact): string {
	const phone = formatPhone(contact.cellPhone);
	return [sanitize(String(contact.id)), contactName(contact), phone].filter(part => part !== '').join('  ');
}

/** No text to find is a usage error, said before connecting. */
function requireText(text: string): void {
	if (matchQuery(text).text === '') {
		throw new UsageError('Give the text to find: part of a name, a phone number, or the start of an ID.');
	}
}

/** What `find TEXT` matches: contact/match.ts, the editor filter's matcher. */
export function contactMatcher(text: string): (contact: Contact) => boolean {
	requireText(text);
	return matchContact(text);
}

/** `kore-contacts find`: its flags and what it runs. */
export function findCommand(context: CommandContext): Command {
	return defineCommand(
		'find',
		`  $ kore-contacts find --stream st-123 "josé garcía"
  $ kore-contacts find --stream st-123 "07700 900123"
  $ kore-contacts find --stream st-123 667e48 --json | jq -r .id`,
	)
		.description('search the whole stream by name, phone or ID prefix (reads every page: ⌈n/50⌉ requests)')
		.argument('<text>', 'part of a name (any case or accents), a phone number in any format, or the start of an ID')
		.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
		.option('--limit <n>', 'stop after this many matches', wholeNumber(1, 100_000))
		.option('--json', 'print each match as one line of JSON (JSON Lines), as its page arrives')
		.action(
			runner<Omit<FindOptions, 'text'>>(context, (globals, options, [text = '']) =>
				runFind(context.io, globals, {...options, text}),
			),
		);
}
