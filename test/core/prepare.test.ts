import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {prepareUpdate} from '../../source/core/prepare.js';
import {john} from '../editor/helpers/fixtures.js';

const loaded: Contact = john;

describe('prepareUpdate', () => {
	it('builds the full body, the six rows and only the changed rows', () => {
		const result = prepareUpdate({streamId: 'st-1', loaded, edits: {firstName: '  John ', phoneNumber: '95501 00002'}});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const {update} = result;
		expect(update.streamId).toBe('st-1');
		expect(update.contactId).toBe(loaded.id);
		expect(update.loaded).toBe(loaded);
		expect(update.before).toEqual({
			firstName: 'john',
			lastName: 'doe',
			salutation: 'mr',
			countryCode: '+91',
			phoneNumber: '9550100001',
			extension: '+',
		});
		expect(update.body).toEqual({
			firstName: 'John',
			lastName: 'doe',
			salutation: 'mr',
			cellPhone: {phoneNumber: '9550100002', countryCode: '+91', extension: '+'},
		});
		expect(update.after.phoneNumber).toBe('9550100002');
		expect(update.rows.map(row => row.field)).toEqual([
			'firstName',
			'lastName',
			'salutation',
			'countryCode',
			'phoneNumber',
			'extension',
		]);
		expect(update.changes.map(change => [change.field, change.before, change.after])).toEqual([
			['firstName', 'john', 'John'],
			['phoneNumber', '9550100001', '9550100002'],
		]);
	});

	it('reports no changes when the edits equal the stored values', () => {
		const result = prepareUpdate({streamId: 'st-1', loaded, edits: {lastName: 'doe', countryCode: '+91'}});
		expect(result.ok && result.update.changes).toEqual([]);
	});

	it('refuses invalid values of changed fields, naming each field', () => {
		const result = prepareUpdate({
			streamId: 'st-1',
			loaded,
			edits: {firstName: '   ', phoneNumber: '12', extension: 'abc'},
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['extension', 'firstName', 'phoneNumber']);
		expect(result.errors.firstName).toMatch(/First name/);
		expect(result.errors.phoneNumber).toMatch(/digit/i);
	});

	it('does not hold untouched odd stored values against an edit of another field', () => {
		const odd: Contact = {...loaded, firstName: '', cellPhone: {phoneNumber: '+91abc', countryCode: '+91', extension: 'x'}};
		const result = prepareUpdate({streamId: 'st-1', loaded: odd, edits: {salutation: 'Dr'}});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.update.changes.map(change => change.field)).toEqual(['salutation']);
		expect(result.update.body.firstName).toBe('');
	});

	it('checks the country code together with a changed phone number', () => {
		const noCode: Contact = {...loaded, cellPhone: {phoneNumber: '', countryCode: '', extension: ''}};
		const result = prepareUpdate({streamId: 'st-1', loaded: noCode, edits: {phoneNumber: '9550100001'}});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.countryCode).toMatch(/Country code/);
	});

	it('copes with a contact whose fields are missing or null', () => {
		const sparse = {id: 'c-2', firstName: null, cellPhone: null} as unknown as Contact;
		const result = prepareUpdate({streamId: 'st-1', loaded: sparse, edits: {firstName: 'Ana'}});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.update.body).toEqual({
			firstName: 'Ana',
			lastName: '',
			salutation: '',
			cellPhone: {phoneNumber: '', countryCode: '', extension: ''},
		});
	});
});
