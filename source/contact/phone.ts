/**
 * The phone rules. The API takes `cellPhone.phoneNumber` as digits only plus a separate
 * `countryCode` ("+91"), and stores/returns countryCode + digits ("+9195501xxxxx"). The editor shows
 * and edits the national digits only, so what is read must have its country code stripped.
 */
import {parsePhoneNumberFromString} from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';
import type {CellPhone} from './contact.js';
import {describeCharacter, textOf} from './text.js';

export type PhoneParse = {ok: true; countryCode: string; phoneNumber: string} | {ok: false; error: string};

export type StoredPhone = {countryCode: string; phoneNumber: string; extension: string};

export const MIN_PHONE_DIGITS = 4;
export const MAX_PHONE_DIGITS = 15;
export const MAX_EXTENSION_LENGTH = 10;

/**
 * Separators people type or paste inside a number: whitespace (incl. newlines, tabs, NBSP), dashes
 * (U+2010 to U+2015 and the minus sign U+2212, escaped: see foldText in contact-rows.ts), dots, parentheses.
 */
const SEPARATORS = /[\s\p{Zs}\-\u2010-\u2015\u2212.()]/gu;

/** Invisible formatting that comes along with pasted numbers (bidi marks/embeddings/isolates, zero-width chars, BOM). */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** Zero code points of decimal digit sets people paste numbers in (NFKC already maps full-width digits). */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50];

function asciiDigits(text: string): string {
	return text.replace(/\p{Nd}/gu, char => {
		const code = char.codePointAt(0) ?? 0;
		for (const zero of DIGIT_ZEROS) {
			if (code >= zero && code <= zero + 9) {
				return String(code - zero);
			}
		}

		return char;
	});
}

/** The text with separators and invisible formatting removed, full-width and native digits made ASCII. */
export function compactPhone(text: string): string {
	return asciiDigits(text.normalize('NFKC')).replace(INVISIBLE, '').replace(SEPARATORS, '');
}

/** "Phone number has 3 digits; a cell number has 4 to 15 digits." or undefined when the count is fine. */
export function digitCountError(digits: string): string | undefined {
	if (digits.length >= MIN_PHONE_DIGITS && digits.length <= MAX_PHONE_DIGITS) {
		return undefined;
	}

	const count = `${digits.length} ${digits.length === 1 ? 'digit' : 'digits'}`;
	return `Phone number has ${count}; a cell number has ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits.`;
}

/** The error for the first character of a compacted number that is not a digit (a leading + allowed when `allowPlus`). */
export function badPhoneCharacterError(compact: string, allowPlus: boolean): string | undefined {
	const chars = [...compact];
	for (const [index, char] of chars.entries()) {
		if (/^[0-9]$/.test(char)) {
			continue;
		}

		if (char === '+') {
			if (index === 0 && allowPlus) {
				continue;
			}

			return index === 0
				? 'Phone number starts with +: type the country code in the Country code field and only the digits here.'
				: 'Phone number has a + in the middle: + may only start an international number, e.g. +91 95501 00001.';
		}

		return `Phone number may contain digits only (spaces and dashes are fine): found ${describeCharacter(char)}. Type just the digits, e.g. 95501 00001.`;
	}

	return undefined;
}

/**
 * What the operator typed or pasted into the phone field.
 * - Empty (or only whitespace) => ok with phoneNumber ''.
 * - Digits with spaces, dashes, dots, parentheses, newlines or tabs => those digits, with `countryCode`
 *   as given. A leading trunk 0 is kept as typed (we don't guess).
 * - An international number (`+91 95501 00001`, `+1 (415) 555-0100`, `0044 20 7946 0958`) is split by
 *   libphonenumber-js into country code and national digits; the pasted country code wins over `countryCode`.
 * - Letters or other characters => an error naming the character and saying what to type.
 */
export function parsePhoneInput(input: string, countryCode = ''): PhoneParse {
	const compact = compactPhone(textOf(input));
	const givenCode = normalizeCountryCode(countryCode);
	if (compact === '') {
		return {ok: true, countryCode: givenCode, phoneNumber: ''};
	}

	const international = compact.startsWith('+') || compact.startsWith('00');
	const bad = badPhoneCharacterError(compact, true);
	if (bad) {
		return {ok: false, error: bad};
	}

	if (!international) {
		if (
			compact.startsWith('011') &&
			exitPrefixSuggestion(compact) &&
			!parsePhoneNumberFromString(`${givenCode}${compact}`)?.isValid()
		) {
			return {ok: false, error: exitPrefixError(compact)};
		}

		const countError = digitCountError(compact);
		if (countError) {
			return {ok: false, error: countError};
		}

		const doubled = doubledCountryCodeError(compact, givenCode);
		return doubled ? {ok: false, error: doubled} : {ok: true, countryCode: givenCode, phoneNumber: compact};
	}

	const e164 = compact.startsWith('+') ? compact : `+${compact.slice(2)}`;
	if (e164 === '+') {
		return {
			ok: false,
			error: 'Phone number is only a +: type the country code and the number, e.g. +91 95501 00001, or just the digits.',
		};
	}

	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed) {
		return {
			ok: false,
			error: `No known country code at the start of ${e164}: check the number, or type the country code in the Country code field and only the digits here.`,
		};
	}

	// 00 is the exit prefix in much of the world but 0011 in Australia: a 00 number is read as
	// another country only when the operator writes that country with +.
	const parsedCode = `+${parsed.countryCallingCode}`;
	if (!compact.startsWith('+') && parsedCode !== givenCode) {
		return {ok: false, error: exitPrefixError(compact)};
	}

	const national = String(parsed.nationalNumber);
	const countError = digitCountError(national);
	if (countError) {
		return {ok: false, error: countError};
	}

	return {ok: true, countryCode: parsedCode, phoneNumber: national};
}

const EXIT_PREFIXES = ['0011', '011', '00'];

/** The +CC form of a number dialled with an exit prefix (0011, 011, 00): the first reading of a possible length. */
export function exitPrefixSuggestion(compact: string): string | undefined {
	for (const prefix of EXIT_PREFIXES) {
		if (!compact.startsWith(prefix)) continue;
		const parsed = parsePhoneNumberFromString(`+${compact.slice(prefix.length)}`);
		if (parsed?.isPossible()) return parsed.formatInternational();
	}

	return undefined;
}

function exitPrefixError(compact: string): string {
	const prefix = EXIT_PREFIXES.find(p => compact.startsWith(p)) ?? '00';
	const suggestion = exitPrefixSuggestion(compact);
	return suggestion
		? `Phone number starts with ${prefix}, a dialling prefix that differs by country: type it with + and the country code, e.g. ${suggestion}, or only the national digits.`
		: `Phone number starts with ${prefix}, a dialling prefix that differs by country: type it with + and the country code, e.g. +44 7700 900123, or only the national digits.`;
}

/**
 * "91 95501 00001" with country code +91 would be stored as +91919550100001: the country code
 * pasted without its +. Only reported when the digits are not a valid number as they are but are
 * one without the leading country code (so +1 1..., +49 49... numbers that are valid stay accepted).
 */
function doubledCountryCodeError(digits: string, countryCode: string): string | undefined {
	const code = /^\+([0-9]{1,4})$/.exec(countryCode)?.[1];
	if (!code || !digits.startsWith(code) || digits.length - code.length < MIN_PHONE_DIGITS) {
		return undefined;
	}

	const rest = digits.slice(code.length);
	if (parsePhoneNumberFromString(`+${code}${digits}`)?.isValid() || !parsePhoneNumberFromString(`+${code}${rest}`)?.isValid()) {
		return undefined;
	}

	return `Phone number starts with ${code}, the country code ${countryCode}: type only the digits after it (${rest}), or paste the whole number with + (+${code} ${rest}).`;
}

/** A country code as typed, with surrounding and inner whitespace removed. Never adds a missing "+" (validateCountryCode reports it). */
export function normalizeCountryCode(code: string): string {
	return textOf(code)
		.normalize('NFKC')
		.replace(/[\s\p{Zs}]/gu, '');
}

/** True when the digits (no +) are a country calling code in libphonenumber-js's metadata (incl. non-geographic ones such as 800). */
export function isCallingCode(digits: string): boolean {
	return Object.hasOwn(metadata.country_calling_codes, digits) || Object.hasOwn(metadata.nonGeographic, digits);
}

/** An error message for a country code, or undefined when it is "+" and a real calling code. */
export function validateCountryCode(code: string): string | undefined {
	const value = normalizeCountryCode(code);
	if (/^\+[0-9]{1,4}$/.test(value)) {
		// "+1684" (American Samoa) is how +1 and an area code are often written.
		return isCallingCode(value.slice(1)) || /^\+1[2-9][0-9]{2}$/.test(value)
			? undefined
			: `Country code ${value} is not a calling code in use: check it, e.g. +91 for India, +44 for the UK, +1 for the US.`;
	}

	if (value === '') {
		return 'Country code is empty: type + and 1 to 4 digits, e.g. +91.';
	}

	if (/^00[0-9]{1,4}$/.test(value)) {
		return `Country code starts with +, not 00: type +${value.slice(2)}.`;
	}

	if (/^[0-9]{1,4}$/.test(value)) {
		return `Country code needs a leading +: type +${value}.`;
	}

	return `Country code starts with + and has 1 to 4 digits, e.g. +91: found '${value}'.`;
}

/** An error message for an extension (dialing prefix), or undefined when it is '', '+' or '+' and digits, up to 10 characters. */
export function validateExtension(extension: string): string | undefined {
	const value = textOf(extension).trim();
	if (value.length > MAX_EXTENSION_LENGTH) {
		return `Extension is ${value.length} characters long; the limit is ${MAX_EXTENSION_LENGTH}: shorten it, e.g. +91.`;
	}

	if (/^(?:\+[0-9]*)?$/.test(value)) {
		return undefined;
	}

	return `Extension is empty, + or + followed by digits, e.g. +91: found '${value}'.`;
}

/**
 * The phone as the server stored it, split for editing: the country code stripped from
 * `phoneNumber` ("+9195501xxxxx" with "+91" -> "95501xxxxx"), separators removed. Never throws:
 * null/missing values become '', a number not prefixed by its country code keeps its digits, and a
 * prefixed number without a stored country code is split by libphonenumber-js.
 */
export function splitStoredPhone(cell?: CellPhone | null): StoredPhone {
	const source: CellPhone = cell !== null && typeof cell === 'object' ? cell : {};
	const countryCode = normalizeCountryCode(textOf(source.countryCode));
	const extension = textOf(source.extension).trim();
	const phone = compactPhone(textOf(source.phoneNumber));
	const codeDigits = /^\+?[0-9]+$/.test(countryCode) ? countryCode.replace(/^\+/, '') : '';

	if (!phone.startsWith('+')) {
		return {countryCode, phoneNumber: phone, extension};
	}

	if (codeDigits !== '' && phone.startsWith(`+${codeDigits}`)) {
		return {countryCode, phoneNumber: phone.slice(codeDigits.length + 1), extension};
	}

	if (countryCode === '') {
		const parsed = /^\+[0-9]+$/.test(phone) ? parsePhoneNumberFromString(phone) : undefined;
		if (parsed) {
			return {countryCode: `+${parsed.countryCallingCode}`, phoneNumber: String(parsed.nationalNumber), extension};
		}
	}

	return {countryCode, phoneNumber: phone.slice(1), extension};
}

/** The number Kore will store for a country code and digits: "+91" + "95501 00001" -> "+919550100001"; '' without digits. */
export function storedPhoneNumber(countryCode: string, digits: string): string {
	const compact = compactPhone(digits);
	return compact === '' ? '' : `${normalizeCountryCode(countryCode)}${compact}`;
}

export type PhoneAdvice = {
	/** One sentence: what is odd and what to type instead. */
	message: string;
	/** The national digits to use instead, when there is a sure fix (a trunk 0 to drop). */
	suggestion?: string;
};

function regionName(region: string): string {
	try {
		return new Intl.DisplayNames(['en'], {type: 'region'}).of(region) ?? region;
	} catch {
		return region;
	}
}

/**
 * Advice on digits that pass the rules but are unlikely to be the number meant, checked against
 * the country's numbering plan: a trunk prefix kept ("+44" with "07700 900123": Kore would store
 * +4407700900123; suggestion "7700900123"), or a number that is not valid for the country. Only
 * advice: fictional and new ranges fail the check, so the caller warns rather than refuses.
 */
export function phoneAdvice(countryCode: string, digits: string): PhoneAdvice | undefined {
	const code = normalizeCountryCode(countryCode);
	const national = compactPhone(digits);
	if (!/^\+[0-9]{1,4}$/.test(code) || !/^[0-9]+$/.test(national)) {
		return undefined;
	}

	const parsed = parsePhoneNumberFromString(`${code}${national}`);
	if (!parsed) {
		return undefined;
	}

	const stored = storedPhoneNumber(code, national);
	if (parsed.nationalNumber !== national && national.endsWith(parsed.nationalNumber)) {
		const prefix = national.slice(0, national.length - parsed.nationalNumber.length);
		return {
			message: `Kore would store ${stored}, with the ${prefix} dialled only inside the country: type ${parsed.nationalNumber} (${parsed.formatInternational()}).`,
			suggestion: parsed.nationalNumber,
		};
	}

	if (!parsed.isValid()) {
		const region = parsed.country ?? metadata.country_calling_codes[parsed.countryCallingCode]?.[0];
		const where = region ? `${regionName(region)} (${code})` : `country code ${code}`;
		return {
			message: `${parsed.formatInternational()} is not a valid number for ${where}: check the digits and the country code.`,
		};
	}

	return undefined;
}
