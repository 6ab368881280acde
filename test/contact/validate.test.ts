import {describe, expect, it} from 'vitest';
import type {ContactFields, FieldName} from '../../source/contact/contact.js';
import {
	MAX_NAME_LENGTH,
	hasErrors,
	storedTypeErrors,
	validateChanges,
	validateField,
	validateFields,
} from '../../source/contact/validate.js';

const good: ContactFields = {
	firstName: 'John',
	lastName: 'Doe',
	salutation: 'Mr',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '+',
};

describe('validateFields', () => {
	it('accepts a good contact', () => {
		expect(validateFields(good)).toEqual({});
		expect(hasErrors(validateFields(good))).toBe(false);
	});

	it.each<[string, Partial<ContactFields>]>([
		[
			'an empty last name, salutation, phone, country code and extension',
			{lastName: '', salutation: '', phoneNumber: '', countryCode: '', extension: ''},
		],
		['CJK names', {firstName: '太郎', lastName: '山田'}],
		['Arabic names', {firstName: 'محمد', lastName: 'علي'}],
		['Hebrew names', {firstName: 'דוד', lastName: 'לוי'}],
		['emoji in a name', {firstName: 'Ana 👨‍👩‍👧', lastName: '🙂'}],
		['apostrophes, hyphens, accents', {firstName: 'Zoë-Ann', lastName: 'O\u2019Brien'}],
		['names with digits and letters', {firstName: 'Agent 007', lastName: 'Smith 3rd'}],
		['Devanagari and Thai names', {firstName: 'अनिल', lastName: 'สมชาย'}],
		['a name of exactly 100 characters', {firstName: 'a'.repeat(MAX_NAME_LENGTH)}],
		['100 emoji (code points, not UTF-16 units)', {firstName: '🙂'.repeat(MAX_NAME_LENGTH)}],
		['a phone with spaces and dashes', {phoneNumber: '95501 000-01'}],
		['an empty phone with a country code', {phoneNumber: ''}],
		['extension +91', {extension: '+91'}],
		['salutation with a dot', {salutation: 'Dr.'}],
		['4 and 15 digit phones', {phoneNumber: '1234'}],
		['a 15 digit phone', {phoneNumber: '123456789012345'}],
	])('accepts %s', (_name, change) => {
		expect(validateFields({...good, ...change})).toEqual({});
	});

	it.each<[FieldName, string, string]>([
		['firstName', '', "First name can't be empty: type at least one letter."],
		['firstName', '   ', "First name can't be empty: type at least one letter."],
		[
			'firstName',
			'Jo\u0007hn',
			'First name contains an invisible character (U+0007): retype it on one line without control or invisible characters.',
		],
		[
			'firstName',
			'Jo\u001B[31mhn',
			'First name contains an invisible character (U+001B): retype it on one line without control or invisible characters.',
		],
		['lastName', 'Doe\nSmith', 'Last name contains a line break: retype it on one line without control or invisible characters.'],
		['lastName', 'Doe\tSmith', 'Last name contains a tab: retype it on one line without control or invisible characters.'],
		['lastName', 'Doe\r', 'Last name contains a line break: retype it on one line without control or invisible characters.'],
		[
			'lastName',
			'a\u202Eb',
			'Last name contains an invisible character (U+202E): retype it on one line without control or invisible characters.',
		],
		[
			'salutation',
			'Mr\u009B',
			'Salutation contains an invisible character (U+009B): retype it on one line without control or invisible characters.',
		],
		['firstName', 'a'.repeat(101), 'First name is 101 characters long; the limit is 100: shorten it.'],
		['salutation', 'M'.repeat(150), 'Salutation is 150 characters long; the limit is 100: shorten it.'],
		['firstName', '---', 'First name has no letters: type the name, e.g. John.'],
		['lastName', '.', 'Last name has no letters: type the name, e.g. Doe.'],
		[
			'firstName',
			'12345',
			'First name has no letters, only digits or symbols: type the name, e.g. John (a phone number goes in Cell phone).',
		],
		[
			'firstName',
			'+44 7700 900123',
			'First name has no letters, only digits or symbols: type the name, e.g. John (a phone number goes in Cell phone).',
		],
		[
			'lastName',
			'(415) 555-0100',
			'Last name has no letters, only digits or symbols: type the name, e.g. Doe (a phone number goes in Cell phone).',
		],
		[
			'lastName',
			'٤٢',
			'Last name has no letters, only digits or symbols: type the name, e.g. Doe (a phone number goes in Cell phone).',
		],
		[
			'firstName',
			'²',
			'First name has no letters, only digits or symbols: type the name, e.g. John (a phone number goes in Cell phone).',
		],
		['phoneNumber', '123', 'Phone number has 3 digits; a cell number has 4 to 15 digits.'],
		['phoneNumber', '1234567890123456', 'Phone number has 16 digits; a cell number has 4 to 15 digits.'],
		[
			'phoneNumber',
			'95501x0001',
			"Phone number may contain digits only (spaces and dashes are fine): found 'x'. Type just the digits, e.g. 95501 00001.",
		],
		[
			'phoneNumber',
			'+919550100001',
			'Phone number starts with +: type the country code in the Country code field and only the digits here.',
		],
		['countryCode', '91', 'Country code needs a leading +: type +91.'],
		['countryCode', '+12345', "Country code starts with + and has 1 to 4 digits, e.g. +91: found '+12345'."],
		['countryCode', '', 'Country code is empty but there is a phone number: type + and 1 to 4 digits, e.g. +91.'],
		['extension', '91', "Extension is empty, + or + followed by digits, e.g. +91: found '91'."],
		['extension', '+12345678901', 'Extension is 12 characters long; the limit is 10: shorten it, e.g. +91.'],
	])('%s = %j -> %j', (field, value, error) => {
		expect(validateFields({...good, [field]: value})).toEqual({[field]: error});
		expect(validateField(field, value, {...good, [field]: value})).toBe(error);
	});

	it('reports several fields at once', () => {
		const errors = validateFields({...good, firstName: '', phoneNumber: '12', extension: 'x'});
		expect(Object.keys(errors)).toEqual(['firstName', 'phoneNumber', 'extension']);
		expect(hasErrors(errors)).toBe(true);
	});

	it('checks a country code without the other fields', () => {
		expect(validateField('countryCode', '+91')).toBeUndefined();
		expect(validateField('countryCode', '')).toBeUndefined();
	});
});

describe('validateChanges', () => {
	it('ignores odd data in untouched fields but checks edited ones', () => {
		const stored: ContactFields = {...good, lastName: 'Doe\u0007', phoneNumber: '95501xxxxx'};
		expect(validateChanges(stored, {...stored, firstName: 'Jon'})).toEqual({});
		expect(validateChanges(stored, {...stored, firstName: ''})).toEqual({
			firstName: "First name can't be empty: type at least one letter.",
		});
	});

	it('checks phone and country code together when either changes', () => {
		const stored: ContactFields = {...good, phoneNumber: '95501xxxxx'};
		expect(validateChanges(stored, {...stored, countryCode: '+44'})).toEqual({
			phoneNumber:
				"Phone number may contain digits only (spaces and dashes are fine): found 'x'. Type just the digits, e.g. 95501 00001.",
		});
	});
});

describe('validateChanges: an emptied phone', () => {
	it('refuses clearing a stored number (Kore answers 412)', () => {
		expect(validateChanges(good, {...good, phoneNumber: ''})).toEqual({
			phoneNumber:
				"Phone number can't be made empty: Kore refuses a contact without its cell number. Type the digits, e.g. 95501 00001.",
		});
	});

	it('leaves a contact that never had a number alone', () => {
		const none = {...good, countryCode: '', phoneNumber: ''};
		expect(validateChanges(none, {...none, firstName: 'Jon'})).toEqual({});
	});
});

describe('names: invisible and formatting characters', () => {
	it.each([['\u3164'], ['\u{E0041}'], ['\u00AD'], ['\u180E'], ['\u200E'], ['\u034F']])('%j in a name is refused', char => {
		const error = validateField('firstName', `Jo${char}hn`);
		expect(error).toMatch(
			/^First name contains an invisible character \(U\+[0-9A-F]{4,5}\): retype it without invisible or formatting characters\.$/,
		);
		expect(validateField('lastName', `${char}Doe`)).toMatch(/^Last name contains an invisible character/);
	});

	it('keeps joiners inside emoji and Persian words, and a variation selector after a symbol', () => {
		expect(validateField('firstName', 'می\u200Cخواهم')).toBeUndefined();
		expect(validateField('firstName', 'Ann \u{1F469}\u200D\u{1F4BB}')).toBeUndefined();
		expect(validateField('firstName', 'Ann \u2764\uFE0F')).toBeUndefined();
		expect(validateField('firstName', 'Ann\u200D')).toMatch(/U\+200D/);
	});
});

describe('storedTypeErrors', () => {
	const loaded = {
		id: 'c1',
		firstName: 42 as unknown as string,
		lastName: 'Doe',
		salutation: null,
		cellPhone: {countryCode: '+91', phoneNumber: '+919550100001', extension: '+'},
	};

	it('refuses an edit that would send a non-text field back as text', () => {
		expect(storedTypeErrors(loaded, {lastName: 'Dow'})).toEqual({
			firstName:
				'First name is stored in Kore as a number, not text: set First name in this same edit so what is sent is what you chose.',
		});
	});

	it('accepts it once the edit sets that field, and treats null as empty', () => {
		expect(storedTypeErrors(loaded, {firstName: 'Ann'})).toEqual({});
		expect(storedTypeErrors({...loaded, firstName: 'Ann'}, {lastName: 'Dow'})).toEqual({});
	});

	it('checks the phone parts and a cellPhone that is not an object', () => {
		expect(
			storedTypeErrors(
				{...loaded, firstName: 'Ann', cellPhone: {countryCode: 91 as unknown as string, phoneNumber: '9550100001'}},
				{lastName: 'Dow'},
			),
		).toEqual({
			countryCode:
				'Country code is stored in Kore as a number, not text: set Country code in this same edit so what is sent is what you chose.',
		});
		expect(storedTypeErrors({...loaded, firstName: 'Ann', cellPhone: ['x'] as never}, {lastName: 'Dow'})).toEqual({
			phoneNumber:
				'Cell phone is stored in Kore as a list, not a phone: set the phone number and country code in this same edit.',
		});
		expect(storedTypeErrors({...loaded, firstName: 'Ann', cellPhone: ['x'] as never}, {phoneNumber: '9550100001'})).toEqual({});
	});
});
