import type {Contact, ContactFields, FieldName} from '../contact/contact.js';
import {diffFields, type FieldChange} from '../contact/diff.js';
import {fieldsOf} from '../contact/fields.js';
import {prepareUpdate, type PreparedUpdate} from './prepare.js';

export type FreshCheck =
	/** Nobody changed an editable field: send the update as prepared. */
	| {kind: 'unchanged'}
	/** Someone else changed other fields: the same edits, rebuilt on the fresh copy. */
	| {kind: 'rebuilt'; update: PreparedUpdate; theirs: FieldChange[]}
	/** Someone else changed a field this update changes (or the edits no longer apply): send nothing. */
	| {kind: 'conflict'; theirs: FieldChange[]};

/** The phone's three parts travel as one object (cellPhone): a change to one touches them all. */
const GROUP: Record<FieldName, string> = {
	firstName: 'firstName',
	lastName: 'lastName',
	salutation: 'salutation',
	countryCode: 'cellPhone',
	phoneNumber: 'cellPhone',
	extension: 'cellPhone',
};

/** Another writer's changes touch a field (or the phone group) that `mine` changes. */
export function touchesSame(theirs: readonly FieldChange[], mine: readonly FieldName[]): boolean {
	const groups = new Set(mine.map(field => GROUP[field]));
	return theirs.some(change => groups.has(GROUP[change.field]));
}

/**
 * Compares the contact as read again just before sending with the copy the update was prepared
 * from. Every PUT sends all fields, so another writer's change to a field this update does not
 * touch is kept by rebuilding the body on the fresh copy; a change to the same field is a
 * conflict the operator must look at. Pure.
 */
export function checkFresh(update: PreparedUpdate, current: Contact): FreshCheck {
	const theirs = diffFields(fieldsOf(update.loaded), fieldsOf(current)).filter(row => row.changed);
	if (theirs.length === 0) return {kind: 'unchanged'};
	if (
		touchesSame(
			theirs,
			update.changes.map(change => change.field),
		)
	)
		return {kind: 'conflict', theirs};

	const edits: Partial<ContactFields> = {};
	for (const change of update.changes) edits[change.field] = update.after[change.field];
	const rebuilt = prepareUpdate({streamId: update.streamId, loaded: current, edits});
	if (!rebuilt.ok || rebuilt.update.changes.length === 0) return {kind: 'conflict', theirs};
	return {kind: 'rebuilt', update: rebuilt.update, theirs};
}
