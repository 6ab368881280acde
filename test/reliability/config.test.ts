// Reliability matrix, config rows (docs/reliability.md): the settings folder damaged, read-only,
// without a home, and shared by two kore-contacts at once. Real folders, real child processes.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {openJournal} from '../../source/store/journal.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {profileAddArgs, useSandbox} from '../helpers/sandbox.js';
import {
	cannotRunAs,
	expectCleanFailure,
	plainContactFrom,
	removeBundleForOtherUsers,
	sandboxEnv,
	sharedTempDir,
	spawnCli,
} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});
afterAll(removeBundleForOtherUsers);

const PATH = process.env['PATH'] ?? '/usr/bin:/bin';
/** Running as root, permissions do not stop us: the read-only cases run the CLI as "nobody". */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/** Why "nobody" cannot run the CLI here (then those cases are skipped with this reason). */
const nobodyCannotRun = (): string | undefined => (AS_ROOT ? cannotRunAs(NOBODY) : undefined);
const SLOW_MS = 60_000;

const addArgs = (sb: ReturnType<typeof sandbox>, name: string) => profileAddArgs(sb, name);

/** Whether reading a file updates its access time in `dir` (not on a noatime mount). */
function readsShowInAccessTime(dir: string): boolean {
	const probe = path.join(dir, 'atime-probe');
	fs.writeFileSync(probe, 'probe');
	const unread = fs.statSync(probe).mtimeMs - 3_600_000;
	fs.utimesSync(probe, unread / 1000, fs.statSync(probe).mtime);
	fs.readFileSync(probe);
	const seen = fs.statSync(probe).atimeMs > unread;
	fs.rmSync(probe);
	return seen;
}

// Child processes only: on a loaded machine each start-up can take seconds, hence the roomy limits.
describe('the settings file and folder', {timeout: 90_000}, () => {
	it('corrupt JSON: moved aside (kept, 0600), a warning names the backup, and the command goes on', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const damaged = '{"version": 1, "profiles": [{"name": "prod", "host": "https://platform.ko';
		fs.writeFileSync(path.join(dir, 'config.json'), damaged, {mode: 0o600});
		const result = await runCli(addArgs(sb, 'fresh'), {
			timeoutMs: SLOW_MS,
			env: {KORE_CONTACTS_CONFIG_DIR: dir},
			input: `${sb.clientSecret}\n`,
		});

		expect(result.code, result.stderr).toBe(0);
		const backups = fs.readdirSync(dir).filter(name => name.startsWith('config.json.corrupt-'));
		expect(backups).toHaveLength(1);
		const backup = path.join(dir, backups[0]!);
		expect(fs.readFileSync(backup, 'utf8')).toBe(damaged);
		expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
		expect(result.stderr).toBe(
			`Warning: Your settings file was not valid JSON; it was moved to ${backup}; profiles must be added again or restored from it.\n`,
		);
		expect(result.stdout).toContain('Saved profile "fresh"');
		expect(
			openStore({configDir: dir})
				.listProfiles()
				.map(p => p.name),
		).toEqual(['fresh']);
	});

	it('a read-only settings folder: reading works; saving says what to do (exit 2, no stack); a folder that cannot be created too', async ({
		skip,
	}) => {
		const cannot = nobodyCannotRun();
		skip(cannot !== undefined, cannot);
		const sb = sandbox();
		const root = sharedTempDir();
		const dir = path.join(root, 'settings');
		const store = openStore({configDir: dir});
		store.saveProfile({
			name: 'ro',
			host: sb.url,
			accountId: sb.accountId,
			clientId: sb.clientId,
			clientSecret: sb.clientSecret,
			protected: false,
		});
		store.setDefaultProfile('ro');
		const before = fs.readFileSync(path.join(dir, 'config.json'), 'utf8');
		if (AS_ROOT) {
			for (const name of [dir, ...fs.readdirSync(dir).map(f => path.join(dir, f))]) fs.chownSync(name, NOBODY, NOBODY);
		}
		fs.chmodSync(dir, 0o500);
		const user = AS_ROOT ? {uid: NOBODY} : {};
		const env = {PATH, HOME: root, KORE_CONTACTS_CONFIG_DIR: dir};

		try {
			const [listed, added, cannotCreate] = await Promise.all([
				spawnCli(['list', '--stream', sb.streamId, '--limit', '2'], {env, ...user}),
				spawnCli(addArgs(sb, 'second'), {env, ...user, input: `${sb.clientSecret}\n`}),
				// The parent is root's (or read-only): the folder cannot even be made.
				spawnCli(['profile', 'list'], {
					env: {PATH, HOME: root, KORE_CONTACTS_CONFIG_DIR: path.join(AS_ROOT ? root : dir, 'new', 'settings')},
					...user,
				}),
			]);

			expect(listed.code, listed.stderr).toBe(0);
			expect(listed.stdout).toContain('showing 1–2 of 150');

			expectCleanFailure(added, 2, sb.clientSecret);
			expect(added.stderr).toBe(
				`Could not save the settings in ${dir} (EACCES): you may not write there: fix the permissions, or point KORE_CONTACTS_CONFIG_DIR at a folder you can write.\n`,
			);

			expectCleanFailure(cannotCreate, 2);
			expect(cannotCreate.stderr).toMatch(/^Could not open the settings in .*new\/settings \(EACCES\): you may not write there/);
		} finally {
			fs.chmodSync(dir, 0o700);
		}
		expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(before);
	});

	it('no HOME: an empty HOME is refused with what to set (nothing written where the command ran); without HOME, XDG_CONFIG_HOME or KORE_* variables are enough', async () => {
		const sb = sandbox();
		const cwd = sharedTempDir();
		const xdg = tempDir();
		const [emptyHome, viaXdg, viaEnv] = await Promise.all([
			spawnCli(['profile', 'list'], {env: {PATH, HOME: ''}, cwd}),
			spawnCli(addArgs(sb, 'xdg'), {env: {PATH, XDG_CONFIG_HOME: xdg}, cwd, input: `${sb.clientSecret}\n`}),
			spawnCli(['list', '--stream', sb.streamId, '--limit', '1'], {env: {PATH, ...sandboxEnv(sb)}, cwd}),
		]);

		expectCleanFailure(emptyHome, 2);
		expect(emptyHome.stderr).toBe(
			'There is no home folder to keep the settings in (HOME is empty): set HOME to your home folder, or KORE_CONTACTS_CONFIG_DIR to a folder for the settings (e.g. export KORE_CONTACTS_CONFIG_DIR=/var/lib/kore-contacts).\n',
		);
		expect(fs.readdirSync(cwd)).toEqual([]);

		expect(viaXdg.code, viaXdg.stderr).toBe(0);
		expect(openStore({configDir: path.join(xdg, 'kore-contacts')}).getProfile('xdg')).toMatchObject({host: sb.url});

		expect(viaEnv.code, viaEnv.stderr).toBe(0);
		expect(viaEnv.stdout).toContain('showing 1–1 of 150');
		expect(fs.readdirSync(cwd)).toEqual([]);
	});

	it.runIf(AS_ROOT)('no HOME for a system user whose home does not exist: a clear sentence, exit 2', async ({skip}) => {
		const cannot = nobodyCannotRun();
		skip(cannot !== undefined, cannot);
		const cwd = sharedTempDir();
		const result = await spawnCli(['profile', 'list'], {env: {PATH}, cwd, uid: NOBODY});
		expectCleanFailure(result, 2);
		expect(result.stderr).toMatch(
			/^Could not open the settings in \/nonexistent\/\.config\/kore-contacts \(EACCES\): .*KORE_CONTACTS_CONFIG_DIR/,
		);
	});
});

describe('two kore-contacts writing at once', {timeout: 90_000}, () => {
	it('three profile adds at the same moment: every profile survives, the file stays valid, no lock or temp file is left', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const names = ['one', 'two', 'three'];
		const results = await Promise.all(
			names.map(name =>
				runCli(addArgs(sb, name), {timeoutMs: SLOW_MS, env: {KORE_CONTACTS_CONFIG_DIR: dir}, input: `${sb.clientSecret}\n`}),
			),
		);
		for (const result of results) expect(result.code, result.stderr).toBe(0);
		const store = openStore({configDir: dir});
		expect(
			store
				.listProfiles()
				.map(p => p.name)
				.sort(),
		).toEqual([...names].sort());
		expect(names).toContain(store.getDefaultProfile());
		expect(fs.readdirSync(dir).sort()).toEqual(['config.json']);
	});

	it('a save waits while another process holds the settings lock, then goes through', async ({skip}) => {
		const sb = sandbox();
		const held = tempDir();
		skip(!readsShowInAccessTime(held), 'reading a file does not update its access time here (noatime): the wait cannot be seen');
		const file = path.join(held, 'config.json');
		openStore({configDir: held}).saveProfile({
			name: 'first',
			host: sb.url,
			accountId: sb.accountId,
			clientId: sb.clientId,
			protected: false,
		});
		// This test process is alive: its pid in the lock means "busy". Its access time is set in the
		// past, so the first time the CLI reads the lock (finding it busy) shows.
		const lock = `${file}.lock`;
		fs.writeFileSync(lock, String(process.pid));
		const unread = fs.statSync(lock).mtimeMs - 3_600_000;
		fs.utimesSync(lock, unread / 1000, fs.statSync(lock).mtime);
		const waiting = runCli(addArgs(sb, 'second'), {
			timeoutMs: SLOW_MS,
			env: {KORE_CONTACTS_CONFIG_DIR: held},
			input: `${sb.clientSecret}\n`,
		});
		await vi.waitFor(
			() => {
				expect(fs.statSync(lock).atimeMs, 'the CLI has read the lock').toBeGreaterThan(unread);
			},
			{timeout: SLOW_MS, interval: 20},
		);
		expect(openStore({configDir: held}).getProfile('second')).toBeUndefined();
		fs.rmSync(lock);
		const result = await waiting;
		expect(result.code, result.stderr).toBe(0);
		expect(
			openStore({configDir: held})
				.listProfiles()
				.map(p => p.name),
		).toEqual(['first', 'second']);
	});

	it('a lock left by a dead process is taken over', async () => {
		const sb = sandbox();
		const stale = tempDir();
		// A pid that cannot be running (above the kernel's pid_max).
		fs.writeFileSync(path.join(stale, 'config.json.lock'), '99999999');
		const takenOver = await runCli(addArgs(sb, 'third'), {
			timeoutMs: SLOW_MS,
			env: {KORE_CONTACTS_CONFIG_DIR: stale},
			input: `${sb.clientSecret}\n`,
		});
		expect(takenOver.code, takenOver.stderr).toBe(0);
		expect(fs.readdirSync(stale)).toEqual(['config.json']);
	});

	it('two updates at once into the same settings folder: both journal entries whole and done', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const a = plainContactFrom(sb, 30).contact;
		const b = plainContactFrom(sb, 40).contact;
		const run = (id: string, name: string) =>
			runCli(['update', '--stream', sb.streamId, '--contact', id, '--last-name', name, '--yes'], {
				timeoutMs: SLOW_MS,
				env: sandboxEnv(sb, {KORE_CONTACTS_CONFIG_DIR: dir}),
			});
		const results = await Promise.all([run(a.id, 'Parallel-A'), run(b.id, 'Parallel-B')]);
		for (const result of results) expect(result.code, result.stderr).toBe(0);

		const lines = fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean);
		for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
		const entries = openJournal(dir).entries();
		expect(entries.map(e => [e.contactId, e.status, e.after.lastName]).sort()).toEqual(
			[
				[a.id, 'done', 'Parallel-A'],
				[b.id, 'done', 'Parallel-B'],
			].sort(),
		);
	});
});
