import {formatCount} from '../contact/display.js';
import type {FoundContact, KoreClient} from '../kore/types.js';
import type {CommandIo} from './io.js';

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
