import {renderCard} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {connect, rememberUse, type GlobalOptions} from './context.js';
import {EXIT} from './errors.js';
import {findWithProgress} from './find.js';
import {printOut, stdoutStyle, type CommandIo} from './io.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier} from './parse.js';

export type GetOptions = {stream: string; contact: string; json?: boolean};

/** Finds one contact by paging through the list (there is no single-contact GET) and shows it. */
export async function runGet(io: CommandIo, globals: GlobalOptions, options: GetOptions): Promise<number> {
	const connection = await connect(io, globals);
	const {contact} = await findWithProgress(io, connection.client, options.stream, options.contact);
	rememberUse(connection, options.stream, contact);
	if (options.json) {
		printOut(io, toSafeJson(contact));
		return EXIT.ok;
	}
	for (const line of renderCard(contact, stdoutStyle(io))) printOut(io, line);
	return EXIT.ok;
}

/** `kore-contacts get`: its flags and what it runs. */
export function getCommand(context: CommandContext): Command {
	return defineCommand(
		'get',
		`  $ kore-contacts get --stream st-123 --contact 667e48f7c8b972fc6910abcd
  $ kore-contacts get --stream st-123 --contact 667e48f7c8b972fc6910abcd --json`,
	)
		.description('show one contact (found by paging through the list)')
		.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
		.requiredOption('--contact <id>', 'contact ID (required)', identifier('contact ID'))
		.option('--json', 'print the contact as JSON, nothing else')
		.action(runner<GetOptions>(context, (globals, options) => runGet(context.io, globals, options)));
}
