import {describe, expect, it} from 'vitest';
import type {Contact, ContactFields} from '../../source/contact/contact.js';
import {changedFields, diffFields, fieldsOfBody, verifyStored} from '../../source/contact/diff.js';
import {fieldsOf} from '../../source/contact/fields.js';
import {buildUpdateBody} from '../../source/contact/update-body.js';

const before: ContactFields = {
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '+',
};

describe('diffFields', () => {
	it('gives all six rows in order, none changed, for equal fields', () => {
		expect(diffFields(before, {...before})).toEqual([
			{field: 'firstName', label: 'First name', before: 'john', after: 'john', changed: false},
			{field: 'lastName', label: 'Last name', before: 'doe', after: 'doe', changed: false},
			{field: 'salutation', label: 'Salutation', before: 'mr', after: 'mr', changed: false},
			{field: 'countryCode', label: 'Country code', before: '+91', after: '+91', changed: false},
			{field: 'phoneNumber', label: 'Phone number', before: '9550100001', after: '9550100001', changed: false},
			{field: 'extension', label: 'Extension', before: '+', after: '+', changed: false},
		]);
	});

	it.each<[string, Partial<ContactFields>, string[]]>([
		['first name', {firstName: 'Jon'}, ['firstName']],
		['case only', {lastName: 'Doe'}, ['lastName']],
		['phone and country code', {countryCode: '+44', phoneNumber: '2079460958'}, ['countryCode', 'phoneNumber']],
		['cleared phone', {phoneNumber: ''}, ['phoneNumber']],
		[
			'everything',
			{firstName: 'a', lastName: 'b', salutation: 'Dr', countryCode: '+1', phoneNumber: '4155550100', extension: ''},
			['firstName', 'lastName', 'salutation', 'countryCode', 'phoneNumber', 'extension'],
		],
		['trailing space counts', {firstName: 'john '}, ['firstName']],
	])('%s', (_name, change, fields) => {
		const after = {...before, ...change};
		const rows = diffFields(before, after);
		expect(rows.map(row => row.field)).toEqual([
			'firstName',
			'lastName',
			'salutation',
			'countryCode',
			'phoneNumber',
			'extension',
		]);
		expect(rows.filter(row => row.changed).map(row => row.field)).toEqual(fields);
		expect(changedFields(before, after)).toEqual(fields);
		for (const row of rows) {
			expect(row.before).toBe(before[row.field]);
			expect(row.after).toBe(after[row.field]);
		}
	});

	it('marks a change from a value to the same value typed differently in another script', () => {
		expect(changedFields({...before, lastName: 'Doe'}, {...before, lastName: 'Dоe'})).toEqual(['lastName']);
	});
});

describe('fieldsOfBody', () => {
	it('reads the fields a body sends', () => {
		const body = buildUpdateBody(
			{
				id: 'x',
				firstName: 'john',
				lastName: 'doe',
				salutation: 'mr',
				cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
			},
			{},
		);
		expect(fieldsOfBody(body)).toEqual(before);
	});
});

describe('verifyStored', () => {
	const loaded: Contact = {
		id: 'c1',
		firstName: 'john',
		lastName: 'doe',
		salutation: 'mr',
		cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
	};

	it('accepts a stored phone returned as countryCode + digits', () => {
		const body = buildUpdateBody(loaded, {firstName: 'Jon', phoneNumber: '9550100002'});
		const stored: Contact = {
			...loaded,
			firstName: 'Jon',
			fullName: 'Jon doe',
			cellPhone: {extension: '+', phoneNumber: '+919550100002', countryCode: '+91'},
			updatedAt: '2026-01-09T06:00:00.000Z',
		};
		expect(verifyStored(body, stored)).toEqual({ok: true, mismatches: []});
	});

	it('accepts a stored phone returned as digits only', () => {
		const body = buildUpdateBody(loaded, {phoneNumber: '9550100002'});
		expect(verifyStored(body, {...loaded, cellPhone: {phoneNumber: '9550100002', countryCode: '+91', extension: '+'}}).ok).toBe(
			true,
		);
	});

	it('accepts a stored country code change with the new prefix', () => {
		const body = buildUpdateBody(loaded, {countryCode: '+44', phoneNumber: '2079460958'});
		expect(
			verifyStored(body, {...loaded, cellPhone: {phoneNumber: '+442079460958', countryCode: '+44', extension: '+'}}).ok,
		).toBe(true);
	});

	it('accepts an empty phone stored as null', () => {
		const body = buildUpdateBody(loaded, {phoneNumber: '', countryCode: '', extension: ''});
		expect(verifyStored(body, {...loaded, cellPhone: {phoneNumber: null, countryCode: null, extension: null}}).ok).toBe(true);
	});

	it('reports each field the server stored differently (before = sent, after = stored)', () => {
		const body = buildUpdateBody(loaded, {firstName: 'Jon', salutation: 'Dr', phoneNumber: '9550100002'});
		const stored: Contact = {
			...loaded,
			firstName: 'jon',
			salutation: 'Dr',
			cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
		};
		expect(verifyStored(body, stored)).toEqual({
			ok: false,
			mismatches: [
				{field: 'firstName', label: 'First name', before: 'Jon', after: 'jon', changed: true},
				{field: 'phoneNumber', label: 'Phone number', before: '9550100002', after: '9550100001', changed: true},
			],
		});
	});

	it('reports a stored contact that lost its phone', () => {
		const body = buildUpdateBody(loaded, {});
		const result = verifyStored(body, {id: 'c1', firstName: 'john', lastName: 'doe', salutation: 'mr'});
		expect(result.ok).toBe(false);
		expect(result.mismatches.map(row => row.field)).toEqual(['countryCode', 'phoneNumber', 'extension']);
	});

	it('compares the stored contact exactly as the server returned it', () => {
		const body = buildUpdateBody(loaded, {});
		expect(verifyStored(body, loaded)).toEqual({ok: true, mismatches: []});
		expect(fieldsOf(loaded)).toEqual(fieldsOfBody(body));
	});
});

describe('diffFields compares plain strings', () => {
	it('marks exactly the fields whose text differs, spaces and case included', () => {
		const base: ContactFields = {
			firstName: 'Ann',
			lastName: 'Lee',
			salutation: 'Ms',
			countryCode: '+44',
			phoneNumber: '7700900123',
			extension: '',
		};
		const rows = diffFields(base, {...base, firstName: 'Ann ', phoneNumber: '7700900124'});
		expect(rows.map(row => row.field)).toEqual([
			'firstName',
			'lastName',
			'salutation',
			'countryCode',
			'phoneNumber',
			'extension',
		]);
		expect(rows.filter(row => row.changed).map(row => row.field)).toEqual(['firstName', 'phoneNumber']);
		expect(changedFields(base, {...base})).toEqual([]);
	});
});
