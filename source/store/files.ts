import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import {StoreError} from './errors.js';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * The default settings folder, computed the way conf (through env-paths) computes it for
 * `projectName: 'kore-contacts'` with `projectSuffix: ''`. We need the folder before conf is
 * constructed (to inspect the file first), and env-paths is not our own dependency.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
	const name = 'kore-contacts';
	const xdg = env['XDG_CONFIG_HOME'];
	if (process.platform !== 'darwin' && process.platform !== 'win32' && xdg && path.isAbsolute(xdg)) {
		return path.join(xdg, name);
	}

	const home = homeDir();
	if (process.platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', name);
	}

	if (process.platform === 'win32') {
		return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), name, 'Config');
	}

	return path.join(home, '.config', name);
}

const NO_HOME =
	'set HOME to your home folder, or KORE_CONTACTS_CONFIG_DIR to a folder for the settings (e.g. export KORE_CONTACTS_CONFIG_DIR=/var/lib/kore-contacts)';

/**
 * The home folder, never a relative path: with HOME set but empty, os.homedir() returns "" and the
 * settings would silently land in whatever folder the command was started from.
 */
function homeDir(): string {
	let home: string;
	try {
		home = os.homedir();
	} catch {
		throw new StoreError(
			`There is no home folder to keep the settings in (HOME is not set and the system has none for this user): ${NO_HOME}.`,
		);
	}

	if (!home || !path.isAbsolute(home)) {
		throw new StoreError(
			`There is no home folder to keep the settings in (HOME is ${home ? `"${home}", not an absolute path` : 'empty'}): ${NO_HOME}.`,
		);
	}

	return home;
}

const FOLDER_CODES = new Set([
	'EACCES',
	'EPERM',
	'EROFS',
	'ENOTDIR',
	'ENOSPC',
	'EDQUOT',
	'EISDIR',
	'ENOENT',
	'ELOOP',
	'ENAMETOOLONG',
]);

/**
 * A file-system failure while using the settings folder as one operator sentence (StoreError,
 * exit 2) saying what to do; other errors are returned as they are.
 */
export function settingsFolderError(error: unknown, what: string, dir: string): unknown {
	if (error instanceof StoreError) {
		return error;
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code !== 'string' || !FOLDER_CODES.has(code)) {
		return error;
	}

	const advice =
		code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
			? 'you may not write there: fix the permissions, or point KORE_CONTACTS_CONFIG_DIR at a folder you can write'
			: code === 'ENOSPC' || code === 'EDQUOT'
				? 'the disk is full: free some space and try again'
				: 'check the path, or point KORE_CONTACTS_CONFIG_DIR at a folder you can write';
	return new StoreError(`${what} in ${dir} (${code}): ${advice}.`, {cause: error});
}

/** How long a lock may be held before it is taken as left behind by a crashed process. */
const STALE_LOCK_MS = 10_000;
/** How long to wait for another kore-contacts to finish writing. */
const LOCK_WAIT_MS = 5000;

function pause(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockIsStale(lock: string): boolean {
	try {
		const pid = Number(fs.readFileSync(lock, 'utf8').trim());
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
			try {
				process.kill(pid, 0);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
					return true;
				}
			}
		}

		return Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS;
	} catch {
		// Gone meanwhile (or unreadable for an instant while being written): try again.
		return false;
	}
}

/**
 * Runs `fn` while holding `<file>.lock` (created exclusively, holding our pid), so that two
 * kore-contacts processes changing the same settings at once do not overwrite each other's change:
 * each one's read-modify-write happens whole. A lock left by a crashed process is taken over.
 */
export function withFileLock<T>(file: string, fn: () => T): T {
	const lock = `${file}.lock`;
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (let attempt = 0; ; attempt++) {
		try {
			fs.writeFileSync(lock, String(process.pid), {flag: 'wx', mode: FILE_MODE});
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}

			if (lockIsStale(lock)) {
				fs.rmSync(lock, {force: true});
				continue;
			}

			if (Date.now() > deadline) {
				throw new StoreError(
					`Another kore-contacts is still changing the settings (${lock} exists): wait for it to finish; if none is running, delete that file.`,
				);
			}

			pause(Math.min(50, 5 + attempt * 5));
		}
	}

	try {
		return fn();
	} finally {
		fs.rmSync(lock, {force: true});
	}
}

/**
 * Makes sure the folder exists. A folder we create is made 0700 (chmod as well, as mkdir's mode
 * is filtered by the umask). An existing folder is left as it is (it may be shared, e.g. a
 * KORE_CONTACTS_CONFIG_DIR the operator chose): returns a warning when others can read it.
 */
export function ensurePrivateDir(dir: string): string | undefined {
	const created = fs.mkdirSync(dir, {recursive: true, mode: DIR_MODE});
	if (created !== undefined) {
		fs.chmodSync(dir, DIR_MODE);
		return undefined;
	}

	if (process.platform === 'win32') {
		return undefined;
	}

	const mode = fs.statSync(dir).mode & 0o777;
	if ((mode & 0o077) !== 0) {
		return `The settings folder ${dir} can be opened by other users (mode ${mode.toString(8)}); run \`chmod 700 ${dir}\` to keep your credentials private.`;
	}

	return undefined;
}

/** chmod 0600 when the file exists and is looser. */
export function tightenFile(file: string): void {
	if (process.platform === 'win32') {
		return;
	}

	try {
		const mode = fs.statSync(file).mode & 0o777;
		if (mode !== FILE_MODE) {
			fs.chmodSync(file, FILE_MODE);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}
	}
}

/** The permission bits of a file that others (group or world) may access, or undefined (also when missing, and on Windows). */
export function looseFileMode(file: string): number | undefined {
	if (process.platform === 'win32') {
		return undefined;
	}

	try {
		const mode = fs.statSync(file).mode & 0o777;
		return (mode & 0o077) === 0 ? undefined : mode;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

/** Writes a 0600 file atomically: a temp file in the same folder, fsync, then rename over. */
export function writeFileAtomic(file: string, data: string): void {
	const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
	let fd: number | undefined;
	try {
		fd = fs.openSync(temporary, 'wx', FILE_MODE);
		fs.writeFileSync(fd, data);
		fs.fsyncSync(fd);
		fs.closeSync(fd);
		fd = undefined;
		fs.chmodSync(temporary, FILE_MODE);
		fs.renameSync(temporary, file);
	} catch (error) {
		if (fd !== undefined) {
			fs.closeSync(fd);
		}

		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

/** "2025-01-31T10-20-30.123Z": an ISO time usable in a file name. */
export function fileTimestamp(date = new Date()): string {
	return date.toISOString().replaceAll(':', '-');
}

/**
 * Moves `file` aside to `<file>.<label>-<timestamp>` (never overwriting an earlier backup) and
 * returns the backup path.
 */
export function moveAside(file: string, label: string): string {
	const base = `${file}.${label}-${fileTimestamp()}`;
	let backup = base;
	for (let n = 2; fs.existsSync(backup); n++) {
		backup = `${base}-${n}`;
	}

	fs.renameSync(file, backup);
	tightenFile(backup);
	return backup;
}
