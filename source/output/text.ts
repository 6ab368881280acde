import {displayWidth, fit as fitPadded, graphemes, truncate} from '../contact/display.js';

export {displayWidth};

/** Cuts `text` to at most `width` columns (display width, so CJK/emoji count 2), ending in '…' when cut. */
export function fit(text: string, width: number): string {
	return truncate(text, width);
}

/** Exactly `width` columns: cut with '…' when too long, padded with spaces when short. */
export function padTo(text: string, width: number): string {
	return fitPadded(text, width);
}

export {formatCount} from '../contact/display.js';

export type WrapOptions = {
	/** Put before the first line (counts towards `width`; escape codes count 0). Default ''. */
	first?: string;
	/** Put before every later line (counts towards `width`). Default: spaces as wide as `first`. */
	indent?: string;
};

/**
 * Word-wraps `text` into lines of at most `width` display columns, breaking at spaces. A word
 * longer than a whole line (a long path or ID) is broken where it must be. Newlines in `text`
 * start new lines; a line's leading spaces are kept. Returns the lines, without trailing spaces.
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
	const first = options.first ?? '';
	const indent = options.indent ?? ' '.repeat(displayWidth(first));
	const lines: string[] = [];
	let prefix = first;
	let line = '';
	let used = 0;
	const room = () => Math.max(1, width - displayWidth(prefix));
	const flush = () => {
		lines.push(`${prefix}${line}`.trimEnd());
		prefix = indent;
		line = '';
		used = 0;
	};
	for (const [p, paragraph] of text.split('\n').entries()) {
		if (p > 0) flush();
		// Each word with the spaces before it: spacing inside a line (aligned columns) is kept,
		// and so are a line's leading spaces; a word that starts a wrapped line loses its spaces.
		for (const [t, token] of (paragraph.match(/ *[^ ]+/g) ?? []).entries()) {
			const word = token.trimStart();
			const spaces = token.length - word.length;
			const w = displayWidth(word);
			if (used > 0 && used + spaces + w <= room()) {
				line += token;
				used += spaces + w;
				continue;
			}
			if (used > 0) flush();
			const start = t === 0 ? token : word;
			const sw = displayWidth(start);
			if (sw <= room()) {
				line = start;
				used = sw;
				continue;
			}
			// Longer than a whole line: break it by grapheme.
			for (const {segment} of graphemes(start)) {
				const gw = displayWidth(segment);
				if (used > 0 && used + gw > room()) flush();
				line += segment;
				used += gw;
			}
		}
	}
	flush();
	return lines;
}
