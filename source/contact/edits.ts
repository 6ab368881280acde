/** Typed values (flags of `update`, cells of a `bulk` file) turned into field edits: one rule for both. */
import type {ContactFields, FieldName} from './contact.js';
import {parsePhoneInput} from './phone.js';

/** What the operator gave; undefined leaves the field as it is. `phone` may carry its own country code. */
export type EditInput = {
	firstName?: string | undefined;
	lastName?: string | undefined;
	salutation?: string | undefined;
	phone?: string | undefined;
	countryCode?: string | undefined;
	extension?: string | undefined;
};

export type BuiltEdits = {ok: true; edits: Partial<ContactFields>} | {ok: false; errors: Partial<Record<FieldName, string>>};

/**
 * The edits, with the phone parsed (a pasted international number sets the country code too).
 * `countryCodeName` is how the operator gave the country code, for the message when both disagree.
 */
export function buildEditsFrom(input: EditInput, current: ContactFields, countryCodeName = '--country-code'): BuiltEdits {
	const edits: Partial<ContactFields> = {};
	const errors: Partial<Record<FieldName, string>> = {};
	if (input.firstName !== undefined) edits.firstName = input.firstName;
	if (input.lastName !== undefined) edits.lastName = input.lastName;
	if (input.salutation !== undefined) edits.salutation = input.salutation;
	if (input.extension !== undefined) edits.extension = input.extension;
	const countryCode = input.countryCode?.trim();
	if (countryCode !== undefined) edits.countryCode = countryCode;
	if (input.phone !== undefined) {
		const parsed = parsePhoneInput(input.phone, countryCode ?? current.countryCode);
		if (!parsed.ok) {
			errors.phoneNumber = parsed.error;
		} else if (countryCode !== undefined && parsed.phoneNumber !== '' && parsed.countryCode !== countryCode) {
			errors.phoneNumber = `The number is for ${parsed.countryCode} but ${countryCodeName} says ${countryCode}: leave one of them out, or make them agree.`;
		} else {
			edits.phoneNumber = parsed.phoneNumber;
			if (parsed.phoneNumber !== '' && parsed.countryCode) edits.countryCode = parsed.countryCode;
		}
	}
	return Object.keys(errors).length > 0 ? {ok: false, errors} : {ok: true, edits};
}
