/**
 * Fits a shell command to the terminal width without breaking it for copy and paste: Ink would
 * wrap a long line with a hard newline (a pasted URL would then be cut in two). A line whose only
 * long part is one single-quoted word is split inside that word as `'abc'\` + newline + `'def'`,
 * which a POSIX shell joins back into `abcdef` (backslash-newline is a line continuation).
 * Other long lines are left for Ink to wrap. Pure.
 */
import {displayWidth} from '../contact/display.js';

export function fitShellLines(lines: string[], width: number): string[] {
	const max = Math.max(20, width);
	const out: string[] = [];
	for (const line of lines) {
		if (displayWidth(line) <= max) {
			out.push(line);
			continue;
		}

		const match = /^([^']*)'([^']*)'([^']*)$/.exec(line);
		if (!match) {
			out.push(line);
			continue;
		}

		const [, prefix = '', content = '', suffix = ''] = match;
		// Each piece: opening quote, text, closing quote and backslash: 3 columns of overhead.
		let rest = content;
		let head = `${prefix}'`;
		for (;;) {
			const room = max - displayWidth(head) - 2;
			const tail = `'${suffix}`;
			if (displayWidth(head) + displayWidth(rest) + displayWidth(tail) <= max || room < 8) {
				out.push(`${head}${rest}${tail}`);
				break;
			}

			let piece = [...rest].slice(0, room).join('');
			// Prefer to break after a "/" (URLs read better), when one is not too far back.
			const slash = piece.lastIndexOf('/');
			if (slash >= Math.floor(piece.length / 2)) {
				piece = piece.slice(0, slash + 1);
			}

			out.push(`${head}${piece}'\\`);
			rest = rest.slice(piece.length);
			head = `'`;
		}
	}

	return out;
}

/**
 * The same command with its pretty-printed JSON body (`--data '{` … `}'`) on one line: the
 * indentation between JSON tokens is insignificant, and JSON strings hold no raw line breaks.
 */
export function compactCurlBody(lines: string[]): string[] {
	const start = lines.findIndex(line => /--data '[[{]$/.test(line));
	if (start === -1) {
		return lines;
	}

	const end = lines.findIndex((line, index) => index > start && /^[\]}]'/.test(line));
	if (end === -1) {
		return lines;
	}

	const joined = lines
		.slice(start, end + 1)
		.map((line, index) => (index === 0 ? line : line.trim()))
		.join('');
	return [...lines.slice(0, start), joined, ...lines.slice(end + 1)];
}
