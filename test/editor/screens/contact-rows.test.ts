import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {
	contactRow,
	createContactIndex,
	filterQuery,
	matchesContact,
	matchesKey,
	searchKey,
} from '../../../source/editor/screens/contact-rows.js';

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
	it('hold the display name in lower case, the id, and the phone digits, sanitised', () => {
		expect(searchKey(people[1]!)).toEqual({name: 'zoë brontë', id: '65b7b3e6d745a7c0c7e80e02', phone: '447700900123'});
		expect(searchKey(people[2]!).name).toBe('ana smith');
		expect(searchKey(people[3]!).phone).toBe('');
	});

	it('match exactly as matchesContact does, for every contact and query', () => {
		const queries = ['', ' ', 'maria', 'KHAN', 'zoë', 'ë b', 'e80e0', '9550', '95 50', '(415) 555', '+44 7700', '7', 'ana smith', '31m', 'x'];
		for (const person of people) {
			for (const query of queries) {
				expect(matchesKey(searchKey(person), filterQuery(query)), `${person.fullName} / ${JSON.stringify(query)}`).toBe(matchesContact(person, query));
			}
		}
	});

	it('a phone query needs two digits; punctuation typed with it is ignored', () => {
		expect(filterQuery('7')).toEqual({text: '7', digits: undefined});
		expect(filterQuery(' (415) 555-01 ')).toEqual({text: '(415) 555-01', digits: '41555501'});
		expect(filterQuery('ana').digits).toBeUndefined();
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
		expect(index.key(edited).name).toBe('maria qureshi');
		const row = index.row(people[0]!, 77);
		expect(row).toBe(contactRow(people[0]!, 77));
		expect(index.row(people[0]!, 77)).toBe(row);
		expect(index.row(people[0]!, 57)).toBe(contactRow(people[0]!, 57));
	});
});
