import fs from 'node:fs';
import path from 'node:path';
import {describe, it, expect} from 'vitest';
import {configDirFor, MAX_RECENT_CONTACTS, MAX_RECENT_STREAMS, openStore, StoreError} from '../../source/store/config.js';
import type {Profile} from '../../source/store/types.js';
import {modeOf, tempDir} from './helpers.js';

const posix = process.platform !== 'win32';

const profile = (name: string, extra: Partial<Profile> = {}): Profile => ({
	name,
	host: 'platform.kore.ai',
	accountId: 'acc-1',
	clientId: 'cs-1',
	clientSecret: 'shh-secret',
	protected: false,
	...extra,
});

function backupsIn(dir: string): string[] {
	return fs.readdirSync(dir).filter(name => name.startsWith('config.json.'));
}

describe('openStore: where and how the file is kept', () => {
	it('uses configDir, then KORE_CONTACTS_CONFIG_DIR', () => {
		const a = tempDir();
		const b = tempDir();
		expect(configDirFor({configDir: a, env: {KORE_CONTACTS_CONFIG_DIR: b}})).toBe(a);
		expect(configDirFor({env: {KORE_CONTACTS_CONFIG_DIR: b}})).toBe(b);
		const store = openStore({env: {KORE_CONTACTS_CONFIG_DIR: b}});
		expect(store.dir).toBe(b);
		expect(store.path).toBe(path.join(b, 'config.json'));
	});

	it.runIf(posix)('creates the folder 0700 and the file 0600, even under a permissive umask', () => {
		const dir = path.join(tempDir(), 'nested', 'kore');
		const previous = process.umask(0o000);
		let store;
		try {
			store = openStore({configDir: dir});
			store.saveProfile(profile('dev'));
		} finally {
			process.umask(previous);
		}

		expect(modeOf(dir)).toBe(0o700);
		expect(modeOf(store.path)).toBe(0o600);
		expect(store.warnings).toEqual([]);
	});

	it.runIf(posix)('tightens a config.json that someone made world-readable', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		fs.writeFileSync(file, JSON.stringify({version: 1, profiles: [profile('dev')], recentStreams: {}, recentContacts: {}}), {
			mode: 0o644,
		});
		fs.chmodSync(file, 0o644);
		const store = openStore({configDir: dir});
		expect(modeOf(file)).toBe(0o600);
		expect(store.getProfile('dev')?.clientSecret).toBe('shh-secret');
		expect(store.warnings).toEqual([
			`Your settings file ${file} could be read by other users (mode 0644) and holds a client secret; it is now 0600. If others can log in to this machine, rotate the client secret in Kore.ai.`,
		]);
		expect(store.warnings.join('')).not.toContain('shh-secret');
		fs.chmodSync(file, 0o644);
		store.rememberStream('dev', 'st-1');
		expect(modeOf(file)).toBe(0o600);
		expect(openStore({configDir: dir}).warnings).toEqual([]);
	});

	it.runIf(posix)('tightens a loose settings file without a secret quietly', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		const {clientSecret: _secret, ...noSecret} = profile('dev');
		fs.writeFileSync(file, JSON.stringify({version: 1, profiles: [noSecret], recentStreams: {}, recentContacts: {}}));
		fs.chmodSync(file, 0o640);
		const store = openStore({configDir: dir});
		expect(modeOf(file)).toBe(0o600);
		expect(store.warnings).toEqual([]);
	});

	it.runIf(posix)('warns about an existing folder that others can open, without changing it', () => {
		const dir = tempDir();
		fs.chmodSync(dir, 0o755);
		const store = openStore({configDir: dir});
		expect(modeOf(dir)).toBe(0o755);
		expect(store.warnings).toHaveLength(1);
		expect(store.warnings[0]).toContain(`chmod 700 ${dir}`);
	});
});

describe('profiles', () => {
	it('saves, replaces, lists in order, removes and survives reopening', () => {
		const dir = tempDir();
		const store = openStore({configDir: dir});
		expect(store.listProfiles()).toEqual([]);
		store.saveProfile(profile('dev'));
		store.saveProfile(profile('prod.eu', {protected: true, host: 'https://de-platform.kore.ai/'}));
		store.saveProfile(profile('dev', {accountId: 'acc-2'}));
		const again = openStore({configDir: dir});
		expect(again.listProfiles().map(p => p.name)).toEqual(['dev', 'prod.eu']);
		expect(again.getProfile('dev')?.accountId).toBe('acc-2');
		// Stored as typed: normalising the host is the client's job.
		expect(again.getProfile('prod.eu')?.host).toBe('https://de-platform.kore.ai/');
		expect(again.getProfile('prod.eu')?.protected).toBe(true);
		expect(again.removeProfile('dev')).toBe(true);
		expect(again.removeProfile('dev')).toBe(false);
		expect(
			openStore({configDir: dir})
				.listProfiles()
				.map(p => p.name),
		).toEqual(['prod.eu']);
	});

	it('does not keep stray keys', () => {
		const store = openStore({configDir: tempDir()});
		store.saveProfile({...profile('dev'), token: 'eyJ.x.y'} as Profile);
		expect(fs.readFileSync(store.path, 'utf8')).not.toContain('token');
	});

	it.each([
		['', 'Give the profile a name'],
		['a'.repeat(41), '41 characters'],
		['my prod', 'may not contain " "'],
		['prod/eu', 'may not contain "/"'],
		['pröd', 'U+00F6'],
	])('rejects the name %j with a clear message', (name, expected) => {
		const store = openStore({configDir: tempDir()});
		expect(() => store.saveProfile(profile(name))).toThrow(StoreError);
		expect(() => store.saveProfile(profile(name))).toThrow(expected);
		expect(() => store.saveProfile(profile(name))).toThrow('1 to 40 characters: letters, digits, "-", "_" or "."');
		expect(store.listProfiles()).toEqual([]);
	});

	it('accepts 40 characters of letters, digits, - _ .', () => {
		const store = openStore({configDir: tempDir()});
		const name = 'Ab9-_.'.repeat(6) + 'abcd';
		expect(name).toHaveLength(40);
		store.saveProfile(profile(name));
		expect(store.getProfile(name)?.name).toBe(name);
	});

	it('rejects empty account and client IDs', () => {
		const store = openStore({configDir: tempDir()});
		expect(() => store.saveProfile(profile('dev', {accountId: ' '}))).toThrow('Account ID may not be empty.');
		expect(() => store.saveProfile(profile('dev', {clientId: ''}))).toThrow('Client ID may not be empty.');
		expect(() => store.saveProfile(profile('dev', {host: ''}))).toThrow('Host may not be empty.');
	});

	it('keeps a default profile, and unsets it when that profile is removed', () => {
		const dir = tempDir();
		const store = openStore({configDir: dir});
		expect(store.getDefaultProfile()).toBeUndefined();
		store.saveProfile(profile('dev'));
		store.saveProfile(profile('prod'));
		store.setDefaultProfile('prod');
		expect(openStore({configDir: dir}).getDefaultProfile()).toBe('prod');
		expect(() => store.setDefaultProfile('nope')).toThrow(
			/There is no profile named "nope". Saved profiles: dev, prod; add one with `kore-contacts profile add nope`/,
		);
		store.removeProfile('prod');
		expect(store.getDefaultProfile()).toBeUndefined();
	});
});

describe('recents', () => {
	it('keeps streams newest first, without duplicates, capped at 10, per profile', () => {
		const store = openStore({configDir: tempDir()});
		for (let i = 1; i <= 12; i++) {
			store.rememberStream('dev', `st-${i}`);
		}

		store.rememberStream('dev', 'st-5');
		const ids = store.recentStreams('dev').map(s => s.id);
		expect(MAX_RECENT_STREAMS).toBe(10);
		expect(ids).toEqual(['st-5', 'st-12', 'st-11', 'st-10', 'st-9', 'st-8', 'st-7', 'st-6', 'st-4', 'st-3']);
		expect(store.recentStreams('prod')).toEqual([]);
		expect(store.recentStreams('constructor')).toEqual([]);
	});

	it('keeps a stream nickname when the stream is remembered again without one', () => {
		const store = openStore({configDir: tempDir()});
		store.rememberStream('dev', 'st-1', 'Support EU');
		store.rememberStream('dev', 'st-2');
		store.rememberStream('dev', 'st-1');
		expect(store.recentStreams('dev')[0]).toMatchObject({id: 'st-1', nickname: 'Support EU'});
		store.rememberStream('dev', 'st-1', 'Support DE');
		expect(store.recentStreams('dev')[0]?.nickname).toBe('Support DE');
		expect(store.recentStreams('dev')[1]).not.toHaveProperty('nickname');
		expect(Number.isNaN(Date.parse(store.recentStreams('dev')[0]!.usedAt))).toBe(false);
	});

	it('keeps contacts per profile and stream, newest first, capped at 20, with labels', () => {
		const dir = tempDir();
		const store = openStore({configDir: dir});
		for (let i = 1; i <= 22; i++) {
			store.rememberContact('dev', 'st-1', `c-${i}`, `Person ${i}`);
		}

		store.rememberContact('dev', 'st-2', 'c-x');
		store.rememberContact('dev', 'st-1', 'c-10');
		const list = openStore({configDir: dir}).recentContacts('dev', 'st-1');
		expect(MAX_RECENT_CONTACTS).toBe(20);
		expect(list).toHaveLength(20);
		expect(list[0]).toMatchObject({id: 'c-10', label: 'Person 10'});
		expect(list[1]).toMatchObject({id: 'c-22', label: 'Person 22'});
		expect(list.map(c => c.id)).not.toContain('c-1');
		expect(list.map(c => c.id)).not.toContain('c-2');
		expect(store.recentContacts('dev', 'st-2').map(c => c.id)).toEqual(['c-x']);
		expect(store.recentContacts('prod', 'st-1')).toEqual([]);
	});

	it('works with profile names that contain dots or look like object keys', () => {
		const store = openStore({configDir: tempDir()});
		store.rememberStream('prod.eu', 'st.1');
		store.rememberStream('__proto__', 'st-p');
		store.rememberContact('prod.eu', 'st.1', 'c.1', 'Dot');
		expect(store.recentStreams('prod.eu').map(s => s.id)).toEqual(['st.1']);
		expect(store.recentStreams('__proto__').map(s => s.id)).toEqual(['st-p']);
		expect(store.recentContacts('prod.eu', 'st.1')[0]?.label).toBe('Dot');
		expect(({} as Record<string, unknown>)['st-p']).toBeUndefined();
	});

	it('forgets the recents of a removed profile', () => {
		const store = openStore({configDir: tempDir()});
		store.saveProfile(profile('dev'));
		store.rememberStream('dev', 'st-1');
		store.rememberContact('dev', 'st-1', 'c-1');
		store.removeProfile('dev');
		store.saveProfile(profile('dev'));
		expect(store.recentStreams('dev')).toEqual([]);
		expect(store.recentContacts('dev', 'st-1')).toEqual([]);
	});
});

describe('a damaged settings file', () => {
	it('moves invalid JSON aside, says where, and carries on with an empty store', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		fs.writeFileSync(file, '{"version": 1, "profiles": [');
		const store = openStore({configDir: dir});
		const backups = backupsIn(dir);
		expect(backups).toHaveLength(1);
		expect(backups[0]).toMatch(/^config\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
		const backup = path.join(dir, backups[0]!);
		expect(fs.readFileSync(backup, 'utf8')).toBe('{"version": 1, "profiles": [');
		if (posix) {
			expect(modeOf(backup)).toBe(0o600);
		}

		expect(store.warnings).toEqual([
			`Your settings file was not valid JSON; it was moved to ${backup}; profiles must be added again or restored from it.`,
		]);
		store.saveProfile(profile('dev'));
		const again = openStore({configDir: dir});
		expect(again.warnings).toEqual([]);
		expect(again.listProfiles().map(p => p.name)).toEqual(['dev']);
	});

	it('moves a file that fails the schema aside the same way', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		const bad = JSON.stringify({
			version: 1,
			profiles: [{name: 'bad name', host: 'h', accountId: 'a', clientId: 'c', protected: false}],
		});
		fs.writeFileSync(file, bad);
		const store = openStore({configDir: dir});
		const backups = backupsIn(dir);
		expect(backups).toHaveLength(1);
		expect(backups[0]).toMatch(/^config\.json\.corrupt-/);
		expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe(bad);
		expect(store.warnings).toHaveLength(1);
		expect(store.warnings[0]).toContain('did not have the expected layout');
		expect(store.warnings[0]).toContain(path.join(dir, backups[0]!));
		expect(store.warnings[0]).toContain('profiles must be added again or restored from it.');
		expect(store.listProfiles()).toEqual([]);
		store.saveProfile(profile('dev'));
		expect(openStore({configDir: dir}).getProfile('dev')).toBeDefined();
	});

	it('moves aside a file whose profiles are of the wrong type', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({version: 1, profiles: 'dev'}));
		const store = openStore({configDir: dir});
		expect(backupsIn(dir)).toHaveLength(1);
		expect(store.warnings[0]).toContain('profiles');
	});

	it('refuses (and keeps) a file from a newer version', () => {
		const dir = tempDir();
		const text = JSON.stringify({version: 7, profiles: []});
		fs.writeFileSync(path.join(dir, 'config.json'), text);
		expect(() => openStore({configDir: dir})).toThrow(/newer kore-contacts \(settings version 7\); update kore-contacts/);
		expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(text);
	});

	it('starts afresh from an empty file without a warning', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), '');
		const store = openStore({configDir: dir});
		expect(store.warnings).toEqual([]);
		expect(backupsIn(dir)).toEqual([]);
		store.saveProfile(profile('dev'));
		expect(store.listProfiles()).toHaveLength(1);
	});
});

describe('migration from version 0', () => {
	it('turns the old profile map into the current format', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		// Written by hand, as version 0 wrote it.
		fs.writeFileSync(
			file,
			`{
	"profiles": {
		"dev": {"host": "platform.kore.ai", "accountId": "acc-dev", "clientId": "cs-dev", "clientSecret": "s3cret"},
		"prod.eu": {"host": "https://de-platform.kore.ai", "accountId": "acc-prod", "clientId": "cs-prod"}
	},
	"defaultProfile": "prod.eu"
}
`,
			{mode: 0o644},
		);
		fs.chmodSync(file, 0o644);
		const store = openStore({configDir: dir});
		// The old file was readable by others and held a secret: said once (see the 0644 test).
		expect(store.warnings).toEqual(
			posix ? [expect.stringContaining('could be read by other users (mode 0644) and holds a client secret')] : [],
		);
		expect(backupsIn(dir)).toEqual([]);
		expect(store.listProfiles()).toEqual([
			{name: 'dev', host: 'platform.kore.ai', accountId: 'acc-dev', clientId: 'cs-dev', clientSecret: 's3cret', protected: false},
			{name: 'prod.eu', host: 'https://de-platform.kore.ai', accountId: 'acc-prod', clientId: 'cs-prod', protected: false},
		]);
		expect(store.getDefaultProfile()).toBe('prod.eu');
		const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
		expect(written['version']).toBe(1);
		expect(Array.isArray(written['profiles'])).toBe(true);
		if (posix) {
			expect(modeOf(file)).toBe(0o600);
		}

		// Opening again changes nothing.
		const again = openStore({configDir: dir});
		expect(again.listProfiles()).toEqual(store.listProfiles());
		store.rememberStream('dev', 'st-1');
		expect(again.recentStreams('dev').map(s => s.id)).toEqual(['st-1']);
	});

	it('keeps the original when something could not be carried over, and says so', () => {
		const dir = tempDir();
		const file = path.join(dir, 'config.json');
		const original = JSON.stringify({
			profiles: {
				good: {host: 'h', accountId: 'a', clientId: 'c'},
				'bad name': {host: 'h', accountId: 'a', clientId: 'c'},
				empty: {host: 'h', accountId: '', clientId: 'c'},
			},
			defaultProfile: 'bad name',
		});
		fs.writeFileSync(file, original);
		const store = openStore({configDir: dir});
		expect(store.listProfiles().map(p => p.name)).toEqual(['good']);
		expect(store.getDefaultProfile()).toBeUndefined();
		const backups = backupsIn(dir);
		expect(backups).toHaveLength(1);
		expect(backups[0]).toMatch(/^config\.json\.v0-/);
		expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe(original);
		expect(store.warnings).toHaveLength(1);
		expect(store.warnings[0]).toContain('profile "bad name" was left out');
		expect(store.warnings[0]).toContain('profile "empty" was left out (Account ID may not be empty.)');
		expect(store.warnings[0]).toContain(`the original was kept at ${path.join(dir, backups[0]!)}`);
	});

	it('migrates a version 0 file with no profiles yet', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), '{}');
		const store = openStore({configDir: dir});
		expect(store.warnings).toEqual([]);
		expect(store.listProfiles()).toEqual([]);
		expect(JSON.parse(fs.readFileSync(store.path, 'utf8'))).toMatchObject({version: 1});
	});
});
