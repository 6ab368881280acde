/** Field rules, with messages that say what is wrong and what to type instead. */
import type {Contact, ContactFields, FieldName} from './contact.js';
import {FIELD_LABELS, FIELD_NAMES} from './fields.js';
import {badPhoneCharacterError, compactPhone, digitCountError, validateCountryCode, validateExtension} from './phone.js';
import {firstUnsafeCharacter} from './sanitize.js';
import {describeCharacter} from './text.js';

/** Longest first name, last name or salutation we accept, in characters (Unicode code points). The API documents no limit. */
export const MAX_NAME_LENGTH = 100;

export type FieldErrors = Partial<Record<FieldName, string>>;

function validateText(name: 'firstName' | 'lastName' | 'salutation', value: string): string | undefined {
	const label = FIELD_LABELS[name];
	const trimmed = value.trim();
	if (name === 'firstName' && trimmed === '') {
		return "First name can't be empty: type at least one letter.";
	}

	const unsafe = firstUnsafeCharacter(value);
	if (unsafe !== undefined) {
		const what = unsafe === '\n' || unsafe === '\r' ? 'a line break' : unsafe === '\t' ? 'a tab' : describeCharacter(unsafe);
		return `${label} contains ${what}: retype it on one line without control or invisible characters.`;
	}

	const invisible = firstInvisibleInName(value);
	if (invisible !== undefined) {
		const code = (invisible.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
		return `${label} contains an invisible character (U+${code}): retype it without invisible or formatting characters.`;
	}

	const length = [...trimmed].length;
	if (length > MAX_NAME_LENGTH) {
		return `${label} is ${length} characters long; the limit is ${MAX_NAME_LENGTH}: shorten it.`;
	}

	// A name needs a letter (any script; an emoji-only name is kept, as the API stores it): digits
	// alone or a pasted phone number ("+44 7700 900123") are not a name.
	if (name !== 'salutation' && trimmed !== '' && !/[\p{L}\p{Extended_Pictographic}]/u.test(trimmed)) {
		const example = name === 'firstName' ? 'John' : 'Doe';
		return /\p{N}/u.test(trimmed)
			? `${label} has no letters, only digits or symbols: type the name, e.g. ${example} (a phone number goes in Cell phone).`
			: `${label} has no letters: type the name, e.g. ${example}.`;
	}

	return undefined;
}

/** Default-ignorable and format characters draw nothing, so two names that look equal may differ. */
const INVISIBLE_IN_NAME = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * The first invisible character of a name, if any. Kept: ZWJ/ZWNJ between two visible characters
 * (emoji sequences, Persian and Indic spelling) and a variation selector after one (❤️).
 */
export function firstInvisibleInName(text: string): string | undefined {
	const chars = [...text];
	for (const [index, char] of chars.entries()) {
		if (!INVISIBLE_IN_NAME.test(char)) continue;
		const before = chars[index - 1] ?? '';
		const after = chars[index + 1] ?? '';
		if ((char === '\u200C' || char === '\u200D') && VISIBLE.test(before) && VISIBLE.test(after)) continue;
		if (/^[\uFE00-\uFE0F]$/u.test(char) && VISIBLE.test(before)) continue;
		return char;
	}

	return undefined;
}

function validatePhoneNumber(value: string): string | undefined {
	const compact = compactPhone(value);
	if (compact === '') {
		return undefined;
	}

	return badPhoneCharacterError(compact, false) ?? digitCountError(compact);
}

/**
 * One field's error, or undefined. `all` gives the other fields for rules that span two of them
 * (a phone number needs a country code).
 */
export function validateField(name: FieldName, value: string, all?: Partial<ContactFields>): string | undefined {
	const text = typeof value === 'string' ? value : '';
	switch (name) {
		case 'firstName':
		case 'lastName':
		case 'salutation': {
			return validateText(name, text);
		}

		case 'phoneNumber': {
			return validatePhoneNumber(text);
		}

		case 'countryCode': {
			const phone = compactPhone(all?.phoneNumber ?? '');
			if (text.trim() === '' && phone === '') {
				return undefined;
			}

			if (text.trim() === '') {
				return 'Country code is empty but there is a phone number: type + and 1 to 4 digits, e.g. +91.';
			}

			return validateCountryCode(text);
		}

		case 'extension': {
			return validateExtension(text);
		}
	}
}

/** Errors for every invalid field (an empty object when all is well). */
export function validateFields(f: ContactFields): FieldErrors {
	const errors: FieldErrors = {};
	for (const name of FIELD_NAMES) {
		const error = validateField(name, f[name], f);
		if (error !== undefined) {
			errors[name] = error;
		}
	}

	return errors;
}

/**
 * Errors only for the fields the operator changed (plus the country code when the phone changed and
 * vice versa), so odd data already stored in an untouched field does not block another correction.
 */
export function validateChanges(before: ContactFields, after: ContactFields): FieldErrors {
	const all = validateFields(after);
	const changed = new Set(FIELD_NAMES.filter(name => before[name] !== after[name]));
	if (changed.has('phoneNumber') || changed.has('countryCode')) {
		changed.add('phoneNumber');
		changed.add('countryCode');
	}

	const errors: FieldErrors = {};
	if (before.phoneNumber !== '' && compactPhone(after.phoneNumber) === '') {
		errors.phoneNumber =
			"Phone number can't be made empty: Kore refuses a contact without its cell number. Type the digits, e.g. 95501 00001.";
	}

	for (const name of FIELD_NAMES) {
		if (changed.has(name) && all[name] !== undefined && errors[name] === undefined) {
			errors[name] = all[name];
		}
	}

	return errors;
}

const TOP_LEVEL: FieldName[] = ['firstName', 'lastName', 'salutation'];
const PHONE_FIELDS: FieldName[] = ['countryCode', 'phoneNumber', 'extension'];

function kindOf(value: unknown): string {
	return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Fields the server holds as something other than text (a number, an object…) that the edits do not
 * set: the body would send them as text (or ''), an edit the operator never made. Each gets an
 * error saying to set that field in the same edit; null and missing count as empty, not as odd.
 */
export function storedTypeErrors(loaded: Contact, edits: Partial<ContactFields>): FieldErrors {
	const errors: FieldErrors = {};
	const cell: unknown = loaded.cellPhone;
	const cellObject = cell !== null && typeof cell === 'object' && !Array.isArray(cell) ? (cell as Record<string, unknown>) : {};
	const check = (name: FieldName, value: unknown) => {
		if (value === undefined || value === null || typeof value === 'string' || typeof edits[name] === 'string') return;
		errors[name] =
			`${FIELD_LABELS[name]} is stored in Kore as ${kindOf(value)}, not text: set ${FIELD_LABELS[name]} in this same edit so what is sent is what you chose.`;
	};

	for (const name of TOP_LEVEL) check(name, loaded[name]);
	if (cell !== undefined && cell !== null && cell !== cellObject) {
		if (!PHONE_FIELDS.some(name => typeof edits[name] === 'string')) {
			errors.phoneNumber = `Cell phone is stored in Kore as ${kindOf(cell)}, not a phone: set the phone number and country code in this same edit.`;
		}
	} else {
		for (const name of PHONE_FIELDS) check(name, cellObject[name]);
	}

	return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
	return Object.keys(errors).length > 0;
}
