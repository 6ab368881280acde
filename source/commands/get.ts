import {renderCard} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {connect, rememberUse, type GlobalOptions} from './context.js';
import {EXIT} from './errors.js';
import {findWithProgress} from './find.js';
import {printOut, stdoutStyle, type CommandIo} from './io.js';

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
