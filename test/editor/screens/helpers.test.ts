import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {contactMatcher} from '../../../source/contact/match.js';
import {contactRow, count, looksLikeId} from '../../../source/editor/screens/contact-rows.js';
import {environmentComplete, resolveSession} from '../../../source/editor/screens/session.js';
import {validateStreamId} from '../../../source/editor/screens/stream-id.js';
import {openStore} from '../../../source/store/config.js';
import {tempConfigDir} from '../helpers/services.js';
import stringWidth from 'string-width';

const zoe: Contact = {
	id: '65b7b3e6d745a7c0c7e80e01',
	firstName: 'Zoë',
	lastName: 'Brontë',
	fullName: 'Zoë Brontë',
	cellPhone: {phoneNumber: '+447700900123', countryCode: '+44', extension: '+'},
};

describe('contact rows', () => {
	it('name · phone · id, aligned, within the width: the phone whole, the id cut first on narrow terminals', () => {
		const row = contactRow(zoe, 77);
		expect(row).toMatch(/^Zoë Brontë +· \+44 7700900123 +· 65b7b3e6d745a7c0c7e80e01$/);
		expect(stringWidth(row)).toBe(77);
		const narrow = contactRow({...zoe, fullName: '王小明王小明王小明王小明王小明'}, 57);
		expect(narrow).toMatch(/^王小明.*… · \+44 7700900123 +· 65b7b3e6d745a…$/);
		expect(stringWidth(narrow)).toBe(57);
	});

	const matchesContact = (contact: Contact, query: string) => contactMatcher(query)(contact);

	it('matches by name (any case), the start of the id, or phone digits typed with spaces', () => {
		expect(matchesContact(zoe, 'brontë')).toBe(true);
		expect(matchesContact(zoe, '65b7b3')).toBe(true);
		// The ID matches from its start only, as in `find`.
		expect(matchesContact(zoe, '80e01')).toBe(false);
		expect(matchesContact(zoe, '7700 900')).toBe(true);
		expect(matchesContact(zoe, 'smith')).toBe(false);
		expect(matchesContact(zoe, '')).toBe(true);
	});

	it('an ID is worth a server lookup when it has no spaces and some length', () => {
		expect(looksLikeId('65b7b3e6d745a7c0c7e80e01')).toBe(true);
		expect(looksLikeId('abc')).toBe(false);
		expect(looksLikeId('john doe')).toBe(false);
		expect(count(1234)).toBe('1,234');
	});
});

describe('validateStreamId', () => {
	it('accepts st-… IDs and says what is wrong otherwise', () => {
		expect(validateStreamId(' st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10 ')).toBeUndefined();
		expect(validateStreamId('')).toMatch(/Type the stream ID/);
		expect(validateStreamId('st 5')).toMatch(/found a space/);
		expect(validateStreamId('st/5')).toMatch(/found "\/"/);
		expect(validateStreamId('s'.repeat(101))).toMatch(/101 characters/);
	});
});

describe('resolveSession', () => {
	function store() {
		const s = openStore({configDir: tempConfigDir(), env: {}});
		s.saveProfile({name: 'prod', host: 'platform.kore.ai', accountId: 'a', clientId: 'c', clientSecret: 's', protected: true});
		s.saveProfile({name: 'nosecret', host: 'platform.kore.ai', accountId: 'a', clientId: 'c', protected: false});
		s.saveProfile({name: 'partial', host: 'platform.kore.ai', accountId: 'a', clientId: 'c', protected: false});
		return s;
	}

	it('a complete profile gives a session (protected carried over)', () => {
		expect(resolveSession(store(), {}, 'prod')).toEqual({
			ok: true,
			session: {
				profileName: 'prod',
				credentials: {host: 'platform.kore.ai', accountId: 'a', clientId: 'c', clientSecret: 's'},
				protected: true,
			},
		});
	});

	it('only the secret missing: ask for it; a typed secret completes the session', () => {
		const s = store();
		expect(resolveSession(s, {}, 'nosecret')).toMatchObject({ok: false, needsSecret: true, profileName: 'nosecret'});
		expect(resolveSession(s, {}, 'nosecret', 'typed')).toMatchObject({ok: true, session: {credentials: {clientSecret: 'typed'}}});
		expect(resolveSession(s, {KORE_CLIENT_SECRET: 'env'}, 'nosecret')).toMatchObject({
			ok: true,
			session: {credentials: {clientSecret: 'env'}},
		});
	});

	it('environment variables override profile fields, as the store defines', () => {
		expect(resolveSession(store(), {KORE_HOST: 'de-platform.kore.ai'}, 'prod')).toMatchObject({
			ok: true,
			session: {credentials: {host: 'de-platform.kore.ai'}},
		});
	});

	it('an unknown profile: the store sentence, never a throw', () => {
		const result = resolveSession(store(), {}, 'ghost');
		expect(result).toMatchObject({ok: false, needsSecret: false});
		expect(!result.ok && result.error.message).toMatch(/no profile named "ghost"/);
	});

	it('environmentComplete needs all four KORE_* variables', () => {
		expect(environmentComplete({KORE_HOST: 'h', KORE_ACCOUNT_ID: 'a', KORE_CLIENT_ID: 'c', KORE_CLIENT_SECRET: 's'})).toBe(true);
		expect(environmentComplete({KORE_HOST: 'h', KORE_ACCOUNT_ID: 'a', KORE_CLIENT_ID: 'c', KORE_CLIENT_SECRET: ' '})).toBe(false);
	});
});
