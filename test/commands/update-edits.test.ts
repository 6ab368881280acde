import {describe, expect, it} from 'vitest';
import {buildEdits} from '../../source/commands/update.js';
import type {ContactFields} from '../../source/contact/contact.js';

const current: ContactFields = {
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '+',
};

const base = {stream: 'st-1', contact: 'c-1'};

describe('buildEdits (update flags -> field edits)', () => {
	it('takes only the fields given; "" clears one', () => {
		expect(buildEdits({...base, lastName: '', salutation: 'Dr'}, current)).toEqual({
			ok: true,
			edits: {lastName: '', salutation: 'Dr'},
		});
	});

	it('uses the stored country code for plain digits, and --country-code when given', () => {
		expect(buildEdits({...base, phone: '95501 00002'}, current)).toEqual({
			ok: true,
			edits: {phoneNumber: '9550100002', countryCode: '+91'},
		});
		expect(buildEdits({...base, phone: '7946 0958', countryCode: '+44'}, current)).toEqual({
			ok: true,
			edits: {phoneNumber: '79460958', countryCode: '+44'},
		});
	});

	it('splits a pasted international number, and refuses one that contradicts --country-code', () => {
		expect(buildEdits({...base, phone: '+44 20 7946 0958'}, current)).toEqual({
			ok: true,
			edits: {phoneNumber: '2079460958', countryCode: '+44'},
		});
		const exitPrefix = buildEdits({...base, phone: '0044 20 7946 0958'}, current);
		expect(exitPrefix.ok).toBe(false);
		if (!exitPrefix.ok)
			expect(exitPrefix.errors.phoneNumber).toContain('type it with + and the country code, e.g. +44 20 7946 0958');
		const contradiction = buildEdits({...base, phone: '+44 20 7946 0958', countryCode: '+91'}, current);
		expect(contradiction.ok).toBe(false);
		if (!contradiction.ok) expect(contradiction.errors.phoneNumber).toContain('+44 but --country-code says +91');
	});

	it('passes the phone rules message on', () => {
		const bad = buildEdits({...base, phone: '95501x'}, current);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors.phoneNumber).toMatch(/digits only/);
	});
});
