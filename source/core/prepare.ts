import type {Contact, ContactFields, FieldName, UpdateBody} from '../contact/contact.js';
import {diffFields, fieldsOfBody, type FieldChange} from '../contact/diff.js';
import {fieldsOf} from '../contact/fields.js';
import {buildUpdateBody} from '../contact/update-body.js';
import {storedTypeErrors, validateChanges} from '../contact/validate.js';

/** Everything needed to show, check and send one update. Built only by prepareUpdate. */
export type PreparedUpdate = {
	streamId: string;
	contactId: string;
	/** The contact as read from the server (the conflict check compares against it). */
	loaded: Contact;
	before: ContactFields;
	after: ContactFields;
	/** Exactly what the PUT sends. */
	body: UpdateBody;
	/** Only the changed rows. */
	changes: FieldChange[];
	/** All six rows, in FIELD_NAMES order. */
	rows: FieldChange[];
};

export type PrepareInput = {
	streamId: string;
	loaded: Contact;
	edits: Partial<ContactFields>;
};

export type PrepareResult = {ok: true; update: PreparedUpdate} | {ok: false; errors: Partial<Record<FieldName, string>>};

/**
 * Applies the edits to the loaded contact, builds the exact PUT body and the diff, and checks the
 * values. Only fields whose value changes are held to the rules (validateChanges: the phone and
 * its country code count together): a value the server already holds and the operator did not
 * touch is sent back as it is, so fixing one field is never blocked by another. Pure: no I/O.
 */
export function prepareUpdate(input: PrepareInput): PrepareResult {
	const {streamId, loaded, edits} = input;
	const before = fieldsOf(loaded);
	const body = buildUpdateBody(loaded, edits);
	const after = fieldsOfBody(body);
	const rows = diffFields(before, after);
	const changes = rows.filter(row => row.changed);

	const errors = {...storedTypeErrors(loaded, edits), ...validateChanges(before, after)};
	if (Object.keys(errors).length > 0) return {ok: false, errors};

	return {
		ok: true,
		update: {streamId, contactId: String(loaded.id), loaded, before, after, body, changes, rows},
	};
}
