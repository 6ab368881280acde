/**
 * The one contact matcher, for `find` and the editor's filter: a name without regard to case or
 * accents (any part of "first last", "last first" or the full name), the phone in any format
 * (national with its trunk 0, E.164, 00-prefixed, digits only, or 3+ digits of it), or the start
 * of the ID. Pure; a contact's key is worked out once and a typed text once, then matching is
 * string compares.
 */
import type {CellPhone, Contact} from './contact.js';
import {compactPhone, splitStoredPhone} from './phone.js';
import {sanitize} from './sanitize.js';
import {textOf} from './text.js';

/** Letters that carry no combining mark to strip (NFD leaves them whole). */
const FOLDED: Record<string, string> = {ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th'};

/** Lower case without accents, for comparing: "Araújo" -> "araujo", "Łukasz" -> "lukasz", "Straße" -> "strasse". */
export function foldText(text: string): string {
	return (
		text
			.toLowerCase()
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			// The letters of FOLDED, escaped: one non-ASCII character in a regex keeps the whole bundle
			// a two-byte string in memory (esbuild escapes strings but leaves regexes alone).
			.replace(/[\u0142\u00F8\u0111\u00F0\u0127\u0131\u00DF\u00E6\u0153\u00FE]/g, ch => FOLDED[ch] ?? ch)
	);
}

/** foldText with runs of spaces made one and the ends trimmed: "  Jose   Gar " -> "jose gar". */
function foldWords(text: string): string {
	return foldText(text).replace(/\s+/g, ' ').trim();
}

/** Digits without the leading zeros of a trunk or exit prefix. */
function significant(digits: string): string {
	return digits.replace(/^0+/, '');
}

/** What a contact is compared by. */
export type MatchKey = {
	/** Folded names, joined by a newline (which no folded query holds). */
	names: string;
	/** The ID, sanitised, lower case. */
	id: string;
	/** The national number's digits without a trunk 0, and the country code's digits before them ('' without a phone). */
	national: string;
	full: string;
};

export function matchKey(contact: Contact): MatchKey {
	const first = sanitize(contact.firstName).trim();
	const last = sanitize(contact.lastName).trim();
	const names = [`${first} ${last}`, `${last} ${first}`, sanitize(contact.fullName)].map(foldWords);
	return {names: names.join('\n'), id: sanitize(contact.id).trim().toLowerCase(), ...phoneKey(contact.cellPhone)};
}

function phoneKey(cell: CellPhone | null | undefined): Pick<MatchKey, 'national' | 'full'> {
	const {countryCode, phoneNumber} = splitStoredPhone(cell);
	const national = significant(phoneNumber.replace(/\D/g, ''));
	return {national, full: national === '' ? '' : `${countryCode.replace(/\D/g, '')}${national}`};
}

/** A typed text, worked out once. */
export type MatchQuery = {
	/** Folded, spaces collapsed; '' matches every contact. */
	text: string;
	/** Lower case, trimmed. */
	idPrefix: string;
	/** When the text is a phone number (or 3+ digits of one). */
	phone?: {digits: string; international: boolean};
};

export function matchQuery(typed: string): MatchQuery {
	const text = foldWords(sanitize(typed));
	const query: MatchQuery = {text, idPrefix: sanitize(typed).trim().toLowerCase()};
	const compact = compactPhone(textOf(typed));
	if (/^\+?\d{3,}$/.test(compact)) {
		const digits = compact.replace(/^\+/, '');
		query.phone = {digits, international: compact.startsWith('+') || digits.startsWith('00')};
	}
	return query;
}

export function keyMatches(key: MatchKey, query: MatchQuery): boolean {
	if (query.text === '') return true;
	return key.id.startsWith(query.idPrefix) || key.names.includes(query.text) || phoneKeyMatches(key, query);
}

function phoneKeyMatches(key: Pick<MatchKey, 'national' | 'full'>, query: MatchQuery): boolean {
	const {phone} = query;
	if (!phone || key.national === '') return false;
	const wanted = significant(phone.digits);
	// "+44 7700…" or "0044 7700…" names the country: compared with the country code in front.
	if (phone.international) return wanted !== '' && key.full.includes(wanted);
	// National ("07700 900123"), digits only, or a part: within the national number, or with the country code.
	return (wanted !== '' && key.national.includes(wanted)) || key.full.includes(phone.digits);
}

/** The phone part of the matcher alone: does this stored cell phone match the typed number? */
export function phoneMatches(typed: string, cell: CellPhone | null | undefined): boolean {
	return phoneKeyMatches(phoneKey(cell), matchQuery(typed));
}

/** A matcher for one typed text: `contacts.filter(contactMatcher(text))`. */
export function contactMatcher(typed: string): (contact: Contact) => boolean {
	const query = matchQuery(typed);
	return contact => keyMatches(matchKey(contact), query);
}
