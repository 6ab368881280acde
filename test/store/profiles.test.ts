import {describe, it, expect} from 'vitest';
import {redactProfile, validateProfile, validateProfileName} from '../../source/store/profiles.js';
import type {Profile} from '../../source/store/types.js';

const base: Profile = {name: 'dev', host: 'h', accountId: 'a', clientId: 'c', clientSecret: 'top-secret', protected: true};

describe('profiles', () => {
	it('redacts the secret', () => {
		const redacted = redactProfile(base);
		expect(redacted).toEqual({...base, clientSecret: '••••'});
		expect(JSON.stringify(redacted)).not.toContain('top-secret');
		const {clientSecret: _, ...withoutSecret} = base;
		expect(redactProfile(withoutSecret).clientSecret).toBe('(not stored)');
	});

	it('validates names', () => {
		expect(validateProfileName('prod-eu_1.b')).toBeUndefined();
		expect(validateProfileName('a\u0007b')).toContain('U+0007');
		expect(validateProfileName('x'.repeat(40))).toBeUndefined();
		expect(validateProfileName('x'.repeat(41))).toContain('41 characters');
	});

	it('validates fields and says which', () => {
		expect(validateProfile(base)).toEqual({});
		expect(Object.keys(validateProfile({...base, host: '', clientSecret: ''}))).toEqual(['host', 'clientSecret']);
	});
});
