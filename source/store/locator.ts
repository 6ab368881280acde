/**
 * The contact locator: where each contact of a stream was last seen in the paged list
 * (`contactId -> skip, limit, seenAt`), kept in the settings folder so that a new process finds a
 * contact seen before by reading its page first instead of paging from the start.
 *
 * One JSON file per scope (a profile, or host + account when no profile is used) under
 * `<settings>/locator/`, 0600, written atomically under a lock (read, merge, write: two processes
 * do not lose each other's pages). Bounded: entries per stream, streams per file and files are
 * pruned least recently seen first. A locator never fails a command: any file problem is ignored
 * (it is a speed-up, not data).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {ensurePrivateDir, writeFileAtomic, withFileLock} from './files.js';
import {isRecord} from '../util.js';

export const LOCATOR_VERSION = 1;
export const MAX_ENTRIES_PER_STREAM = 20_000;
export const MAX_STREAMS_PER_SCOPE = 8;
export const MAX_SCOPE_FILES = 16;

/** [skip, limit, seenAt (ms since the epoch)] */
export type LocatorEntry = [number, number, number];

export type LocatorFile = {
	version: typeof LOCATOR_VERSION;
	/** The profile's name, or null for host + account. */
	profile: string | null;
	host: string;
	accountId: string;
	streams: Record<string, {usedAt: number; contacts: Record<string, LocatorEntry>}>;
};

export type LocatorOptions = {
	/** The settings folder; a function is called on first use (finding the folder may fail: then there is no locator). */
	dir: string | (() => string);
	/** The profile in use, if any (its file is dropped with the profile). */
	profile?: string | undefined;
	host: string;
	accountId: string;
	now?: () => number;
	maxEntriesPerStream?: number;
	maxStreams?: number;
	maxFiles?: number;
};

export type Locator = {
	/** The file this locator keeps. */
	readonly file: string;
	/** Where the contact was last seen in this stream. */
	where(streamId: string, contactId: string): {skip: number; limit: number} | undefined;
	/** A page as listed: every contact on it was at `skip`. Saved at once. */
	saw(streamId: string, skip: number, limit: number, contactIds: readonly string[]): void;
	/** The whole list was read without it: forget where it was. */
	lost(streamId: string, contactId: string): void;
};

export function locatorDir(dir: string): string {
	return path.join(dir, 'locator');
}

/** The file of a scope: its name is a hash, so a profile name or host never becomes a path. */
export function locatorFile(dir: string, scope: {profile?: string | undefined; host: string; accountId: string}): string {
	const key = scope.profile ? `profile\n${scope.profile}` : `account\n${scope.host}\n${scope.accountId}`;
	const hash = crypto.createHash('sha256').update(key).digest('hex').slice(0, 24);
	return path.join(locatorDir(dir), `${scope.profile ? 'profile' : 'account'}-${hash}.json`);
}

/** Drops what the locator remembered for a profile (call when the profile is removed). Throws only if the file stays. */
export function forgetProfile(dir: string, profile: string): void {
	fs.rmSync(locatorFile(dir, {profile, host: '', accountId: ''}), {force: true});
}

export function openLocator(options: LocatorOptions): Locator {
	let folder: string | undefined;
	const dir = () => {
		folder ??= typeof options.dir === 'string' ? options.dir : options.dir();
		return folder;
	};
	const fileOf = () => locatorFile(dir(), options);
	const now = options.now ?? Date.now;
	const maxEntries = options.maxEntriesPerStream ?? MAX_ENTRIES_PER_STREAM;
	const maxStreams = options.maxStreams ?? MAX_STREAMS_PER_SCOPE;
	const maxFiles = options.maxFiles ?? MAX_SCOPE_FILES;
	const scope = {profile: options.profile ?? null, host: options.host, accountId: options.accountId};
	let data: LocatorFile | undefined;
	// The file as this locator last wrote it: unchanged since, `data` is its content and need not be read again.
	let written: string | undefined;

	const load = (): LocatorFile => readLocatorFile(fileOf(), scope) ?? {version: LOCATOR_VERSION, ...scope, streams: {}};

	return {
		get file() {
			return fileOf();
		},
		where(streamId, contactId) {
			try {
				data ??= load();
			} catch {
				return undefined;
			}
			const entry = data.streams[streamId]?.contacts[contactId];
			return entry ? {skip: entry[0], limit: entry[1]} : undefined;
		},
		saw(streamId, skip, limit, contactIds) {
			if (contactIds.length === 0) return;
			const seenAt = now();
			update(fresh => {
				const stream = fresh.streams[streamId] ?? {usedAt: seenAt, contacts: {}};
				fresh.streams[streamId] = stream;
				stream.usedAt = seenAt;
				for (const id of contactIds) stream.contacts[id] = [skip, limit, seenAt];
				prune(fresh, maxEntries, maxStreams);
				return true;
			});
		},
		lost(streamId, contactId) {
			update(fresh => {
				const contacts = fresh.streams[streamId]?.contacts;
				if (!contacts?.[contactId]) return false;
				delete contacts[contactId];
				return true;
			});
		},
	};

	/** Read again under the lock (another process may have saved pages meanwhile), change, write when changed. */
	function update(change: (fresh: LocatorFile) => boolean): void {
		try {
			const file = fileOf();
			ensurePrivateDir(locatorDir(dir()));
			withFileLock(file, () => {
				const fresh = data !== undefined && written !== undefined && fileSignature(file) === written ? data : load();
				if (change(fresh)) writeFileAtomic(file, JSON.stringify(fresh));
				data = fresh;
				written = fileSignature(file);
			});
			pruneFiles(locatorDir(dir()), maxFiles, file);
		} catch {
			// A speed-up only: a settings folder that cannot be written costs requests, nothing else.
		}
	}
}

/** Which version of the file is there: an atomic write gives it a new inode, and its size and time change. */
function fileSignature(file: string): string | undefined {
	try {
		const stat = fs.statSync(file);
		return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
	} catch {
		return undefined;
	}
}

/** The file's content, or undefined when missing, unreadable, of another version, or of another account. */
export function readLocatorFile(
	file: string,
	scope: {profile: string | null; host: string; accountId: string},
): LocatorFile | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
	if (!isRecord(parsed) || parsed['version'] !== LOCATOR_VERSION || !isRecord(parsed['streams'])) return undefined;
	// A profile re-pointed at another host or account: its old positions mean nothing there.
	if (parsed['host'] !== scope.host || parsed['accountId'] !== scope.accountId) return undefined;
	const streams: LocatorFile['streams'] = {};
	for (const [streamId, stream] of Object.entries(parsed['streams'])) {
		if (!isRecord(stream) || !isRecord(stream['contacts'])) continue;
		const contacts: Record<string, LocatorEntry> = {};
		for (const [id, entry] of Object.entries(stream['contacts'])) {
			if (Array.isArray(entry) && entry.length === 3 && entry.every(n => Number.isSafeInteger(n) && n >= 0)) {
				contacts[id] = entry as LocatorEntry;
			}
		}
		streams[streamId] = {usedAt: Number(stream['usedAt']) || 0, contacts};
	}
	return {version: LOCATOR_VERSION, ...scope, streams};
}

/** Oldest entries out past the per-stream bound; least recently used streams out past the stream bound. */
function prune(data: LocatorFile, maxEntries: number, maxStreams: number): void {
	for (const stream of Object.values(data.streams)) {
		const ids = Object.keys(stream.contacts);
		if (ids.length <= maxEntries) continue;
		const oldest = ids.sort((a, b) => stream.contacts[a]![2] - stream.contacts[b]![2]).slice(0, ids.length - maxEntries);
		for (const id of oldest) delete stream.contacts[id];
	}
	const streamIds = Object.keys(data.streams);
	if (streamIds.length <= maxStreams) return;
	streamIds.sort((a, b) => data.streams[a]!.usedAt - data.streams[b]!.usedAt);
	for (const id of streamIds.slice(0, streamIds.length - maxStreams)) delete data.streams[id];
}

/** Past `maxFiles` scope files, the least recently written go (never the one just written). */
function pruneFiles(dir: string, maxFiles: number, keep: string): void {
	const files = fs.readdirSync(dir).filter(name => name.endsWith('.json'));
	if (files.length <= maxFiles) return;
	const dated = files
		.map(name => path.join(dir, name))
		.filter(file => file !== keep)
		.map(file => ({file, mtime: fs.statSync(file).mtimeMs}))
		.sort((a, b) => a.mtime - b.mtime);
	for (const {file} of dated.slice(0, files.length - maxFiles)) fs.rmSync(file, {force: true});
}
