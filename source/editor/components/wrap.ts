import {displayWidth} from '../../contact/display.js';

/**
 * Greedy word wrap by display width, without the leading spaces Ink's own wrapping leaves on
 * continuation lines; words longer than the width are cut. Screens also count rows with it.
 */
export function wrapText(text: string, width: number): string[] {
	const max = Math.max(1, Math.floor(width));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/ +/)) {
		if (word === '') {
			continue;
		}

		const candidate = line === '' ? word : `${line} ${word}`;
		if (displayWidth(candidate) <= max) {
			line = candidate;
			continue;
		}

		if (line !== '') {
			lines.push(line);
			line = '';
		}

		let rest = word;
		while (displayWidth(rest) > max) {
			let cut = '';
			for (const ch of rest) {
				if (displayWidth(cut + ch) > max) {
					break;
				}

				cut += ch;
			}

			lines.push(cut);
			rest = rest.slice(cut.length);
		}

		line = rest;
	}

	if (line !== '' || lines.length === 0) {
		lines.push(line);
	}

	return lines;
}
