import type {ContactFields} from '../../source/contact/contact.js';
import {createKoreClient} from '../../source/kore/client.js';
import type {KoreClient} from '../../source/kore/types.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {prepareUpdate, type PreparedUpdate} from '../../source/core/prepare.js';

export {puts} from '../commands/helpers.js';

/** A real client for the sandbox: no retries, no proxy variables; `timeoutMs` when given. */
export function clientFor(sb: Sandbox, timeoutMs?: number): KoreClient {
	return createKoreClient({
		host: sb.url,
		accountId: sb.accountId,
		clientId: sb.clientId,
		clientSecret: sb.clientSecret,
		env: {},
		retries: 0,
		...(timeoutMs === undefined ? {} : {timeoutMs}),
	});
}

/** Finds the contact at `index` of the list (by paging, as the commands do) and prepares the edits. */
export async function prepareAt(
	client: KoreClient,
	sb: Sandbox,
	index: number,
	edits: Partial<ContactFields>,
): Promise<PreparedUpdate> {
	return prepareFor(client, sb, sb.contacts()[index]!.id, edits);
}

/** Finds the contact `id` (by paging, as the commands do) and prepares the edits. */
export async function prepareFor(
	client: KoreClient,
	sb: Sandbox,
	id: string,
	edits: Partial<ContactFields>,
): Promise<PreparedUpdate> {
	const {contact} = await client.findContact(sb.streamId, id);
	const result = prepareUpdate({streamId: sb.streamId, loaded: contact, edits});
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.update;
}
