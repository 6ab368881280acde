import {describe, expect, it} from 'vitest';
import {displayWidth, wrap} from '../../source/output/text.js';

describe('wrap', () => {
	const sentence = 'The client secret is stored in /home/someone/.config/kore-contacts/config.json (readable only by you).';

	it('breaks at spaces, never inside a word, and keeps every word', () => {
		for (const width of [50, 60, 80]) {
			const lines = wrap(sentence, width);
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			expect(lines.join(' ')).toBe(sentence);
		}
		expect(wrap(sentence, 200)).toEqual([sentence]);
		// The 48-column path does not fit 20 columns: only it is broken.
		for (const line of wrap(sentence, 20)) expect(displayWidth(line)).toBeLessThanOrEqual(20);
		expect(wrap(sentence, 20).slice(0, 2)).toEqual(['The client secret is', 'stored in']);
	});

	it('puts a prefix before the first line and indents the rest (both count towards the width)', () => {
		const lines = wrap('Live check failed at the credentials: Kore.ai did not accept them', 30, {
			first: 'FAIL  ',
			indent: '      ',
		});
		expect(lines[0]!.startsWith('FAIL  Live check')).toBe(true);
		for (const line of lines.slice(1)) expect(line).toMatch(/^ {6}\S/);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
		// Escape codes in the prefix take no columns.
		const coloured = wrap('a b c d e f g h', 9, {first: '\u001B[31mFAIL\u001B[39m  ', indent: '      '});
		expect(coloured[0]).toBe('\u001B[31mFAIL\u001B[39m  a b');
	});

	it('breaks a word longer than a whole line, keeps newlines, and measures wide characters as 2', () => {
		expect(wrap('see abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['see', 'abcdefghij', 'klmnopqrst', 'uvwxyz']);
		expect(wrap('one\ntwo three', 20)).toEqual(['one', 'two three']);
		// Leading spaces and spacing inside the line (aligned columns) are kept.
		expect(wrap('    secret      not stored here', 27, {indent: ' '.repeat(16)})).toEqual([
			'    secret      not stored',
			'                here',
		]);
		expect(wrap('a\n  b c', 20)).toEqual(['a', '  b c']);
		const cjk = wrap('名前 名前 名前 名前', 9);
		for (const line of cjk) expect(displayWidth(line)).toBeLessThanOrEqual(9);
		expect(cjk.join(' ')).toBe('名前 名前 名前 名前');
	});
});
