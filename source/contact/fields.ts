/** The six editable fields as the operator sees them. */
import type {Contact, ContactFields, FieldName} from './contact.js';
import {splitStoredPhone} from './phone.js';
import {textOf} from './text.js';

export const FIELD_NAMES: FieldName[] = ['firstName', 'lastName', 'salutation', 'countryCode', 'phoneNumber', 'extension'];

export const FIELD_LABELS: Record<FieldName, string> = {
	firstName: 'First name',
	lastName: 'Last name',
	salutation: 'Salutation',
	countryCode: 'Country code',
	phoneNumber: 'Phone number',
	extension: 'Extension',
};

/** Suggested salutations; the API takes free text (samples use "mr", "Mr"). */
export const SALUTATIONS = ['Mr', 'Mrs', 'Ms', 'Mx', 'Dr'];

export function isFieldName(name: unknown): name is FieldName {
	return typeof name === 'string' && (FIELD_NAMES as string[]).includes(name);
}

/**
 * The editable fields of a contact as read from the server: null/missing/non-string -> '', the phone
 * split into country code and national digits (splitStoredPhone). Names are NOT trimmed or
 * sanitised, so an unedited field is sent back exactly as stored; sanitise when displaying.
 */
export function fieldsOf(c: Contact): ContactFields {
	const contact: Partial<Contact> = c !== null && typeof c === 'object' ? c : {};
	const phone = splitStoredPhone(contact.cellPhone);
	return {
		firstName: textOf(contact.firstName),
		lastName: textOf(contact.lastName),
		salutation: textOf(contact.salutation),
		countryCode: phone.countryCode,
		phoneNumber: phone.phoneNumber,
		extension: phone.extension,
	};
}

/** Empty fields, e.g. for forms. */
export function emptyFields(): ContactFields {
	return {firstName: '', lastName: '', salutation: '', countryCode: '', phoneNumber: '', extension: ''};
}
