/**
 * JSON for a terminal or a pipe: the same data as JSON.stringify, but characters that a terminal
 * may act on and that JSON.stringify leaves raw (DEL, the C1 controls such as U+009B "CSI", bidi
 * overrides, line/paragraph separators) are written as \uXXXX escapes. JSON.parse gives back
 * exactly the original strings.
 */
export function toSafeJson(value: unknown, indent: number | string = 2): string {
	return JSON.stringify(value, undefined, indent).replace(UNSAFE, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
