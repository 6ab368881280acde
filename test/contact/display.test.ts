import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {
	contactLabel,
	contactName,
	displayWidth,
	fit,
	formatCount,
	formatPhone,
	padEnd,
	truncate,
} from '../../source/contact/display.js';

describe('displayWidth', () => {
	it.each([
		['', 0],
		['abc', 3],
		['山田', 4],
		['🙂', 2],
		['👨‍👩‍👧', 2],
		['محمد', 4],
		['e\u0301', 1],
		['\u001B[31mred\u001B[0m', 3],
	])('%j is %i columns', (text, width) => {
		expect(displayWidth(text)).toBe(width);
	});

	it('gives the same width the second time, and after more texts than it remembers', () => {
		const texts = Array.from({length: 5000}, (_, index) => (index % 2 === 0 ? `山${index}` : `a·${index}`));
		const first = texts.map(text => displayWidth(text));
		expect(first.slice(0, 2)).toEqual([3, 3]);
		expect(texts.map(text => displayWidth(text))).toEqual(first);
		// 山 takes two columns, every other character one.
		expect(first).toEqual(texts.map(text => text.length + (text.startsWith('山') ? 1 : 0)));
	});
});

describe('fit', () => {
	it.each([
		['abc', 5, 'abc  '],
		['abcde', 5, 'abcde'],
		['abcdef', 5, 'abcd…'],
		['', 3, '   '],
		['abc', 1, '…'],
		['abc', 0, ''],
		['abc', -2, ''],
		['山田太郎', 8, '山田太郎'],
		['山田太郎', 6, '山田… '],
		['山田太郎', 5, '山田…'],
		['山田太郎', 10, '山田太郎  '],
		['🙂🙂🙂', 4, '🙂… '],
		['ab🙂cd', 4, 'ab… '],
		['محمد علي', 5, 'محمد…'],
	])('fit(%j, %i) = %j', (text, width, expected) => {
		const result = fit(text, width);
		expect(result).toBe(expected);
		expect(displayWidth(result)).toBe(Math.max(0, width));
	});

	it('has exactly the width asked for, for many strings and widths', () => {
		for (const text of ['John Doe', '山田太郎 Yamada', '👨‍👩‍👧 family', 'x', '']) {
			for (let width = 0; width <= 20; width++) {
				expect(displayWidth(fit(text, width))).toBe(width);
			}
		}
	});

	it('only cuts with pad: false, like truncate', () => {
		expect(fit('abc', 5, {pad: false})).toBe('abc');
		expect(fit('abcdef', 5, {pad: false})).toBe('abcd…');
		expect(truncate('山田太郎', 5)).toBe('山田…');
		expect(truncate('abc', 5)).toBe('abc');
		expect(padEnd('山', 4)).toBe('山  ');
		expect(padEnd('abcdef', 4)).toBe('abcdef');
	});
});

describe('contactName', () => {
	it.each<[string, Partial<Contact>, string]>([
		['full name', {fullName: 'John Doe', firstName: 'x', lastName: 'y'}, 'John Doe'],
		['first + last', {fullName: null, firstName: 'John', lastName: 'Doe'}, 'John Doe'],
		['first only', {firstName: 'John'}, 'John'],
		['last only', {lastName: ' Doe '}, 'Doe'],
		['blank full name falls back', {fullName: '  ', firstName: 'Ann'}, 'Ann'],
		['nothing', {}, '(no name)'],
		['only escapes', {fullName: '\u001B[2J', firstName: '\u0007'}, '(no name)'],
		['sanitised', {fullName: 'Jo\u001B]0;x\u0007hn\nDoe\u202E'}, 'John Doe'],
		['non-string', {fullName: 42 as unknown as string}, '42'],
	])('%s', (_name, fields, expected) => {
		expect(contactName({id: 'c1', ...fields})).toBe(expected);
	});
});

describe('formatPhone', () => {
	it.each<[string, Parameters<typeof formatPhone>[0], string]>([
		['stored cellPhone', {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'}, '+91 9550100001'],
		[
			'editable fields',
			{firstName: 'a', lastName: '', salutation: '', countryCode: '+91', phoneNumber: '9550100001', extension: ''},
			'+91 9550100001',
		],
		['with an extension', {phoneNumber: '+919550100001', countryCode: '+91', extension: '+91'}, '+91 9550100001 ext +91'],
		['no country code', {phoneNumber: '9550100001', countryCode: null, extension: null}, '9550100001'],
		['no number', {phoneNumber: '', countryCode: '+91', extension: '+'}, ''],
		['null', null, ''],
		['undefined', undefined, ''],
		['escapes in stored data', {phoneNumber: '+91955\u001B[2J0100001', countryCode: '+91', extension: '+'}, '+91 9550100001'],
	])('%s', (_name, phone, expected) => {
		expect(formatPhone(phone)).toBe(expected);
	});
});

describe('contactLabel', () => {
	it.each<[string, Contact, string]>([
		[
			'full',
			{id: '667e48f7', fullName: 'john doe', cellPhone: {phoneNumber: '+9195501xxxxx', countryCode: '+91', extension: '+'}},
			'john doe · +91 95501xxxxx · 667e48f7',
		],
		['no phone', {id: 'c2', firstName: 'Ann'}, 'Ann · c2'],
		['nothing but an id', {id: 'c3'}, '(no name) · c3'],
		['hostile id', {id: 'c4\u001B]0;x\u0007', firstName: 'A'}, 'A · c4'],
	])('%s', (_name, contact, expected) => {
		expect(contactLabel(contact)).toBe(expected);
	});
});

describe('formatCount', () => {
	it.each([
		[0, '0'],
		[999, '999'],
		[1000, '1,000'],
		[20000, '20,000'],
		[1234567, '1,234,567'],
	])('%i -> %s, as en-US would write it', (n, expected) => {
		expect(formatCount(n)).toBe(expected);
		expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
	});
});
