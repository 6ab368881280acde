import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {contactMatcher, foldText, keyMatches, matchKey, matchQuery, phoneMatches} from '../../source/contact/match.js';

const contact = (fields: Partial<Contact>): Contact => ({id: '667e48f7c8b972fc6910abcd', ...fields}) as Contact;
const uk = contact({firstName: 'José', lastName: 'García', cellPhone: {phoneNumber: '+447700900123', countryCode: '+44'}});
const matches = (text: string, who: Contact = uk) => contactMatcher(text)(who);

describe('contactMatcher: names', () => {
	it('any part of "first last", "last first" or the full name, without case, accents or extra spaces', () => {
		for (const text of ['jose', 'GARCIA', 'josé garcía', 'garcia jose', '  Jose   Gar ', 'é g', 'rcía']) {
			expect(matches(text), text).toBe(true);
		}
		for (const text of ['maria', 'jose x', 'josegarcia']) expect(matches(text), text).toBe(false);
		const full = contact({fullName: 'Łukasz Wiśniewski-Straße'});
		expect(matches('lukasz wisniewski-strasse', full)).toBe(true);
	});

	it('names are sanitised: a control sequence is neither matched nor in the way', () => {
		const odd = contact({firstName: 'Ana\u001B[31m', lastName: 'Smith'});
		expect(matches('ana smith', odd)).toBe(true);
		expect(matches('31m', odd)).toBe(false);
	});
});

describe('contactMatcher: phones in any format', () => {
	it.each([
		'07700 900123',
		'7700900123',
		'+44 7700 900123',
		'+447700900123',
		'0044 7700 900123',
		'(0)7700-900-123',
		'900-123',
		'447700',
		'+44 7700',
		'７７００ ９００１２３',
	])('%j finds +447700900123', text => {
		expect(matches(text)).toBe(true);
	});

	it.each(['+91 7700900123', '07700 900124', '12', '+1 7700900123'])('%j does not', text => {
		expect(matches(text)).toBe(false);
	});

	it('a number stored without its prefix or country code, or none at all', () => {
		expect(phoneMatches('07700 900123', {countryCode: '+44', phoneNumber: '7700900123'})).toBe(true);
		expect(phoneMatches('+44 7700 900123', {phoneNumber: '+447700900123'})).toBe(true);
		expect(phoneMatches('07700 900123', null)).toBe(false);
		expect(phoneMatches('', {countryCode: '+44', phoneNumber: '+447700900123'})).toBe(false);
	});
});

describe('contactMatcher: IDs', () => {
	it('match from their start, in any case; not from the middle or the end', () => {
		expect(matches('667e48')).toBe(true);
		expect(matches('667E48F7')).toBe(true);
		expect(matches(' 667e48f7c8b972fc6910abcd ')).toBe(true);
		expect(matches('6910abcd')).toBe(false);
		expect(matches('f7c8b9')).toBe(false);
	});
});

describe('keys and queries', () => {
	it('an empty or blank text matches everyone', () => {
		expect(matches('')).toBe(true);
		expect(matches('   ')).toBe(true);
		expect(matches('', contact({}))).toBe(true);
	});

	it('a key worked out once gives the same answers as the matcher', () => {
		const key = matchKey(uk);
		for (const text of ['jose', '07700', '+91 7700900123', '667e', 'x']) {
			expect(keyMatches(key, matchQuery(text)), text).toBe(matches(text));
		}
	});

	it('a phone query needs 3 digits, and says whether it names a country', () => {
		expect(matchQuery('77').phone).toBeUndefined();
		expect(matchQuery('077').phone).toEqual({digits: '077', international: false});
		expect(matchQuery('+44 77').phone).toEqual({digits: '4477', international: true});
		expect(matchQuery('0044 77').phone).toEqual({digits: '004477', international: true});
		expect(matchQuery('77a').phone).toBeUndefined();
	});

	it('contacts with missing or odd fields never throw', () => {
		const junk = {id: 42, firstName: null, lastName: {}, cellPhone: 'nope'} as unknown as Contact;
		expect(matches('42', junk)).toBe(true);
		expect(matches('abc', junk)).toBe(false);
		expect(foldText('Łódź ØRESUND Æble')).toBe('lodz oresund aeble');
	});
});
