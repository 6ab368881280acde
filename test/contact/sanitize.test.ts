import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {firstUnsafeCharacter, hasUnsafeCharacters, reveal, sanitize, sanitizeContact} from '../../source/contact/sanitize.js';

describe('sanitize', () => {
	it.each([
		['plain text', 'John Doe', 'John Doe'],
		['CSI colour', 'a\u001B[31mred\u001B[0mb', 'aredb'],
		['CSI cursor move / clear screen', 'x\u001B[2J\u001B[Hy', 'xy'],
		['CSI with private params', 'a\u001B[?25lb', 'ab'],
		['OSC title with BEL', 'a\u001B]0;evil title\u0007b', 'ab'],
		['OSC hyperlink with ST', 'a\u001B]8;;https://evil.example\u001B\\link\u001B]8;;\u001B\\b', 'alinkb'],
		['OSC 52 clipboard write', 'a\u001B]52;c;ZXZpbA==\u0007b', 'ab'],
		['DCS with ST', 'a\u001BPq#0;2;0;0;0\u001B\\b', 'ab'],
		['APC with ST', 'a\u001B_payload\u001B\\b', 'ab'],
		['8-bit CSI (U+009B)', 'a\u009B31mb', 'ab'],
		['8-bit OSC with 8-bit ST', 'a\u009D0;title\u009Cb', 'ab'],
		['8-bit DCS with BEL', 'a\u0090payload\u0007b', 'ab'],
		['bare ESC', 'a\u001Bb', 'ab'],
		['unterminated OSC: payload left as harmless text', 'a\u001B]0;title', 'a]0;title'],
		['trailing ESC', 'ab\u001B', 'ab'],
		['carriage return overwrite', 'evil\rgood', 'evilgood'],
		['backspace', 'ab\bc', 'abc'],
		['BEL', 'a\u0007b', 'ab'],
		['DEL', 'a\u007Fb', 'ab'],
		['NUL', 'a\u0000b', 'ab'],
		['other C1 (NEL is a line break)', 'a\u0085b', 'a b'],
		['C1 (U+0080, U+009F alone)', 'a\u0080\u009Fb', 'ab'],
		['newline', 'a\nb', 'a b'],
		['CRLF', 'a\r\nb', 'a b'],
		['tab', 'a\tb', 'a b'],
		['run of newlines and tabs', 'a\n\n\t\nb', 'a b'],
		['vertical tab / form feed', 'a\u000B\u000Cb', 'a b'],
		['line separator U+2028', 'a\u2028b', 'a b'],
		['bidi override RLO..PDF', 'a\u202Egnp.exe\u202Cb', 'agnp.exeb'],
		['bidi embeddings LRE/RLE', '\u202Aab\u202B', 'ab'],
		['bidi isolates U+2066..U+2069', '\u2066a\u2067b\u2068c\u2069', 'abc'],
		['zero-width space', 'a\u200Bb', 'ab'],
		['word joiner and BOM', '\uFEFFa\u2060b', 'ab'],
		['Arabic (RTL) text kept', 'محمد علي', 'محمد علي'],
		['Hebrew (RTL) text kept', 'דוד לוי', 'דוד לוי'],
		['RTL mark kept', 'abc\u200F', 'abc\u200F'],
		['CJK kept', '山田太郎', '山田太郎'],
		['emoji ZWJ sequence kept', 'Ana 👨‍👩‍👧', 'Ana 👨‍👩‍👧'],
		['ZWNJ kept (Persian)', 'می\u200Cخواهم', 'می\u200Cخواهم'],
		['accents kept', 'Zoë Ñúñez', 'Zoë Ñúñez'],
	])('%s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it.each([
		[undefined, ''],
		[null, ''],
		[42, '42'],
		[true, 'true'],
		[{}, '[object Object]'],
	])('turns %j into a string', (input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it('is idempotent', () => {
		const nasty = 'a\u001B[31m\u001B]0;t\u0007\r\n\tb\u202E\u009B1m';
		expect(sanitize(sanitize(nasty))).toBe(sanitize(nasty));
	});

	it('leaves no control or bidi override character in a long mixed string', () => {
		let input = '';
		for (let code = 0; code < 0xa0; code++) {
			input += `x${String.fromCharCode(code)}`;
		}

		input += '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
		const output = sanitize(input);
		expect(output).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u);
		expect(hasUnsafeCharacters(output)).toBe(false);
	});
});

describe('reveal', () => {
	it('draws every character sanitize removes as a visible stand-in', () => {
		expect(reveal('Mallory\u001b[2J\u001b[31m')).toBe('Mallory␛[2J␛[31m');
		expect(reveal('Admin\b\bRoot\u007f\u009b1A\r\n\t')).toBe('Admin␈␈Root␡<U+009B>1A␍␊␉');
		expect(reveal('Mr\u202e \u200bx\ufeff')).toBe('Mr<U+202E> <U+200B>x<U+FEFF>');
		expect(reveal(null)).toBe('');
	});

	it('leaves ordinary text alone and never returns a character sanitize would remove', () => {
		for (const text of ['Zoë', '山田 太郎', 'محمد', '👩‍👩‍👧', "O'Brien-Smith"]) expect(reveal(text)).toBe(text);
		const nasty = Array.from({length: 0x3000}, (_, i) => String.fromCharCode(i)).join('');
		expect(firstUnsafeCharacter(reveal(nasty))).toBeUndefined();
	});
});

describe('firstUnsafeCharacter', () => {
	it.each([
		['John', undefined],
		['Jo\u0007hn', '\u0007'],
		['a\nb', '\n'],
		['a\u202Eb', '\u202E'],
		['a\u200Bb', '\u200B'],
		['محمد', undefined],
		['👨‍👩‍👧', undefined],
	])('%j -> %j', (input, expected) => {
		expect(firstUnsafeCharacter(input)).toBe(expected);
	});
});

describe('sanitizeContact', () => {
	it('sanitises every string value at any depth and keeps other values', () => {
		const contact: Contact = {
			id: 'c1\u001B[2J',
			firstName: 'Jo\u001B]0;pwned\u0007hn',
			lastName: null,
			fullName: 'Jo\rhn\nDoe',
			cellPhone: {phoneNumber: '+91\u202E95501', countryCode: '+91', extension: null},
			address: [{city: 'Pune\u009B31m', zip: 411001}],
			twitterDetails: [],
			count: 3,
			active: true,
		};
		const clean = sanitizeContact(contact);
		expect(clean).toEqual({
			id: 'c1',
			firstName: 'John',
			lastName: null,
			fullName: 'John Doe',
			cellPhone: {phoneNumber: '+9195501', countryCode: '+91', extension: null},
			address: [{city: 'Pune', zip: 411001}],
			twitterDetails: [],
			count: 3,
			active: true,
		});
		expect(contact.firstName).toBe('Jo\u001B]0;pwned\u0007hn');
	});

	it('makes a non-string id a string', () => {
		expect(sanitizeContact({id: 7 as unknown as string}).id).toBe('7');
	});
});
