import type {Contact} from '../contact/contact.js';
import {diffFields, type FieldChange} from '../contact/diff.js';
import {fieldsOf} from '../contact/fields.js';
import type {KoreClient, RequestOptions} from '../kore/types.js';
import type {PreparedUpdate} from './prepare.js';

export type ConflictCheck =
	| {conflict: false; current: Contact}
	| {
			conflict: true;
			current: Contact;
			/** The editable fields someone else changed since the contact was read (may be empty when only updatedAt moved). */
			theirs: FieldChange[];
	  };

/**
 * Reads the contact again, from the server (the page it was found on), and compares it with the
 * copy the update was prepared from: any editable field that differs, or a different updatedAt,
 * means someone else saved it meanwhile, and the update must not be sent as it is.
 */
export async function checkConflict(
	client: KoreClient,
	update: PreparedUpdate,
	options: RequestOptions = {},
): Promise<ConflictCheck> {
	const {contact: current} = await client.rereadContact(update.streamId, update.contactId, options);
	const theirs = diffFields(fieldsOf(update.loaded), fieldsOf(current)).filter(row => row.changed);
	if (theirs.length > 0 || updatedAtMoved(update.loaded, current)) return {conflict: true, current, theirs};
	return {conflict: false, current};
}

function updatedAtMoved(loaded: Contact, current: Contact): boolean {
	const a = loaded.updatedAt;
	const b = current.updatedAt;
	if (a === undefined || a === null || b === undefined || b === null) return false;
	return String(a) !== String(b);
}
