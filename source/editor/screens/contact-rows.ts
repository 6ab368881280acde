/** Labels and filtering for the contact browse list. Pure. */
import stringWidth from 'string-width';
import type {Contact} from '../../contact/contact.js';
import {contactName, fit, formatPhone, truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';

function contactPhone(contact: Contact): string {
	return formatPhone(contact.cellPhone);
}

/** `name · phone · id`, columns aligned, within `width` display columns. */
export function contactRow(contact: Contact, width: number): string {
	const id = sanitize(contact.id);
	// The phone whole (the operator confirms it on the call), then the name; the ID gets what is
	// left, cut with … (a lookup by ID works on the typed text, and the card shows it whole).
	const phoneWidth = width >= 70 ? 22 : 16;
	const idWidth = Math.min(stringWidth(id), Math.max(10, Math.min(24, width - 6 - phoneWidth - 21)));
	const nameWidth = Math.max(6, width - idWidth - phoneWidth - 6);
	return `${fit(contactName(contact), nameWidth)} · ${fit(contactPhone(contact) || '-', phoneWidth)} · ${truncate(id, idWidth)}`;
}

/** Case-insensitive match on name, id and phone (digits match with or without spaces). */
export function matchesContact(contact: Contact, query: string): boolean {
	const q = query.trim().toLowerCase();
	if (q === '') {
		return true;
	}

	const name = contactName(contact).toLowerCase();
	const id = sanitize(contact.id).toLowerCase();
	const phone = contactPhone(contact).replace(/\D/g, '');
	const qDigits = q.replace(/[\s()+.-]/g, '');
	return name.includes(q) || id.includes(q) || (/^\d+$/.test(qDigits) && qDigits.length >= 2 && phone.includes(qDigits));
}

/** Typed text that could be a contact ID (worth a server lookup). */
export function looksLikeId(text: string): boolean {
	const t = text.trim();
	return t.length >= 4 && t.length <= 100 && /^[\w.-]+$/.test(t);
}

/** "1,234" */
export function count(n: number): string {
	return n.toLocaleString('en-US');
}
