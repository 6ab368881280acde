/** Field-by-field comparison: what the review screen shows and what verification checks. */
import type {Contact, ContactFields, FieldName, UpdateBody} from './contact.js';
import {FIELD_LABELS, FIELD_NAMES, fieldsOf} from './fields.js';
import {textOf} from './text.js';

export type FieldChange = {field: FieldName; label: string; before: string; after: string; changed: boolean};

/** All six rows in FIELD_NAMES order, `changed` set where the value differs. */
export function diffFields(before: ContactFields, after: ContactFields): FieldChange[] {
	return FIELD_NAMES.map(field => ({
		field,
		label: FIELD_LABELS[field],
		before: before[field],
		after: after[field],
		changed: before[field] !== after[field],
	}));
}

/** Names of the fields that differ, in FIELD_NAMES order. */
export function changedFields(before: ContactFields, after: ContactFields): FieldName[] {
	return diffFields(before, after)
		.filter(row => row.changed)
		.map(row => row.field);
}

/** The fields a body sends (cellPhone.phoneNumber is the digits without the country code). */
export function fieldsOfBody(body: UpdateBody): ContactFields {
	const cell: Partial<UpdateBody['cellPhone']> = body.cellPhone ?? {};
	return {
		firstName: textOf(body.firstName),
		lastName: textOf(body.lastName),
		salutation: textOf(body.salutation),
		countryCode: textOf(cell.countryCode),
		phoneNumber: textOf(cell.phoneNumber),
		extension: textOf(cell.extension),
	};
}

/**
 * Did the server store what we sent? Compares every field of the body with the stored contact,
 * where the server returns phoneNumber as countryCode + digits (fieldsOf strips it; a stored number
 * without the prefix compares by its digits). Each mismatch is a row with `before` = what was sent
 * and `after` = what the server stored.
 */
export function verifyStored(body: UpdateBody, stored: Contact): {ok: boolean; mismatches: FieldChange[]} {
	const mismatches = diffFields(fieldsOfBody(body), fieldsOf(stored)).filter(row => row.changed);
	return {ok: mismatches.length === 0, mismatches};
}
