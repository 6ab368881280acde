import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {fieldsOf} from '../../source/contact/fields.js';
import {diffFields} from '../../source/contact/diff.js';
import {applyEdits, bodyOfFields, buildUpdateBody, sameSalutation} from '../../source/contact/update-body.js';
import {SAMPLE_REQUEST, SAMPLE_RESPONSE} from './samples.js';

const contact: Contact = {
	id: 'c1',
	firstName: 'john',
	lastName: 'doe',
	fullName: 'john doe',
	salutation: 'mr',
	cellPhone: {extension: '+', phoneNumber: '+919550100001', countryCode: '+91'},
	status: 'ACTIVE',
	updatedAt: '2026-01-09T05:55:58.158Z',
};

describe('buildUpdateBody', () => {
	it('sends the documented sample back byte for byte, in the documented key order', () => {
		const body = buildUpdateBody(SAMPLE_RESPONSE, {});
		expect(JSON.stringify(body, null, 4)).toBe(SAMPLE_REQUEST);
		expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(SAMPLE_REQUEST)));
	});

	it('has exactly the four documented keys and a complete cellPhone, nothing from the loaded contact', () => {
		const body = buildUpdateBody(contact, {firstName: 'Jon'});
		expect(Object.keys(body)).toEqual(['firstName', 'lastName', 'salutation', 'cellPhone']);
		expect(Object.keys(body.cellPhone)).toEqual(['phoneNumber', 'countryCode', 'extension']);
		expect(body).toEqual({
			firstName: 'Jon',
			lastName: 'doe',
			salutation: 'mr',
			cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: '+'},
		});
	});

	it.each<[string, Partial<Parameters<typeof buildUpdateBody>[1]>, string]>([
		[
			'no edits',
			{},
			'{"firstName":"john","lastName":"doe","salutation":"mr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+"}}',
		],
		[
			'trimmed name edits',
			{firstName: '  Jon ', lastName: '\tSmith\n'},
			'{"firstName":"Jon","lastName":"Smith","salutation":"mr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+"}}',
		],
		[
			'salutation',
			{salutation: ' Dr '},
			'{"firstName":"john","lastName":"doe","salutation":"Dr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+"}}',
		],
		[
			'phone with separators becomes digits',
			{phoneNumber: ' 95501 000-02 '},
			'{"firstName":"john","lastName":"doe","salutation":"mr","cellPhone":{"phoneNumber":"9550100002","countryCode":"+91","extension":"+"}}',
		],
		[
			'country code and phone',
			{countryCode: ' +44 ', phoneNumber: '2079460958'},
			'{"firstName":"john","lastName":"doe","salutation":"mr","cellPhone":{"phoneNumber":"2079460958","countryCode":"+44","extension":"+"}}',
		],
		[
			'cleared phone stays empty',
			{phoneNumber: ''},
			'{"firstName":"john","lastName":"doe","salutation":"mr","cellPhone":{"phoneNumber":"","countryCode":"+91","extension":"+"}}',
		],
		[
			'extension',
			{extension: ' +91'},
			'{"firstName":"john","lastName":"doe","salutation":"mr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+91"}}',
		],
		[
			'cleared last name',
			{lastName: ''},
			'{"firstName":"john","lastName":"","salutation":"mr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+"}}',
		],
		[
			'unicode names',
			{firstName: '太郎', lastName: 'محمد'},
			'{"firstName":"太郎","lastName":"محمد","salutation":"mr","cellPhone":{"phoneNumber":"9550100001","countryCode":"+91","extension":"+"}}',
		],
	])('%s', (_name, edits, json) => {
		expect(JSON.stringify(buildUpdateBody(contact, edits))).toBe(json);
	});

	it('fills every field for a contact with nulls and no phone', () => {
		expect(JSON.stringify(buildUpdateBody({id: 'x', firstName: 'A', lastName: null, cellPhone: null}, {}))).toBe(
			'{"firstName":"A","lastName":"","salutation":"","cellPhone":{"phoneNumber":"","countryCode":"","extension":""}}',
		);
	});

	it('ignores undefined edits and keys that are not fields', () => {
		const edits = {firstName: undefined, fullName: 'X', status: 'INACTIVE'} as never;
		expect(buildUpdateBody(contact, edits)).toEqual(buildUpdateBody(contact, {}));
	});

	it('does not change the loaded contact', () => {
		const copy = structuredClone(contact);
		buildUpdateBody(contact, {firstName: 'Jon', phoneNumber: '1234'});
		expect(contact).toEqual(copy);
	});
});

describe('applyEdits and bodyOfFields', () => {
	it('applies edits to loaded fields', () => {
		const before = fieldsOf(contact);
		expect(applyEdits(before, {phoneNumber: '(955) 010-0009'})).toEqual({...before, phoneNumber: '9550100009'});
		expect(bodyOfFields(applyEdits(before, {}))).toEqual(buildUpdateBody(contact, {}));
	});
});

describe('salutation case (issue 12 #9)', () => {
	const loaded: Contact = {id: 'c1', firstName: 'Ann', lastName: 'Lee', salutation: 'mr', cellPhone: null};

	it('treats Mr for a stored mr as no edit: the stored text is sent back and nothing shows as changed', () => {
		const before = fieldsOf(loaded);
		const after = applyEdits(before, {salutation: 'Mr'});
		expect(after.salutation).toBe('mr');
		expect(buildUpdateBody(loaded, {salutation: ' MR '}).salutation).toBe('mr');
		expect(diffFields(before, after).filter(row => row.changed)).toEqual([]);
	});

	it('still sends a different salutation', () => {
		expect(buildUpdateBody(loaded, {salutation: 'Dr'}).salutation).toBe('Dr');
		expect(sameSalutation('Mrs', 'mr')).toBe(false);
	});
});
