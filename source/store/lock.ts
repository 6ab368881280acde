/**
 * One writer per contact on this machine: an exclusive lock file per (host, account, stream,
 * contact) in `<settings>/locks/`, created with O_EXCL and holding the owner's pid, hostname and
 * time. A lock whose process is gone (same hostname, pid not running) is taken over.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ensurePrivateDir, FILE_MODE} from './files.js';

export type LockKey = {host: string; accountId: string; streamId: string; contactId: string};

export type LockOwner = {pid: number; hostname: string; time: string};

export type HeldLock = {path: string; release: () => void};

export type LockOptions = {
	signal?: AbortSignal;
	/** How long to wait for another writer; default 60 s (longer than one PUT with its verification). */
	waitMs?: number;
	/** Called once when the lock is held by someone else and this call starts waiting. */
	onWait?: (owner: LockOwner | undefined) => void;
};

/** The lock could not be taken: another writer holds it too long, or the folder is not usable. */
export class LockError extends Error {
	override readonly name = 'LockError';
	constructor(
		message: string,
		readonly owner?: LockOwner,
	) {
		super(message);
	}
}

/** A lock whose owner is on another machine (a shared home) is trusted this long. */
const FOREIGN_LOCK_MS = 10 * 60_000;
const POLL_MS = 50;

export function lockPath(dir: string, key: LockKey): string {
	const digest = crypto
		.createHash('sha256')
		.update(JSON.stringify([key.host, key.accountId, key.streamId, key.contactId]))
		.digest('hex')
		.slice(0, 32);
	return path.join(dir, 'locks', `contact-${digest}.lock`);
}

/** Waits for the contact's lock and returns it held; throws LockError (or the signal's reason). */
export async function acquireLock(dir: string, key: LockKey, options: LockOptions = {}): Promise<HeldLock> {
	const file = lockPath(dir, key);
	ensurePrivateDir(path.dirname(file));
	const deadline = Date.now() + (options.waitMs ?? 60_000);
	let waiting = false;
	for (;;) {
		options.signal?.throwIfAborted();
		const held = tryCreate(file);
		if (held) return held;
		const owner = readOwner(file);
		if (owner !== 'gone' && owner !== undefined && isStale(owner)) {
			takeOver(file, owner);
			continue;
		}

		if (owner === undefined && unreadableTooLong(file)) {
			// Its writer died between creating and filling it.
			removeQuietly(file);
			continue;
		}

		if (!waiting) {
			waiting = true;
			options.onWait?.(owner === 'gone' ? undefined : owner);
		}

		if (Date.now() >= deadline) {
			const who = owner === 'gone' || owner === undefined ? 'another kore-contacts' : `kore-contacts (pid ${owner.pid})`;
			throw new LockError(
				`${who} on this machine is still saving this contact; try again when it has finished (lock file ${file}).`,
				owner === 'gone' ? undefined : owner,
			);
		}

		await sleep(POLL_MS, options.signal);
	}
}

function tryCreate(file: string): HeldLock | undefined {
	let fd: number;
	try {
		fd = fs.openSync(file, 'wx', FILE_MODE);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
		throw new LockError(
			`The lock file ${file} could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)}): check that the settings folder is writable.`,
		);
	}

	const owner: LockOwner = {pid: process.pid, hostname: os.hostname(), time: new Date().toISOString()};
	const text = JSON.stringify(owner);
	try {
		fs.writeSync(fd, text);
	} finally {
		fs.closeSync(fd);
	}

	let released = false;
	return {
		path: file,
		release() {
			if (released) return;
			released = true;
			// Only our own lock: after a takeover (we were thought dead) the file is someone else's.
			try {
				if (fs.readFileSync(file, 'utf8') === text) fs.unlinkSync(file);
			} catch {}
		},
	};
}

/** The owner, undefined when the file is unreadable or half-written, 'gone' when it vanished. */
function readOwner(file: string): LockOwner | undefined | 'gone' {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
	}

	try {
		const value = JSON.parse(text) as Partial<LockOwner>;
		if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.time === 'string') {
			return {pid: value.pid, hostname: value.hostname, time: value.time};
		}
	} catch {}

	return undefined;
}

function isStale(owner: LockOwner | undefined): boolean {
	if (owner === undefined) return false;
	if (owner.hostname !== os.hostname()) return Date.now() - Date.parse(owner.time) > FOREIGN_LOCK_MS;
	return !isRunning(owner.pid);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes a dead owner's lock, only if it still holds what was read (another taker may have been first). */
function takeOver(file: string, owner: LockOwner): void {
	try {
		const now = readOwner(file);
		if (now !== 'gone' && now !== undefined && now.pid === owner.pid && now.time === owner.time) fs.unlinkSync(file);
	} catch {}
}

function unreadableTooLong(file: string): boolean {
	try {
		return Date.now() - fs.statSync(file).mtimeMs > 10_000;
	} catch {
		return false;
	}
}

function removeQuietly(file: string): void {
	try {
		fs.unlinkSync(file);
	} catch {}
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(done, ms);
		function done() {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}

		function onAbort() {
			clearTimeout(timer);
			reject(signal!.reason);
		}

		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
