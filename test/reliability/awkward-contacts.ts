// Contacts as a real tenant may hold them: fields missing, null, of another type or extra; a
// 10,000-character name; emoji, CJK and right-to-left scripts; terminal escape sequences.
import type {Contact} from '../../source/contact/contact.js';

const base = (id: string, fields: Partial<Contact>): Contact => ({
	id,
	accountId: '65f7d49a5dd06e2cefa0d3b1',
	status: 'ACTIVE',
	createdAt: '2024-06-28T05:24:07.218Z',
	updatedAt: '2025-01-09T05:55:58.158Z',
	...fields,
});

export const LONG_NAME = `Ab${'c'.repeat(9_996)}yz`;
export const ids = {
	missing: '6600000000000000000000a1',
	nulls: '6600000000000000000000a2',
	extra: '6600000000000000000000a3',
	long: '6600000000000000000000a4',
	emoji: '6600000000000000000000a5',
	cjk: '6600000000000000000000a6',
	arabic: '6600000000000000000000a7',
	hebrew: '6600000000000000000000a8',
	escapes: '6600000000000000000000a9',
	osc: '6600000000000000000000aa',
};

export const AWKWARD: Contact[] = [
	// Only an id and a first name: every other field missing.
	{id: ids.missing, firstName: 'Ana'},
	base(ids.nulls, {firstName: 'Nil', lastName: null, fullName: null, salutation: null, cellPhone: null, createdAt: null}),
	base(ids.extra, {
		firstName: 'Extra',
		lastName: 42 as unknown as string,
		salutation: 'Mr',
		fullName: 'Extra 42',
		cellPhone: {phoneNumber: '+14155550100', countryCode: '+1', extension: null, carrier: 'x'} as Contact['cellPhone'],
		address: [{city: 'Paris'}],
		customFields: {tier: 'gold', nested: {deep: [1, 2, 3]}},
	}),
	base(ids.long, {
		firstName: LONG_NAME,
		lastName: 'Long',
		salutation: 'Ms',
		cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
	}),
	base(ids.emoji, {
		firstName: '👩‍👩‍👧 Family',
		lastName: '🇮🇳👍🏽',
		salutation: '',
		cellPhone: {phoneNumber: '+919876501234', countryCode: '+91', extension: ''},
	}),
	base(ids.cjk, {
		firstName: '太郎',
		lastName: '山田',
		salutation: '',
		cellPhone: {phoneNumber: '+819012345678', countryCode: '+81', extension: '+81'},
	}),
	base(ids.arabic, {
		firstName: 'محمد',
		lastName: 'العلي',
		salutation: 'Mr',
		cellPhone: {phoneNumber: '+966512345678', countryCode: '+966', extension: ''},
	}),
	base(ids.hebrew, {
		firstName: 'דוד',
		lastName: 'כהן',
		salutation: '',
		cellPhone: {phoneNumber: '+972521234567', countryCode: '+972', extension: ''},
	}),
	base(ids.escapes, {
		firstName: 'Mallory\u001b[2J\u001b[31m',
		lastName: 'Admin\b\b\b\b\bRoot\u007f\u009b1A\r',
		salutation: 'Mr\u202e',
		cellPhone: {phoneNumber: '+12125550177', countryCode: '+1', extension: ''},
	}),
	base(ids.osc, {
		firstName: 'Eve',
		lastName: '\u001b]0;pwned by eve\u0007Hacker',
		salutation: 'Ms',
		cellPhone: {phoneNumber: '+447700900666', countryCode: '+44', extension: ''},
	}),
];
