/** The body of `PUT /contacts/{id}`: exactly the four documented fields, in the documented order. */
import type {Contact, ContactFields, UpdateBody} from './contact.js';
import {FIELD_NAMES, fieldsOf} from './fields.js';
import {compactPhone, normalizeCountryCode} from './phone.js';

/**
 * The loaded fields with the edits applied: edits are trimmed (the phone compacted to digits, the
 * country code without spaces). A salutation differing only in case from the stored one ("Mr" for
 * "mr") is no edit: the stored text is kept, so the diff and the body agree nothing changed.
 */
export function applyEdits(before: ContactFields, edits: Partial<ContactFields>): ContactFields {
	const after: ContactFields = {...before};
	for (const name of FIELD_NAMES) {
		const value = edits[name];
		if (typeof value !== 'string') {
			continue;
		}

		after[name] =
			name === 'phoneNumber' ? compactPhone(value) : name === 'countryCode' ? normalizeCountryCode(value) : value.trim();
		if (name === 'salutation' && sameSalutation(before.salutation, after.salutation)) {
			after.salutation = before.salutation;
		}
	}

	return after;
}

/** Salutations match without regard to case or surrounding spaces: `mr` is `Mr`. */
export function sameSalutation(a: string, b: string): boolean {
	return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The body for some fields: firstName, lastName, salutation, cellPhone{phoneNumber, countryCode, extension}, nothing else. */
export function bodyOfFields(f: ContactFields): UpdateBody {
	return {
		firstName: f.firstName,
		lastName: f.lastName,
		salutation: f.salutation,
		cellPhone: {
			phoneNumber: compactPhone(f.phoneNumber),
			countryCode: f.countryCode,
			extension: f.extension,
		},
	};
}

/** One record of a bulk update: the contact's ID first, as in Kore's sample, then the same body a single PUT sends. */
export function bulkRecordOf(id: string, f: ContactFields): UpdateBody & {id: string} {
	return {id, ...bodyOfFields(f)};
}

/**
 * What the PUT sends: the contact's fields as loaded (fieldsOf, so the phone is the national digits
 * without the country code the server prefixes) with the edits applied. Always all four documented
 * fields with a complete cellPhone; an empty phone stays ''. Validate first (validateFields): this
 * only builds.
 */
export function buildUpdateBody(before: Contact, edits: Partial<ContactFields>): UpdateBody {
	return bodyOfFields(applyEdits(fieldsOf(before), edits));
}
