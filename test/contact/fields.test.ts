import {describe, expect, it} from 'vitest';
import {FIELD_LABELS, FIELD_NAMES, SALUTATIONS, emptyFields, fieldsOf, isFieldName} from '../../source/contact/fields.js';
import {SAMPLE_RESPONSE} from './samples.js';

describe('field names and labels', () => {
	it('lists the six fields in order with their labels', () => {
		expect(FIELD_NAMES).toEqual(['firstName', 'lastName', 'salutation', 'countryCode', 'phoneNumber', 'extension']);
		expect(FIELD_NAMES.map(name => FIELD_LABELS[name])).toEqual([
			'First name',
			'Last name',
			'Salutation',
			'Country code',
			'Phone number',
			'Extension',
		]);
		expect(SALUTATIONS).toEqual(['Mr', 'Mrs', 'Ms', 'Mx', 'Dr']);
	});

	it.each([
		['firstName', true],
		['extension', true],
		['fullName', false],
		[3, false],
	])('isFieldName(%j) = %j', (name, expected) => {
		expect(isFieldName(name)).toBe(expected);
	});
});

describe('fieldsOf', () => {
	it('reads the documented sample, stripping the country code from the phone', () => {
		expect(fieldsOf(SAMPLE_RESPONSE)).toEqual({
			firstName: 'john',
			lastName: 'doe',
			salutation: 'mr',
			countryCode: '+91',
			phoneNumber: '95501xxxxx',
			extension: '+',
		});
	});

	it('turns null, missing and non-string values into empty strings', () => {
		expect(
			fieldsOf({
				id: 'x',
				firstName: null,
				lastName: 5 as unknown as string,
				salutation: {} as unknown as string,
				cellPhone: null,
			}),
		).toEqual({
			firstName: '',
			lastName: '5',
			salutation: '',
			countryCode: '',
			phoneNumber: '',
			extension: '',
		});
		expect(fieldsOf({id: 'x'})).toEqual(emptyFields());
	});

	it('keeps names exactly as stored (no trimming), so untouched fields are sent back unchanged', () => {
		expect(fieldsOf({id: 'x', firstName: ' John ', lastName: 'O\u2019Brien'})).toMatchObject({
			firstName: ' John ',
			lastName: 'O\u2019Brien',
		});
	});
});
