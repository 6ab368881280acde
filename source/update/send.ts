import type {Contact} from '../contact/contact.js';
import {verifyStored, type FieldChange} from '../contact/diff.js';
import type {KoreClient, RequestOptions} from '../kore/types.js';
import type {PreparedUpdate} from './prepare.js';

export type SendResult = {
	/** The contact as the server stored it (its PUT response). */
	stored: Contact;
	/** Whether the stored values are the ones sent (phone normalisation taken into account). */
	verification: {ok: boolean; mismatches: FieldChange[]};
};

/**
 * Sends the prepared body with one PUT (never retried: a PUT whose outcome is unknown must be
 * checked, not repeated) and compares what the server stored with what was sent.
 * Throws the client's KoreError (with `outcomeUnknown` when the request may have arrived).
 */
export async function sendUpdate(client: KoreClient, update: PreparedUpdate, options: RequestOptions = {}): Promise<SendResult> {
	const stored = await client.updateContact(update.streamId, update.contactId, update.body, options);
	return {stored, verification: verifyStored(update.body, stored)};
}
