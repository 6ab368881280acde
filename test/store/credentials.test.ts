import {describe, it, expect} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {describeSources, missingMessage, resolveCredentials, StoreError} from '../../source/store/credentials.js';
import type {Profile, Store} from '../../source/store/types.js';
import {tempDir} from './helpers.js';

const dev: Profile = {
	name: 'dev',
	host: 'dev.example.com',
	accountId: 'acc-dev',
	clientId: 'cs-dev',
	clientSecret: 'dev-secret',
	protected: false,
};
const prod: Profile = {name: 'prod', host: 'platform.kore.ai', accountId: 'acc-prod', clientId: 'cs-prod', protected: true};

function storeWith(...profiles: Profile[]): Store {
	const store = openStore({configDir: tempDir()});
	for (const p of profiles) {
		store.saveProfile(p);
	}

	return store;
}

describe('resolveCredentials', () => {
	it('takes every field from the default profile when nothing else is given', () => {
		const store = storeWith(dev, prod);
		store.setDefaultProfile('dev');
		const resolved = resolveCredentials({store, env: {}});
		expect(resolved).toEqual({
			profileName: 'dev',
			credentials: {host: 'dev.example.com', accountId: 'acc-dev', clientId: 'cs-dev', clientSecret: 'dev-secret'},
			sources: {host: 'profile', accountId: 'profile', clientId: 'profile', clientSecret: 'profile'},
			protected: false,
			missing: [],
		});
		expect(missingMessage(resolved)).toBe('');
	});

	it('prefers flags over env over the profile, field by field', () => {
		const store = storeWith(dev);
		store.setDefaultProfile('dev');
		const resolved = resolveCredentials({
			store,
			flags: {host: 'flag.example.com'},
			env: {KORE_HOST: 'env.example.com', KORE_ACCOUNT_ID: 'acc-env', KORE_CLIENT_SECRET: 'env-secret'},
		});
		expect(resolved.credentials).toEqual({
			host: 'flag.example.com',
			accountId: 'acc-env',
			clientId: 'cs-dev',
			clientSecret: 'env-secret',
		});
		expect(resolved.sources).toEqual({host: 'flag', accountId: 'env', clientId: 'profile', clientSecret: 'env'});
		expect(describeSources(resolved)).toEqual([
			'host: from --host',
			'accountId: from KORE_ACCOUNT_ID',
			'clientId: from profile "dev"',
			'clientSecret: from KORE_CLIENT_SECRET',
		]);
	});

	it('ignores empty flags and env values', () => {
		const store = storeWith(dev);
		store.setDefaultProfile('dev');
		const resolved = resolveCredentials({store, flags: {host: ''}, env: {KORE_HOST: '  ', KORE_PROFILE: ''}});
		expect(resolved.credentials.host).toBe('dev.example.com');
		expect(resolved.sources.host).toBe('profile');
	});

	it('picks the profile by name, then KORE_PROFILE, then the default', () => {
		const store = storeWith(dev, prod);
		store.setDefaultProfile('dev');
		expect(resolveCredentials({store, env: {}}).profileName).toBe('dev');
		const viaEnv = resolveCredentials({store, env: {KORE_PROFILE: 'prod'}});
		expect(viaEnv.profileName).toBe('prod');
		expect(viaEnv.protected).toBe(true);
		expect(viaEnv.credentials.accountId).toBe('acc-prod');
		expect(resolveCredentials({store, profileName: 'dev', env: {KORE_PROFILE: 'prod'}}).profileName).toBe('dev');
	});

	it('reports what is missing and how to supply it', () => {
		const store = storeWith(prod);
		const resolved = resolveCredentials({store, profileName: 'prod', env: {}});
		expect(resolved.missing).toEqual(['clientSecret']);
		expect(resolved.credentials).not.toHaveProperty('clientSecret');
		expect(missingMessage(resolved)).toBe(
			'The client secret is not set: save it in profile "prod" (`kore-contacts profile add prod`), or set KORE_CLIENT_SECRET.',
		);
		expect(describeSources(resolved)[3]).toBe('clientSecret: not set');
		const none = resolveCredentials({store: storeWith(), env: {}});
		expect(none.profileName).toBeUndefined();
		expect(none.missing).toEqual(['host', 'accountId', 'clientId', 'clientSecret']);
		expect(missingMessage(none)).toBe(
			'The host, account ID, client ID and client secret are not set: add a profile with `kore-contacts profile add NAME`, or set KORE_HOST, KORE_ACCOUNT_ID, KORE_CLIENT_ID and KORE_CLIENT_SECRET.',
		);
	});

	it('works from env alone, and then does not claim the default profile', () => {
		const store = storeWith(prod);
		store.setDefaultProfile('prod');
		const resolved = resolveCredentials({
			store,
			env: {KORE_HOST: 'h', KORE_ACCOUNT_ID: 'a', KORE_CLIENT_ID: 'c', KORE_CLIENT_SECRET: 's'},
		});
		expect(resolved.missing).toEqual([]);
		expect(resolved.profileName).toBeUndefined();
		expect(resolved.protected).toBe(false);
		expect(Object.values(resolved.sources)).toEqual(['env', 'env', 'env', 'env']);
	});

	it('throws a StoreError naming the saved profiles for an unknown name', () => {
		const store = storeWith(dev, prod);
		let caught: unknown;
		try {
			resolveCredentials({store, profileName: 'staging', env: {}});
		} catch (error) {
			caught = error;
		}

		expect(caught).toBeInstanceOf(StoreError);
		expect((caught as Error).message).toBe(
			'There is no profile named "staging". Saved profiles: dev, prod; add one with `kore-contacts profile add staging`.',
		);
		expect(() => resolveCredentials({store, env: {KORE_PROFILE: 'qa'}})).toThrow(
			'There is no profile named "qa" (from KORE_PROFILE). Saved profiles: dev, prod; add one with `kore-contacts profile add qa`.',
		);
		expect(() => resolveCredentials({store: storeWith(), profileName: 'x', env: {}})).toThrow('No profiles are saved yet');
	});

	it('never puts the secret in describeSources or missingMessage', () => {
		const store = storeWith(dev);
		const resolved = resolveCredentials({store, profileName: 'dev', env: {}});
		expect([...describeSources(resolved), missingMessage(resolved)].join('\n')).not.toContain('dev-secret');
	});
});
