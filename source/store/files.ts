import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * The default settings folder, computed the way conf (through env-paths) computes it for
 * `projectName: 'kore-contacts'` with `projectSuffix: ''`. We need the folder before conf is
 * constructed (to inspect the file first), and env-paths is not our own dependency.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
	const name = 'kore-contacts';
	const home = os.homedir();
	if (process.platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', name);
	}

	if (process.platform === 'win32') {
		return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), name, 'Config');
	}

	return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), name);
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
