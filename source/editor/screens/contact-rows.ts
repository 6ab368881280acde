/** Labels and filtering for the contact browse list. Pure. */
import stringWidth from 'string-width';
import type {Contact} from '../../contact/contact.js';
import {contactName, fit, formatCount, formatPhone, truncate} from '../../contact/display.js';
import {phoneMatches} from '../../contact/phone.js';
import {sanitize} from '../../contact/sanitize.js';
import {type Symbols, UNICODE_SYMBOLS} from '../symbols.js';

type RowSymbols = Pick<Symbols, 'dot' | 'ellipsis'>;

function contactPhone(contact: Contact): string {
	return formatPhone(contact.cellPhone);
}

/** `name · phone · id` within `width` display columns: the one column layout of every row. */
function rowText(name: string, phone: string, id: string, width: number, symbols: RowSymbols): string {
	// The phone whole (the operator confirms it on the call), then the name; the ID gets what is
	// left, cut with … (a lookup by ID works on the typed text, and the card shows it whole).
	const phoneWidth = width >= 70 ? 22 : 16;
	const idWidth = Math.min(stringWidth(id), Math.max(10, Math.min(24, width - 6 - phoneWidth - 21)));
	const nameWidth = Math.max(6, width - idWidth - phoneWidth - 6);
	const {dot, ellipsis} = symbols;
	return `${fit(name, nameWidth, {ellipsis})} ${dot} ${fit(phone, phoneWidth, {ellipsis})} ${dot} ${truncate(id, idWidth, ellipsis)}`;
}

/** `name · phone · id`, columns aligned, within `width` display columns. */
export function contactRow(contact: Contact, width: number, symbols: RowSymbols = UNICODE_SYMBOLS): string {
	return rowText(contactName(contact), contactPhone(contact) || '-', sanitize(contact.id), width, symbols);
}

/**
 * A recent contact not loaded yet (only its remembered label and ID are known): the same columns
 * as a loaded row, the phone column blank.
 */
export function recentRow(label: string, id: string, width: number, symbols: RowSymbols = UNICODE_SYMBOLS): string {
	return rowText(sanitize(label).trim() || '(no name)', '', sanitize(id), width, symbols);
}

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

/** What the filter compares a contact with: worked out once per contact, not on every key. */
export type SearchKey = {
	/** Display name, lower case, accents folded (foldText). */
	name: string;
	/** ID, lower case. */
	id: string;
	/** Digits of the formatted phone (country code, number, extension). */
	phone: string;
	/** The stored phone, for national formats the digits alone do not find (phoneMatches). */
	cell: Contact['cellPhone'];
};

export function searchKey(contact: Contact): SearchKey {
	return {
		name: foldText(contactName(contact)),
		id: sanitize(contact.id).toLowerCase(),
		phone: contactPhone(contact).replace(/\D/g, ''),
		cell: contact.cellPhone,
	};
}

/** The typed filter, worked out once per key rather than once per contact. */
export type FilterQuery = {
	/** Trimmed, lower case, accents folded (foldText); '' matches everything. */
	text: string;
	/** The digits to look for in phone numbers, when the text is a phone number of 2+ digits. */
	digits: string | undefined;
	/** The text as typed when it looks like a phone number (digits, spaces, + - ( ) .): "07700 900123". */
	phone: string | undefined;
};

export function filterQuery(query: string): FilterQuery {
	const text = foldText(query.trim());
	const digits = text.replace(/[\s()+.-]/g, '');
	const isPhone = /^\d{2,}$/.test(digits);
	return {text, digits: isPhone ? digits : undefined, phone: isPhone ? text : undefined};
}

export function matchesKey(key: SearchKey, query: FilterQuery): boolean {
	return (
		query.text === '' ||
		key.name.includes(query.text) ||
		key.id.includes(query.text) ||
		(query.digits !== undefined && key.phone.includes(query.digits)) ||
		// Slower (parses the stored phone): only for a phone-like query the digits did not find.
		(query.phone !== undefined && phoneMatches(query.phone, key.cell))
	);
}

/** Case-insensitive match on name, id and phone (digits match with or without spaces). */
export function matchesContact(contact: Contact, query: string): boolean {
	return matchesKey(searchKey(contact), filterQuery(query));
}

/**
 * Search keys and row texts of the loaded contacts, each worked out once per contact object (and
 * row width): a page that arrives adds its own contacts only, and typing costs string compares.
 * Held per screen; contacts no longer referenced are dropped with their entries (WeakMap).
 */
export type ContactIndex = {
	key(contact: Contact): SearchKey;
	row(contact: Contact, width: number): string;
	/** The contacts matching the typed filter, in list order. */
	filter(contacts: readonly Contact[], query: string): Contact[];
};

export function createContactIndex(symbols: RowSymbols = UNICODE_SYMBOLS): ContactIndex {
	const keys = new WeakMap<Contact, SearchKey>();
	const rows = new WeakMap<Contact, {width: number; text: string}>();
	const key = (contact: Contact): SearchKey => {
		let found = keys.get(contact);
		if (!found) {
			found = searchKey(contact);
			keys.set(contact, found);
		}

		return found;
	};

	return {
		key,
		row(contact, width) {
			const found = rows.get(contact);
			if (found?.width === width) {
				return found.text;
			}

			const text = contactRow(contact, width, symbols);
			rows.set(contact, {width, text});
			return text;
		},
		filter(contacts, query) {
			const compiled = filterQuery(query);
			return compiled.text === '' ? [...contacts] : contacts.filter(contact => matchesKey(key(contact), compiled));
		},
	};
}

/**
 * Typed text shaped like a contact ID, worth a server lookup (which may page through the whole
 * stream). Kore contact IDs are 24 hex characters (6598aa3bd745a7c0c7e80dfc): hex text of 12 or
 * more characters with a letter in it (a phone number is digits only), 24 hex digits, or other
 * one-word text mixing letters and digits. A name ("wilson") or a phone number never is.
 */
export function looksLikeId(text: string): boolean {
	const t = text.trim();
	if (t.length < 4 || t.length > 100 || !/^[\w.-]+$/.test(t)) {
		return false;
	}

	if (/^[\da-f]+$/i.test(t)) {
		return t.length === 24 || (t.length >= 12 && /[a-f]/i.test(t));
	}

	return /\d/.test(t) && /[a-z]/i.test(t);
}

/** "1,234" */
export function count(n: number): string {
	return formatCount(n);
}
