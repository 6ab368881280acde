/** Text for screens and human command output (pure: no React). Input should be sanitised text. */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import type {CellPhone, Contact, ContactFields} from './contact.js';
import {splitStoredPhone} from './phone.js';
import {sanitize} from './sanitize.js';

const widths = new Map<string, number>();
/** Distinct texts remembered; past this the memory is cleared and starts again. */
const WIDTHS_KEPT = 4096;

/**
 * Columns the text takes in a terminal (CJK and most emoji count 2, escape codes 0), remembered:
 * string-width walks every grapheme of a text with one non-ASCII character (a "·" is enough), and
 * every render measures the same row and key-line texts again.
 */
export function displayWidth(text: string): number {
	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widths.size >= WIDTHS_KEPT) widths.clear();
		widths.set(text, width);
	}

	return width;
}

/**
 * Cut to at most `width` columns with "…" at the end (by display width), without padding. The editor
 * passes its theme's ellipsis ("..." on an ASCII-only terminal).
 */
export function truncate(text: string, width: number, ellipsis = '…'): string {
	const columns = Math.max(0, Math.floor(width));
	if (columns === 0) {
		return '';
	}

	if (displayWidth(text) <= columns) {
		return text;
	}

	const mark = displayWidth(ellipsis) <= columns ? ellipsis : '';
	const cut = cliTruncate(text, columns, {position: 'end', truncationCharacter: mark});
	// cli-truncate can overshoot by a column when a wide (CJK/emoji) character sits at the edge.
	return displayWidth(cut) <= columns ? cut : cutByGraphemes(text, columns - displayWidth(mark)) + mark;
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of a text (the segmenter is made on first use: it costs memory and start-up time). */
export function graphemes(text: string): Iterable<Intl.SegmentData> {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter.segment(text);
}

/** 1234 -> "1,234". Not toLocaleString, whose first call loads ICU locale data at start-up. */
export function formatCount(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The longest start of the text (whole grapheme clusters) that fits in `columns`. */
function cutByGraphemes(text: string, columns: number): string {
	let result = '';
	let used = 0;
	for (const {segment} of graphemes(text)) {
		const width = displayWidth(segment);
		if (used + width > columns) {
			break;
		}

		result += segment;
		used += width;
	}

	return result;
}

/** Pad with spaces at the end to `width` columns (by display width); longer text is left as it is. */
export function padEnd(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, Math.floor(width) - displayWidth(text)));
}

/**
 * Exactly `width` columns: cut with "…" by display width when too long, padded with spaces when
 * short (a wide character that would straddle the edge is dropped and replaced by padding).
 * `{pad: false}` only cuts (same as `truncate`); `ellipsis` as in `truncate`.
 */
export function fit(text: string, width: number, options?: {pad?: boolean; ellipsis?: string}): string {
	const cut = truncate(text, width, options?.ellipsis);
	return options?.pad === false ? cut : padEnd(cut, width);
}

/** The contact's name for display: fullName, else first + last, else "(no name)"; sanitised. */
export function contactName(c: Contact): string {
	const full = sanitize(c?.fullName).trim();
	if (full !== '') {
		return full;
	}

	const parts = [sanitize(c?.firstName).trim(), sanitize(c?.lastName).trim()].filter(part => part !== '');
	return parts.length > 0 ? parts.join(' ') : '(no name)';
}

/**
 * "+91 9550100001", with " ext +91" when the extension is neither '' nor '+'; '' when there is no
 * number. Takes the editable fields or a stored cellPhone (whose country-code prefix is stripped).
 */
export function formatPhone(phone: ContactFields | CellPhone | null | undefined): string {
	const split = splitStoredPhone(phone);
	const digits = sanitize(split.phoneNumber);
	if (digits === '') {
		return '';
	}

	const code = sanitize(split.countryCode);
	const extension = sanitize(split.extension);
	const number = code === '' ? digits : `${code} ${digits}`;
	return extension === '' || extension === '+' ? number : `${number} ext ${extension}`;
}

/** "name · phone · id" (the phone left out when there is none); sanitised. */
export function contactLabel(c: Contact, separator = ' · '): string {
	return [contactName(c), formatPhone(c?.cellPhone), sanitize(c?.id)].filter(part => part !== '').join(separator);
}
