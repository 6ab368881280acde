import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {SANDBOX_DEFAULTS, seedContacts, startSandbox} from '../../source/sandbox/index.js';

const contacts = seedContacts(SANDBOX_DEFAULTS.contactCount);
const text = (c: Contact) => `${c.salutation ?? ''} ${c.firstName ?? ''} ${c.lastName ?? ''}`;
const some = (test: (c: Contact) => boolean) => contacts.filter(test).length;

describe('seedContacts', () => {
	it('is deterministic, and the seed option changes it', () => {
		expect(seedContacts(150)).toEqual(contacts);
		expect(JSON.stringify(seedContacts(150))).toBe(JSON.stringify(contacts));
		expect(seedContacts(150, {seed: 7})).not.toEqual(contacts);
		expect(seedContacts(0)).toEqual([]);
		expect(() => seedContacts(-1)).toThrow(/whole number/);
	});

	it('has unique ObjectId-like ids and increasing createdAt', () => {
		expect(new Set(contacts.map(c => c.id)).size).toBe(contacts.length);
		for (const c of contacts) expect(c.id).toMatch(/^[0-9a-f]{24}$/);
		for (let i = 1; i < contacts.length; i++) {
			expect(Date.parse(contacts[i]!.createdAt!)).toBeGreaterThan(Date.parse(contacts[i - 1]!.createdAt!));
		}
		for (const c of contacts) {
			expect(new Date(c.createdAt!).toISOString()).toBe(c.createdAt);
			expect(Date.parse(c.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(c.createdAt!));
			// The id starts with the creation time in seconds, as a Mongo ObjectId does.
			expect(Number.parseInt(c.id.slice(0, 8), 16)).toBe(Math.floor(Date.parse(c.createdAt!) / 1000));
		}
	});

	it('carries every field of the documented sample response', () => {
		const sample = contacts[0]!;
		expect(Object.keys(sample)).toEqual([
			'firstName',
			'lastName',
			'fullName',
			'salutation',
			'cellPhone',
			'status',
			'instanceBotId',
			'orgId',
			'accountId',
			'createdBy',
			'createdByAId',
			'address',
			'twitterDetails',
			'createdAt',
			'updatedAt',
			'updatedBy',
			'updatedByAId',
			'id',
		]);
		expect(sample).toMatchObject({
			firstName: 'john',
			lastName: 'doe',
			fullName: 'john doe',
			salutation: 'mr',
			cellPhone: {extension: '+', countryCode: '+91', phoneNumber: '+919550100001'},
			instanceBotId: SANDBOX_DEFAULTS.streamId,
			accountId: SANDBOX_DEFAULTS.accountId,
		});
	});

	it('spans many countries with phone numbers stored as countryCode + digits', () => {
		const codes = new Set(contacts.map(c => c.cellPhone?.countryCode).filter(Boolean));
		for (const code of ['+91', '+1', '+44', '+49', '+81', '+966', '+55', '+33', '+61', '+971']) expect(codes).toContain(code);
		const withPhone = contacts.filter(c => c.cellPhone?.phoneNumber);
		const prefixed = withPhone.filter(
			c => /^\+\d+$/.test(c.cellPhone!.phoneNumber!) && c.cellPhone!.phoneNumber!.startsWith(c.cellPhone!.countryCode!),
		);
		// All but the legacy import are countryCode + 6..13 digits.
		expect(withPhone.length - prefixed.length).toBe(1);
		for (const c of prefixed)
			expect(c.cellPhone!.phoneNumber!.length - c.cellPhone!.countryCode!.length).toBeGreaterThanOrEqual(8);
		expect(withPhone.find(c => !prefixed.includes(c))!.cellPhone!.phoneNumber).toBe('415 555 0199');
	});

	it('holds the awkward names real tenants hold', () => {
		for (const name of [
			'José',
			'Zoë',
			'Łukasz',
			'Søren',
			'小明',
			'王',
			'山田',
			'太郎',
			'김',
			'민준',
			'محمد',
			'العلي',
			'דוד',
			'כהן',
		]) {
			expect(
				contacts.some(c => text(c).includes(name)),
				name,
			).toBe(true);
		}
		expect(some(c => /\p{Extended_Pictographic}/u.test(text(c)))).toBeGreaterThan(0);
		expect(some(c => (c.fullName ?? '').length > 60)).toBeGreaterThanOrEqual(2);
		expect(some(c => (c.firstName ?? '').length > 60)).toBeGreaterThanOrEqual(1);
		expect(some(c => /\p{Script=Arabic}|\p{Script=Hebrew}/u.test(text(c)))).toBeGreaterThanOrEqual(2);
	});

	it('mixes salutations, including empty and missing ones', () => {
		const salutations = new Set(contacts.map(c => c.salutation));
		for (const s of ['', 'mr', 'Mr', 'Mrs.', 'Dr']) expect(salutations, s).toContain(s);
		expect(salutations).toContain(null);
	});

	it('has null and missing phones and last names', () => {
		expect(some(c => c.cellPhone === null)).toBeGreaterThan(0);
		expect(some(c => !('cellPhone' in c))).toBeGreaterThan(0);
		expect(some(c => !('lastName' in c))).toBeGreaterThan(0);
		expect(some(c => c.lastName === null)).toBeGreaterThan(0);
		for (const c of contacts) expect(c.fullName).toBe([c.firstName, c.lastName].filter(Boolean).join(' '));
	});

	it('has names carrying terminal escape sequences (server data is untrusted)', () => {
		const escapes = contacts.filter(c => /[\u0000-\u001f\u007f-\u009f]/.test(text(c)));
		expect(escapes.length).toBeGreaterThanOrEqual(3);
		expect(escapes.some(c => c.firstName === 'Mallory\u001b[2J\u001b[31m')).toBe(true);
		expect(escapes.some(c => (c.lastName ?? '').includes('\u001b]0;'))).toBe(true);
	});

	it('has some soft-deleted contacts', () => {
		expect(new Set(contacts.map(c => c.status))).toEqual(new Set(['ACTIVE', 'INACTIVE']));
	});

	it('generates 20 000 contacts with unique ids, in order', () => {
		const many = seedContacts(20_000);
		expect(many).toHaveLength(20_000);
		expect(new Set(many.map(c => c.id)).size).toBe(20_000);
		expect(many[0]).toMatchObject({firstName: 'john', lastName: 'doe'});
		for (let i = 1; i < many.length; i += 97) {
			expect(many[i]!.createdAt! >= many[i - 1]!.createdAt!).toBe(true);
		}
	});

	it('a sandbox can serve an explicit contact list instead of the seed', async () => {
		const own: Contact[] = [{id: 'aaaaaaaaaaaaaaaaaaaaaaaa', firstName: 'Only', fullName: 'Only', status: 'ACTIVE'}];
		const s = await startSandbox({contacts: own});
		try {
			expect(s.contacts()).toEqual(own);
			own[0]!.firstName = 'Changed outside';
			expect(s.getContact('aaaaaaaaaaaaaaaaaaaaaaaa')!.firstName).toBe('Only');
		} finally {
			await s.close();
		}
		await expect(startSandbox({contacts: [{id: 'x'}, {id: 'x'}]})).rejects.toThrow(/twice/);
	});
});
