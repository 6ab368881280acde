/**
 * Server data is untrusted: a contact's name may carry terminal escape sequences (colour, window
 * title, hyperlinks, cursor moves), carriage returns that overwrite what was printed, or bidi
 * overrides that reorder text so a diff shows something other than what will be sent.
 * `sanitize` turns any value into one line of plain, printable text.
 */
import stripAnsi from 'strip-ansi';
import type {Contact} from './contact.js';

/**
 * Control strings (DCS, SOS, OSC, PM, APC) in 7-bit (ESC P/X/]/^/_) and 8-bit (C1) form, up to
 * their terminator (BEL, ESC \ or the C1 string terminator). strip-ansi covers most of these; this
 * also removes 8-bit forms whose payload it would leave behind.
 */
const CONTROL_STRING = /(?:\u001B[PX\]^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)/gu;

/** Line breaks and tabs (incl. NEL, LINE/PARAGRAPH SEPARATOR, VT, FF): a run becomes one space. */
const LINE_BREAKS = /(?:\r\n|[\n\t\v\f\u0085\u2028\u2029])+/gu;

/** Every C0 control, DEL and every C1 control (what is left after the steps above). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/gu;

/**
 * Invisible characters that can spoof what is displayed: bidi embeddings/overrides
 * (U+202A–U+202E), bidi isolates (U+2066–U+2069), zero-width space (U+200B), word joiner and
 * invisible operators (U+2060–U+2064), and the BOM / zero-width no-break space (U+FEFF).
 * Kept on purpose: ZWJ/ZWNJ (U+200C/U+200D, needed by emoji sequences and Persian/Indic text) and
 * the LRM/RLM/ALM marks, which cannot reorder letters; ordinary RTL text is untouched.
 */
const INVISIBLE = /[\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** True when the text holds a character `sanitize` would remove or replace. */
export function hasUnsafeCharacters(text: string): boolean {
	return firstUnsafeCharacter(text) !== undefined;
}

/** The first character `sanitize` would remove or replace (control, escape, bidi override, zero-width), if any. */
export function firstUnsafeCharacter(text: string): string | undefined {
	for (const char of text) {
		if (
			/^[\u0000-\u001F\u007F-\u009F\u2028\u2029]$/u.test(char) ||
			/^[\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]$/u.test(char)
		) {
			return char;
		}
	}

	return undefined;
}

/**
 * Any value as one line of safe text: `String(value ?? '')`, escape sequences removed, newlines and
 * tabs (a run of them) become one space, every other C0/C1 control character removed (incl. \r,
 * \b, BEL, DEL, U+009B), bidi overrides/isolates and zero-width spaces removed.
 */
export function sanitize(value: unknown): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	return stripAnsi(text.replace(CONTROL_STRING, '')).replace(LINE_BREAKS, ' ').replace(CONTROL, '').replace(INVISIBLE, '');
}

/** Everything `sanitize` removes or replaces, one character at a time (escape sequences included). */
const REVEALED = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/**
 * Any value as one line of safe text that still shows what is hidden in it: every character
 * `sanitize` would remove is drawn as a visible stand-in instead (C0 controls as their Control
 * Pictures, e.g. ESC as "␛", CR as "␍", DEL as "␡"; C1 controls, bidi overrides and zero-width
 * characters as "<U+009B>"). For diffs, where "Mallory␛[31m -> Mallory" must not read as
 * "Mallory -> Mallory".
 */
export function reveal(value: unknown): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	return text.replace(REVEALED, char => {
		const code = char.charCodeAt(0);
		if (code < 0x20) return String.fromCharCode(0x2400 + code);
		if (code === 0x7f) return '\u2421';
		return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
	});
}

function sanitizeDeep(value: unknown, seen: WeakSet<object>): unknown {
	if (typeof value === 'string') {
		return sanitize(value);
	}

	if (value === null || typeof value !== 'object') {
		return value;
	}

	if (seen.has(value)) {
		return undefined;
	}

	seen.add(value);
	if (Array.isArray(value)) {
		return value.map(item => sanitizeDeep(item, seen));
	}

	const result: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		result[key] = sanitizeDeep(item, seen);
	}

	return result;
}

/** A copy of the contact with every string value (at any depth) sanitised; `id` is always a string. */
export function sanitizeContact(c: Contact): Contact {
	const result = sanitizeDeep(c, new WeakSet()) as Contact;
	return {...result, id: sanitize(c.id)};
}
