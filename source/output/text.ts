import {displayWidth, fit as fitPadded, truncate} from '../contact/display.js';

export {displayWidth};

/** Cuts `text` to at most `width` columns (display width, so CJK/emoji count 2), ending in '…' when cut. */
export function fit(text: string, width: number): string {
	return truncate(text, width);
}

/** Exactly `width` columns: cut with '…' when too long, padded with spaces when short. */
export function padTo(text: string, width: number): string {
	return fitPadded(text, width);
}

/** 1234 -> "1,234". */
export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}
