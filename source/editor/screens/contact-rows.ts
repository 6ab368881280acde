/** Labels and filtering for the contact browse list. Pure. */
import type {Contact} from '../../contact/contact.js';
import {contactName, displayWidth, fit, formatCount, formatPhone, truncate} from '../../contact/display.js';
import {type MatchKey, keyMatches, matchKey, matchQuery} from '../../contact/match.js';
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
	const idWidth = Math.min(displayWidth(id), Math.max(10, Math.min(24, width - 6 - phoneWidth - 21)));
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

/**
 * Match keys (contact/match.ts, the matcher `find` uses too) and row texts of the loaded contacts,
 * each worked out once per contact object (and row width): a page that arrives adds its own contacts only, and typing costs string compares.
 * Held per screen; contacts no longer referenced are dropped with their entries (WeakMap).
 */
export type ContactIndex = {
	key(contact: Contact): MatchKey;
	row(contact: Contact, width: number): string;
	/** The contacts matching the typed filter, in list order. */
	filter(contacts: readonly Contact[], query: string): Contact[];
};

export function createContactIndex(symbols: RowSymbols = UNICODE_SYMBOLS): ContactIndex {
	const keys = new WeakMap<Contact, MatchKey>();
	const rows = new WeakMap<Contact, {width: number; text: string}>();
	const key = (contact: Contact): MatchKey => {
		let found = keys.get(contact);
		if (!found) {
			found = matchKey(contact);
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
			const compiled = matchQuery(query);
			return compiled.text === '' ? [...contacts] : contacts.filter(contact => keyMatches(key(contact), compiled));
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
