import {describe, expect, it} from 'vitest';
import {
	normalizeCountryCode,
	phoneAdvice,
	parsePhoneInput,
	splitStoredPhone,
	storedPhoneNumber,
	validateCountryCode,
	validateExtension,
} from '../../source/contact/phone.js';
import {phoneMatches} from '../../source/contact/match.js';

describe('parsePhoneInput: accepted', () => {
	it.each([
		// [input, current country code, expected country code, expected digits]
		['9550100001', '+91', '+91', '9550100001'],
		['95501 00001', '+91', '+91', '9550100001'],
		['95501-00001', '+91', '+91', '9550100001'],
		['955.010.0001', '+91', '+91', '9550100001'],
		['(955) 010-0001', '+91', '+91', '9550100001'],
		['  95501 00001  ', '+91', '+91', '9550100001'],
		['95501\n00001\n', '+91', '+91', '9550100001'],
		['95501\t00001', '+91', '+91', '9550100001'],
		['95501\r\n00001', '+91', '+91', '9550100001'],
		['95501\u00A000001', '+91', '+91', '9550100001'],
		['95501–00001', '+91', '+91', '9550100001'],
		['０９５５０１００００１', '+91', '+91', '09550100001'],
		['٩٥٥٠١٠٠٠٠١', '+91', '+91', '9550100001'],
		['020 7946 0958', '+44', '+44', '02079460958'],
		['0123', '+1', '+1', '0123'],
		['123456789012345', '+1', '+1', '123456789012345'],
		['+91 95501 00001', '+91', '+91', '9550100001'],
		['+91 95501 00001', '', '+91', '9550100001'],
		['+91 95501 00001', '+1', '+91', '9550100001'],
		['+919550100001', '+44', '+91', '9550100001'],
		['+1 (415) 555-0100', '+91', '+1', '4155550100'],
		['+1 415 555 0100\n', '', '+1', '4155550100'],
		['0044 20 7946 0958', '+44', '+44', '2079460958'],
		['011 2345 6789', '+91', '+91', '01123456789'],
		['+44 20 7946 0958', '+91', '+44', '2079460958'],
		['\u202A+91 95501 00001\u202C', '+1', '+91', '9550100001'],
		['+49 30 123456', '+91', '+49', '30123456'],
		['＋９１ ９５５０１ ００００１', '', '+91', '9550100001'],
	])('%j with %j -> %s %s', (input, current, countryCode, phoneNumber) => {
		expect(parsePhoneInput(input, current)).toEqual({ok: true, countryCode, phoneNumber});
	});

	it.each([[''], ['   '], ['\n\t']])('empty input %j is ok with no digits', input => {
		expect(parsePhoneInput(input, '+91')).toEqual({ok: true, countryCode: '+91', phoneNumber: ''});
	});

	it('works without a current country code', () => {
		expect(parsePhoneInput('9550100001')).toEqual({ok: true, countryCode: '', phoneNumber: '9550100001'});
	});
});

describe('parsePhoneInput: rejected', () => {
	it.each([
		[
			'95501x00001',
			"Phone number may contain digits only (spaces and dashes are fine): found 'x'. Type just the digits, e.g. 95501 00001.",
		],
		[
			'+1 800 FLOWERS',
			"Phone number may contain digits only (spaces and dashes are fine): found 'F'. Type just the digits, e.g. 95501 00001.",
		],
		[
			'9550100001 ext 5',
			"Phone number may contain digits only (spaces and dashes are fine): found 'e'. Type just the digits, e.g. 95501 00001.",
		],
		[
			'95501/00001',
			"Phone number may contain digits only (spaces and dashes are fine): found '/'. Type just the digits, e.g. 95501 00001.",
		],
		[
			'95501\u000700001',
			'Phone number may contain digits only (spaces and dashes are fine): found an invisible character (U+0007). Type just the digits, e.g. 95501 00001.',
		],
		['95501+00001', 'Phone number has a + in the middle: + may only start an international number, e.g. +91 95501 00001.'],
		['123', 'Phone number has 3 digits; a cell number has 4 to 15 digits.'],
		['1', 'Phone number has 1 digit; a cell number has 4 to 15 digits.'],
		['1234567890123456', 'Phone number has 16 digits; a cell number has 4 to 15 digits.'],
		['+', 'Phone number is only a +: type the country code and the number, e.g. +91 95501 00001, or just the digits.'],
		[
			'+999 1234 5678',
			'No known country code at the start of +99912345678: check the number, or type the country code in the Country code field and only the digits here.',
		],
		['+1 555', 'Phone number has 3 digits; a cell number has 4 to 15 digits.'],
	])('%j', (input, error) => {
		expect(parsePhoneInput(input, '+91')).toEqual({ok: false, error});
	});
});

describe('parsePhoneInput: a country code typed into the number without its +', () => {
	it('refuses digits that are only valid without the leading country code, saying what to type', () => {
		expect(parsePhoneInput('91 95501 00001', '+91')).toEqual({
			ok: false,
			error:
				'Phone number starts with 91, the country code +91: type only the digits after it (9550100001), or paste the whole number with + (+91 9550100001).',
		});
	});

	it.each([
		['9195501000', '+91'],
		['1 415 555 0100', '+1'],
		['49 151 123456', '+49'],
		['919550100001', ''],
	])('keeps %j with %j (valid as typed, or no country code to compare)', (input, code) => {
		expect(parsePhoneInput(input, code).ok).toBe(true);
	});
});

describe('splitStoredPhone', () => {
	it.each([
		[
			'documented sample (masked digits)',
			{phoneNumber: '+9195501xxxxx', countryCode: '+91', extension: '+'},
			{countryCode: '+91', phoneNumber: '95501xxxxx', extension: '+'},
		],
		[
			'prefixed',
			{phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
			{countryCode: '+91', phoneNumber: '9550100001', extension: '+'},
		],
		[
			'not prefixed: keep digits',
			{phoneNumber: '9550100001', countryCode: '+91', extension: ''},
			{countryCode: '+91', phoneNumber: '9550100001', extension: ''},
		],
		[
			'digits start like the code but no +: not stripped',
			{phoneNumber: '9191919191', countryCode: '+91', extension: ''},
			{countryCode: '+91', phoneNumber: '9191919191', extension: ''},
		],
		[
			'spaces and dashes',
			{phoneNumber: '+91 95501-00001', countryCode: '+91', extension: '+'},
			{countryCode: '+91', phoneNumber: '9550100001', extension: '+'},
		],
		[
			'country code without +',
			{phoneNumber: '+919550100001', countryCode: '91', extension: ''},
			{countryCode: '91', phoneNumber: '9550100001', extension: ''},
		],
		[
			'other country prefix than the code: keep digits',
			{phoneNumber: '+14155550100', countryCode: '+91', extension: ''},
			{countryCode: '+91', phoneNumber: '14155550100', extension: ''},
		],
		[
			'no country code stored: split the prefix',
			{phoneNumber: '+14155550100', countryCode: null, extension: null},
			{countryCode: '+1', phoneNumber: '4155550100', extension: ''},
		],
		[
			'only the country code',
			{phoneNumber: '+91', countryCode: '+91', extension: '+'},
			{countryCode: '+91', phoneNumber: '', extension: '+'},
		],
		['all null', {phoneNumber: null, countryCode: null, extension: null}, {countryCode: '', phoneNumber: '', extension: ''}],
		['empty object', {}, {countryCode: '', phoneNumber: '', extension: ''}],
		[
			'number types',
			{phoneNumber: 9550100001 as unknown as string, countryCode: 91 as unknown as string},
			{countryCode: '91', phoneNumber: '9550100001', extension: ''},
		],
		[
			'object values',
			{phoneNumber: {} as unknown as string, countryCode: [] as unknown as string},
			{countryCode: '', phoneNumber: '', extension: ''},
		],
		[
			'extension trimmed',
			{phoneNumber: '', countryCode: ' +44 ', extension: ' +91 '},
			{countryCode: '+44', phoneNumber: '', extension: '+91'},
		],
		[
			'odd text',
			{phoneNumber: '+91call me', countryCode: '+91', extension: ''},
			{countryCode: '+91', phoneNumber: 'callme', extension: ''},
		],
	])('%s', (_name, cell, expected) => {
		expect(splitStoredPhone(cell)).toEqual(expected);
	});

	it.each([[null], [undefined], ['text' as never], [42 as never]])('copes with %j', cell => {
		expect(splitStoredPhone(cell)).toEqual({countryCode: '', phoneNumber: '', extension: ''});
	});

	it('round-trips with storedPhoneNumber', () => {
		const stored = storedPhoneNumber('+91', '9550100001');
		expect(stored).toBe('+919550100001');
		expect(splitStoredPhone({phoneNumber: stored, countryCode: '+91', extension: '+'}).phoneNumber).toBe('9550100001');
	});
});

describe('validateCountryCode', () => {
	it.each([['+1'], ['+91'], ['+358'], ['+1684'], [' +91 ']])('%j is fine', code => {
		expect(validateCountryCode(code)).toBeUndefined();
	});

	it.each([
		['', 'Country code is empty: type + and 1 to 4 digits, e.g. +91.'],
		['91', 'Country code needs a leading +: type +91.'],
		['0091', 'Country code starts with +, not 00: type +91.'],
		['+', "Country code starts with + and has 1 to 4 digits, e.g. +91: found '+'."],
		['+12345', "Country code starts with + and has 1 to 4 digits, e.g. +91: found '+12345'."],
		['+9a', "Country code starts with + and has 1 to 4 digits, e.g. +91: found '+9a'."],
		['++91', "Country code starts with + and has 1 to 4 digits, e.g. +91: found '++91'."],
	])('%j -> %j', (code, error) => {
		expect(validateCountryCode(code)).toBe(error);
	});
});

describe('normalizeCountryCode', () => {
	it.each([
		[' +91 ', '+91'],
		['+ 91', '+91'],
		['91', '91'],
		['＋９１', '+91'],
		['', ''],
	])('%j -> %j (never adds a +)', (input, expected) => {
		expect(normalizeCountryCode(input)).toBe(expected);
	});
});

describe('validateExtension', () => {
	it.each([[''], ['+'], ['+91'], ['+123456789']])('%j is fine', extension => {
		expect(validateExtension(extension)).toBeUndefined();
	});

	it.each([
		['91', "Extension is empty, + or + followed by digits, e.g. +91: found '91'."],
		['+9a', "Extension is empty, + or + followed by digits, e.g. +91: found '+9a'."],
		['+1234567890', 'Extension is 11 characters long; the limit is 10: shorten it, e.g. +91.'],
	])('%j -> %j', (extension, error) => {
		expect(validateExtension(extension)).toBe(error);
	});
});

describe('parsePhoneInput: an exit prefix never changes the country by itself', () => {
	it.each([
		['0044 20 7946 0958', '+91', '00', '+44 20 7946 0958'],
		['0011 44 7700 900123', '+61', '0011', '+44 7700 900123'],
		['011 44 7700 900123', '+1', '011', '+44 7700 900123'],
		['00 1 415 555 0100', '', '00', '+1 415 555 0100'],
	])('%j with %j is refused, naming the + form', (input, current, prefix, suggestion) => {
		expect(parsePhoneInput(input, current)).toEqual({
			ok: false,
			error: `Phone number starts with ${prefix}, a dialling prefix that differs by country: type it with + and the country code, e.g. ${suggestion}, or only the national digits.`,
		});
	});
});

describe('validateCountryCode: only real calling codes', () => {
	it.each([['+0'], ['+00'], ['+999'], ['+0044']])('%j is refused', code => {
		expect(validateCountryCode(code)).toBe(
			`Country code ${code} is not a calling code in use: check it, e.g. +91 for India, +44 for the UK, +1 for the US.`,
		);
	});

	it.each([['+1'], ['+44'], ['+91'], ['+800'], ['+1684']])('%j is accepted', code => {
		expect(validateCountryCode(code)).toBeUndefined();
	});
});

describe('storedPhoneNumber: the number Kore will store', () => {
	it('is the country code and the compact digits, or nothing without digits', () => {
		expect(storedPhoneNumber('+44', '7700 900123')).toBe('+447700900123');
		expect(storedPhoneNumber(' +91 ', '95501-00001')).toBe('+919550100001');
		expect(storedPhoneNumber('+44', '')).toBe('');
	});
});

describe('phoneAdvice (issue 12 #7)', () => {
	it('offers the fix for a trunk 0 kept after the country code', () => {
		expect(phoneAdvice('+44', '07700 900123')).toEqual({
			message: 'Kore would store +4407700900123, with the 0 dialled only inside the country: type 7700900123 (+44 7700 900123).',
			suggestion: '7700900123',
		});
		expect(phoneAdvice('+91', '095501 00001')?.suggestion).toBe('9550100001');
	});

	it('says when a number is not valid for its country, without a made-up fix', () => {
		expect(phoneAdvice('+44', '12345')).toEqual({
			message: '+44 12345 is not a valid number for United Kingdom (+44): check the digits and the country code.',
		});
	});

	it('has nothing to say about a valid number, or about input the rules refuse anyway', () => {
		expect(phoneAdvice('+44', '7911 123456')).toBeUndefined();
		expect(phoneAdvice('+1', '415 555 0100')).toBeUndefined();
		expect(phoneAdvice('', '7911123456')).toBeUndefined();
		expect(phoneAdvice('+44', '')).toBeUndefined();
		expect(phoneAdvice('+44', '79x1')).toBeUndefined();
	});
});

describe('phoneMatches: the contact filter finds national formats', () => {
	const cell = {countryCode: '+44', phoneNumber: '+447700900123', extension: ''};

	it.each([
		['07700 900123'],
		['7700900123'],
		['+44 7700 900123'],
		['0044 7700 900123'],
		['900123'],
		['(0)7700-900-123'],
		['447700'],
	])('%j finds +447700900123', query => {
		expect(phoneMatches(query, cell)).toBe(true);
	});

	it.each([['+91 7700900123'], ['12'], ['Ann'], ['07700 900124'], ['']])('%j does not', query => {
		expect(phoneMatches(query, cell)).toBe(false);
	});

	it('finds a number stored without its prefix, and nothing in a contact without a phone', () => {
		expect(phoneMatches('07700 900123', {countryCode: '+44', phoneNumber: '7700900123'})).toBe(true);
		expect(phoneMatches('07700 900123', null)).toBe(false);
	});
});
