import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {contactMatcher, foldText, keyMatches, matchKey, matchQuery} from '../../../source/contact/match.js';
import {contactRow, createContactIndex, looksLikeId, recentRow} from '../../../source/editor/screens/contact-rows.js';

const matchesContact = (person: Contact, query: string) => contactMatcher(query)(person);

const contact = (id: string, fullName: string, phone?: string, countryCode = '+91'): Contact => ({
	id,
	fullName,
	firstName: fullName.split(' ')[0],
	lastName: fullName.split(' ')[1] ?? '',
	...(phone === undefined ? {} : {cellPhone: {phoneNumber: `${countryCode}${phone}`, countryCode, extension: '+'}}),
});

const people = [
	contact('65b7b3e6d745a7c0c7e80e01', 'Maria Khan', '9550100001'),
	contact('65b7b3e6d745a7c0c7e80e02', 'Zoë Brontë', '7700900123', '+44'),
	contact('65b7b3e6d745a7c0c7e80e03', 'Ana\u001B[31m Smith', '4155550100', '+1'),
	contact('65b7b3e6d745a7c0c7e80e04', 'No Phone'),
];

describe('search keys', () => {
	it('hold the names in lower case without accents, the id, and the phone digits, sanitised', () => {
		expect(matchKey(people[1]!)).toEqual({
			names: 'zoe bronte\nbronte zoe\nzoe bronte',
			id: '65b7b3e6d745a7c0c7e80e02',
			national: '7700900123',
			full: '447700900123',
		});
		expect(matchKey(people[2]!).names).toContain('ana smith');
		expect(matchKey(people[3]!).national).toBe('');
	});

	it('match exactly as matchesContact does, for every contact and query', () => {
		const queries = [
			'',
			' ',
			'maria',
			'KHAN',
			'zoë',
			'ë b',
			'e80e0',
			'9550',
			'95 50',
			'(415) 555',
			'+44 7700',
			'7',
			'ana smith',
			'31m',
			'x',
		];
		for (const person of people) {
			for (const query of queries) {
				expect(keyMatches(matchKey(person), matchQuery(query)), `${person.fullName} / ${JSON.stringify(query)}`).toBe(
					matchesContact(person, query),
				);
			}
		}
	});

	it('a phone query needs three digits (as find); punctuation typed with it is ignored', () => {
		expect(matchQuery('77')).toEqual({text: '77', idPrefix: '77'});
		expect(matchQuery(' (415) 555-01 ').phone).toEqual({digits: '41555501', international: false});
		expect(matchQuery('ana').phone).toBeUndefined();
	});
});

describe('createContactIndex', () => {
	it('filters in list order; an empty filter keeps everyone', () => {
		const index = createContactIndex();
		expect(index.filter(people, 'an').map(p => p.fullName)).toEqual(['Maria Khan', 'Ana\u001B[31m Smith']);
		expect(index.filter(people, '  ')).toEqual(people);
		expect(index.filter(people, '+44 7700 9')).toEqual([people[1]]);
	});

	it('works each key and row out once per contact object (and width)', () => {
		const index = createContactIndex();
		const first = index.key(people[0]!);
		expect(index.key(people[0]!)).toBe(first);
		// An edited contact is a new object: its own key.
		const edited = {...people[0]!, fullName: 'Maria Qureshi'};
		expect(index.key(edited).names).toContain('maria qureshi');
		const row = index.row(people[0]!, 77);
		expect(row).toBe(contactRow(people[0]!, 77));
		expect(index.row(people[0]!, 77)).toBe(row);
		expect(index.row(people[0]!, 57)).toBe(contactRow(people[0]!, 57));
	});
});

describe('accents', () => {
	const accented = [
		contact('65b7b3e6d745a7c0c7e80e11', 'Letícia Araújo', '11987654321', '+55'),
		contact('65b7b3e6d745a7c0c7e80e12', 'Łukasz Wiśniewski', '512345678', '+48'),
		contact('65b7b3e6d745a7c0c7e80e13', 'Søren Kierkegård', '20123456', '+45'),
		contact('65b7b3e6d745a7c0c7e80e14', 'Đorđe Straße', '601234567', '+381'),
	];

	it('are ignored on both sides: araujo finds Araújo, lukasz Łukasz, soren Søren, strasse Straße', () => {
		const index = createContactIndex();
		expect(index.filter(accented, 'araujo').map(p => p.fullName)).toEqual(['Letícia Araújo']);
		expect(index.filter(accented, 'ARAÚJO').map(p => p.fullName)).toEqual(['Letícia Araújo']);
		expect(index.filter(accented, 'leticia').map(p => p.fullName)).toEqual(['Letícia Araújo']);
		expect(index.filter(accented, 'lukasz wis').map(p => p.fullName)).toEqual(['Łukasz Wiśniewski']);
		expect(index.filter(accented, 'soren kierkegard').map(p => p.fullName)).toEqual(['Søren Kierkegård']);
		expect(index.filter(accented, 'dorde strasse').map(p => p.fullName)).toEqual(['Đorđe Straße']);
		expect(foldText('Łódź ØRESUND Æble')).toBe('lodz oresund aeble');
	});
});

describe('looksLikeId', () => {
	it('offers a server lookup for contact-ID-shaped text only, never for a name or a phone number', () => {
		for (const text of ['6598aa3bd745a7c0c7e80dfc', 'ffffffffffffffffffffffff', ' 6598aa3bd745a7c ', 'c-1234-x', 'contact_42']) {
			expect(looksLikeId(text), text).toBe(true);
		}

		for (const text of [
			'wilson',
			'silva',
			'Ava Wilson',
			'no-such-contact',
			'e80e0',
			'cafe',
			'9550100001',
			'+91 95501',
			'6598 aa3b',
			'',
		]) {
			expect(looksLikeId(text), text).toBe(false);
		}
	});
});

describe('recentRow', () => {
	it('a recent contact not loaded yet lines up with the loaded rows (blank phone column)', () => {
		for (const width of [40, 60, 77, 100]) {
			const loaded = contactRow(people[0]!, width);
			const recent = recentRow('Letícia Silva', '68d8897fd745a7c0c7e80e8f', width);
			const dots = (row: string) => [...row].flatMap((ch, i) => (ch === '·' ? [i] : []));
			expect(dots(recent), `${width}: ${recent}`).toEqual(dots(loaded));
			expect(recent).toMatch(width >= 60 ? /^Letícia Silva +· {17,}· 68d8/ : /^Letícia… +· +· 68d8/);
		}
	});
});

describe('filter: national formats', () => {
	it('07700 900123 finds +44 7700900123; unrelated digits and names do not', () => {
		const uk = contact('c-uk', 'Ann Lee', '7700900123', '+44');
		expect(matchesContact(uk, '07700 900123')).toBe(true);
		expect(matchesContact(uk, '(0)7700-900123')).toBe(true);
		expect(matchesContact(uk, '0044 7700 900123')).toBe(true);
		expect(matchesContact(uk, '07700 900124')).toBe(false);
		expect(matchesContact(contact('c-in', 'Ravi', '9550100001'), '07700 900123')).toBe(false);
		expect(matchQuery('ann').phone).toBeUndefined();
	});
});
