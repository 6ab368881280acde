import {describe, expect, it} from 'vitest';
import {BulkFileError, looksLikeJsonLines, parseBulkFile, rowMessage} from '../../source/core/bulk-rows.js';

const HEADER = 'id,firstName,lastName,salutation,phone,countryCode';

describe('parseBulkFile', () => {
	it('reads CSV rows; a blank cell leaves the field out; quoted commas stay in the cell', () => {
		const text = `${HEADER}\nc-1,,Doe,,,\nc-2,"Ann, Jr",,Dr,+44 7700 900123,\nc-3,,,,95501 00001,+91\n`;
		const {rows, errors} = parseBulkFile('fixes.csv', text);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{row: 2, id: 'c-1', input: {lastName: 'Doe'}},
			{row: 3, id: 'c-2', input: {firstName: 'Ann, Jr', salutation: 'Dr', phone: '+44 7700 900123'}},
			{row: 4, id: 'c-3', input: {phone: '95501 00001', countryCode: '+91'}},
		]);
	});

	it('takes the columns in any order, and a byte-order mark before the header', () => {
		const {rows} = parseBulkFile('f.csv', '\uFEFFlastName,id,countryCode,phone,salutation,firstName\nDoe,c-9,,,,\n');
		expect(rows).toEqual([{row: 2, id: 'c-9', input: {lastName: 'Doe'}}]);
	});

	it('names unknown and missing header columns', () => {
		expect(() => parseBulkFile('f.csv', 'id,first_name,lastName,salutation,phone\nc,1,2,3,4\n')).toThrow(BulkFileError);
		expect(() => parseBulkFile('f.csv', 'id,first_name,lastName,salutation,phone\nc,1,2,3,4\n')).toThrow(
			/unknown column "first_name"; missing columns firstName, countryCode/,
		);
	});

	it('gives each invalid row its number and column, with the same rules as update', () => {
		const text = [
			HEADER,
			'c-1,,,,,', // nothing to change
			'c-2,,12345,,,', // a last name without letters
			'c-3,,,,95501x00001,+91', // a letter in the phone
			'c-4,,,,,91', // country code without +
			',Ann,,,,', // no id
			'c-2,Bob,,,,', // the same contact twice
			'c-5,,,,+44 7700 900123,+91', // the pasted number's country disagrees
			'c-6,Ann,Lee,Ms,7700 900123,+44', // fine
		].join('\n');
		const {rows, errors} = parseBulkFile('f.csv', text);
		expect(rows.map(r => r.id)).toEqual(['c-6']);
		const messages = errors.map(rowMessage);
		expect(messages[0]).toMatch(/^row 2: nothing to change/);
		expect(messages[1]).toMatch(/^row 3: lastName: Last name has no letters/);
		expect(messages[2]).toMatch(/^row 4: phone: .*x/);
		expect(messages[3]).toMatch(/^row 5: countryCode: /);
		expect(messages[4]).toMatch(/^row 6: id is empty/);
		expect(messages[5]).toBe('row 7: id c-2 is also on row 3: put all changes of one contact on one row');
		expect(messages[6]).toMatch(/^row 8: phone: The number is for \+44 but the countryCode column says \+91/);
		expect(errors).toHaveLength(7);
	});

	it('reads JSON lines by extension or content; unknown keys and non-text values are row errors', () => {
		const text = '{"id":"c-1","lastName":"Doe"}\n\n{"id":"c-2","nickname":"Al"}\n{"id":"c-3","phone":95501}\nnot json\n';
		expect(looksLikeJsonLines('fixes.ndjson', '')).toBe(true);
		expect(looksLikeJsonLines('fixes.txt', text)).toBe(true);
		expect(looksLikeJsonLines('fixes.csv', text)).toBe(false);
		const {rows, errors} = parseBulkFile('fixes.jsonl', text);
		expect(rows).toEqual([{row: 1, id: 'c-1', input: {lastName: 'Doe'}}]);
		expect(errors.map(rowMessage)).toEqual([
			'row 3: unknown key "nickname" (allowed: id, firstName, lastName, salutation, phone, countryCode)',
			'row 4: phone is a number, not text',
			expect.stringMatching(/^row 5: not valid JSON/),
		]);
	});

	it('an empty file or one with only a header says so', () => {
		expect(() => parseBulkFile('f.csv', '')).toThrow(/empty/);
		expect(parseBulkFile('f.csv', `${HEADER}\n`).errors.map(rowMessage)).toEqual([
			'row 1: the file has no rows after the header: nothing to do',
		]);
	});
});
