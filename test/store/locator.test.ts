import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {forgetProfile, locatorFile, openLocator, readLocatorFile} from '../../source/store/locator.js';
import {modeOf, tempDir} from './helpers.js';

const scope = {host: 'https://platform.kore.ai', accountId: 'acc-1'};
const ids = (from: number, count: number) => Array.from({length: count}, (_, i) => `c${from + i}`);

describe('the contact locator', () => {
	it('remembers where contacts were seen, across opens, in a 0600 file in a 0700 folder', () => {
		const dir = tempDir();
		const first = openLocator({dir, profile: 'prod', ...scope});
		first.saw('st-1', 1500, 50, ids(1500, 50));
		const second = openLocator({dir, profile: 'prod', ...scope});
		expect(second.where('st-1', 'c1520')).toEqual({skip: 1500, limit: 50});
		expect(second.where('st-2', 'c1520')).toBeUndefined();
		expect(second.where('st-1', 'c1')).toBeUndefined();
		expect(modeOf(first.file)).toBe(0o600);
		expect(modeOf(path.dirname(first.file))).toBe(0o700);
		// No temp files or locks left behind.
		expect(fs.readdirSync(path.dirname(first.file))).toEqual([path.basename(first.file)]);
	});

	it('a later sighting wins; two processes saving in turn keep both their pages', () => {
		const dir = tempDir();
		const a = openLocator({dir, ...scope});
		const b = openLocator({dir, ...scope});
		a.saw('st-1', 0, 50, ['x', 'y']);
		b.saw('st-1', 50, 50, ['z']);
		a.saw('st-1', 100, 50, ['x']);
		const fresh = openLocator({dir, ...scope});
		expect(fresh.where('st-1', 'x')).toEqual({skip: 100, limit: 50});
		expect(fresh.where('st-1', 'y')).toEqual({skip: 0, limit: 50});
		expect(fresh.where('st-1', 'z')).toEqual({skip: 50, limit: 50});
		fresh.lost('st-1', 'y');
		fresh.lost('st-9', 'y');
		expect(openLocator({dir, ...scope}).where('st-1', 'y')).toBeUndefined();
		expect(openLocator({dir, ...scope}).where('st-1', 'x')).toEqual({skip: 100, limit: 50});
	});

	it('is bounded: oldest entries per stream, least recently used streams and files go first', () => {
		const dir = tempDir();
		let clock = 1000;
		const options = {dir, ...scope, now: () => clock++, maxEntriesPerStream: 100, maxStreams: 2, maxFiles: 2};
		const locator = openLocator(options);
		for (let skip = 0; skip < 300; skip += 50) locator.saw('st-1', skip, 50, ids(skip, 50));
		const file = readLocatorFile(locator.file, {profile: null, ...scope})!;
		expect(Object.keys(file.streams['st-1']!.contacts)).toHaveLength(100);
		expect(locator.where('st-1', 'c0')).toBeUndefined();
		expect(locator.where('st-1', 'c299')).toEqual({skip: 250, limit: 50});

		locator.saw('st-2', 0, 50, ['a']);
		locator.saw('st-3', 0, 50, ['b']);
		const again = openLocator(options);
		expect(again.where('st-1', 'c299')).toBeUndefined();
		expect(again.where('st-2', 'a')).toEqual({skip: 0, limit: 50});
		expect(again.where('st-3', 'b')).toEqual({skip: 0, limit: 50});

		// Files: at most maxFiles scopes; the least recently written goes.
		openLocator({...options, accountId: 'acc-2'}).saw('st-1', 0, 50, ['p']);
		const old = Date.now() / 1000 - 3600;
		fs.utimesSync(locator.file, old, old);
		openLocator({...options, accountId: 'acc-3'}).saw('st-1', 0, 50, ['q']);
		expect(fs.existsSync(locator.file)).toBe(false);
		expect(fs.readdirSync(path.dirname(locator.file))).toHaveLength(2);
	});

	it('is dropped with its profile, and ignored when the profile now points at another account', () => {
		const dir = tempDir();
		openLocator({dir, profile: 'prod', ...scope}).saw('st-1', 0, 50, ['x']);
		openLocator({dir, profile: 'test', ...scope}).saw('st-1', 0, 50, ['x']);
		expect(openLocator({dir, profile: 'prod', ...scope, accountId: 'other'}).where('st-1', 'x')).toBeUndefined();
		forgetProfile(dir, 'prod');
		expect(fs.existsSync(locatorFile(dir, {profile: 'prod', ...scope}))).toBe(false);
		expect(openLocator({dir, profile: 'prod', ...scope}).where('st-1', 'x')).toBeUndefined();
		expect(openLocator({dir, profile: 'test', ...scope}).where('st-1', 'x')).toEqual({skip: 0, limit: 50});
	});

	it('a corrupt or unwritable file never fails anything: it only costs requests', () => {
		const dir = tempDir();
		const locator = openLocator({dir, ...scope});
		fs.mkdirSync(path.dirname(locator.file), {recursive: true});
		fs.writeFileSync(locator.file, '{not json');
		expect(locator.where('st-1', 'x')).toBeUndefined();
		locator.saw('st-1', 0, 50, ['x']);
		expect(openLocator({dir, ...scope}).where('st-1', 'x')).toEqual({skip: 0, limit: 50});
		const blocked = path.join(dir, 'file-not-folder');
		fs.writeFileSync(blocked, '');
		const nowhere = openLocator({dir: blocked, ...scope});
		expect(() => nowhere.saw('st-1', 0, 50, ['x'])).not.toThrow();
		expect(nowhere.where('st-1', 'x')).toBeUndefined();
	});
});

describe('removing a profile', () => {
	it('drops where its contacts were seen, and keeps the files of other profiles', () => {
		const dir = tempDir();
		const store = openStore({configDir: dir});
		for (const name of ['prod', 'test']) {
			store.saveProfile({name, host: scope.host, accountId: scope.accountId, clientId: 'cs-1', protected: false});
			openLocator({dir, profile: name, ...scope}).saw('st-1', 0, 50, ['c1']);
		}
		expect(store.removeProfile('prod')).toBe(true);
		expect(fs.existsSync(locatorFile(dir, {profile: 'prod', ...scope}))).toBe(false);
		expect(openLocator({dir, profile: 'test', ...scope}).where('st-1', 'c1')).toEqual({skip: 0, limit: 50});
	});
});
