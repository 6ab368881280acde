import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type {ContactFields, UpdateBody} from '../contact/contact.js';
import {ensurePrivateDir, FILE_MODE, tightenFile} from './files.js';
import type {Journal, JournalEntry, JournalOutcome, PendingEntry} from './types.js';

export const JOURNAL_FILE = 'journal.jsonl';

type BeginLine = Omit<JournalEntry, 'status' | 'completedAt' | 'httpStatus' | 'updatedAt' | 'error'>;
type CompleteLine = JournalOutcome & {id: string; completedAt: string};

let lastTime = 0;
let sequence = 0;

/** 9 base-36 digits of milliseconds, 4 of a per-process sequence, then 8 random hex digits. */
export function newJournalId(now = Date.now()): string {
	if (now === lastTime) {
		sequence++;
	} else {
		lastTime = now;
		sequence = 0;
	}

	return `${now.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}-${crypto.randomBytes(4).toString('hex')}`;
}

function currentUser(): string | undefined {
	try {
		return os.userInfo().username;
	} catch {
		return undefined;
	}
}

function currentHostname(): string | undefined {
	try {
		return os.hostname();
	} catch {
		return undefined;
	}
}

const str = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

/** Only the known fields are copied: a caller that passes more (a profile, a token) adds nothing. */
function copyFields(fields: ContactFields): ContactFields {
	return {
		firstName: str(fields?.firstName),
		lastName: str(fields?.lastName),
		salutation: str(fields?.salutation),
		countryCode: str(fields?.countryCode),
		phoneNumber: str(fields?.phoneNumber),
		extension: str(fields?.extension),
	};
}

function copyBody(body: UpdateBody): UpdateBody {
	return {
		firstName: str(body?.firstName),
		lastName: str(body?.lastName),
		salutation: str(body?.salutation),
		cellPhone: {
			phoneNumber: str(body?.cellPhone?.phoneNumber),
			countryCode: str(body?.cellPhone?.countryCode),
			extension: str(body?.cellPhone?.extension),
		},
	};
}

/** Anything that looks like a JWT in free text (an error message) is blanked out. */
export function scrubText(text: string): string {
	return text.replaceAll(/eyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[redacted]');
}

/** The journal could not be read (history and undo report it as such, not as a bug). */
export class JournalReadError extends Error {
	override readonly name = 'JournalReadError';
}

/** Writes every byte (writeSync may write fewer than asked, e.g. at a file-size limit) or throws. */
function writeAll(fd: number, data: Buffer): void {
	let done = 0;
	while (done < data.length) {
		const written = fs.writeSync(fd, data, done, data.length - done);
		if (written <= 0) {
			throw Object.assign(new Error(`only ${done} of ${data.length} bytes could be written`), {code: 'ESHORTWRITE'});
		}

		done += written;
	}
}

/**
 * The change journal: append-only JSON lines in `<dir>/journal.jsonl` (0600). `begin` appends the
 * entry before the PUT; `complete` appends a separate completion line; reading merges them (the
 * last completion of an entry wins: a check that finds an unknown write arrived marks it done).
 * Lines are never rewritten. Each line is appended whole and fsynced, or the file is cut back to
 * its size before (and the call throws). Unreadable lines (a torn last line after a crash) are skipped.
 */
export function openJournal(dir: string): Journal {
	ensurePrivateDir(dir);
	const file = path.join(dir, JOURNAL_FILE);
	tightenFile(file);

	const append = (record: BeginLine | CompleteLine): void => {
		const fd = fs.openSync(file, 'a+', FILE_MODE);
		let size = 0;
		let length = 0;
		try {
			// After a torn last line, start on a fresh line so this record stays readable.
			size = fs.fstatSync(fd).size;
			let prefix = '';
			if (size > 0) {
				const last = Buffer.alloc(1);
				fs.readSync(fd, last, 0, 1, size - 1);
				if (last[0] !== 0x0a) {
					prefix = '\n';
				}
			}

			const data = Buffer.from(`${prefix}${JSON.stringify(record)}\n`);
			length = data.length;
			writeAll(fd, data);
			// On disk before the PUT leaves: a crash after this still shows the entry.
			fs.fsyncSync(fd);
		} catch (error) {
			// A torn line would read as nothing: cut it off, unless another process appended after it.
			try {
				if (fs.fstatSync(fd).size <= size + length) fs.ftruncateSync(fd, size);
			} catch {}

			throw error;
		} finally {
			fs.closeSync(fd);
		}
	};

	const readLines = (): Array<Record<string, unknown>> => {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') {
				return [];
			}

			throw new JournalReadError(
				`The change journal ${file} could not be read (${code ?? String(error)}): check its owner and permissions.`,
			);
		}

		const records: Array<Record<string, unknown>> = [];
		for (const line of text.split('\n')) {
			if (line.trim() === '') {
				continue;
			}

			try {
				const value: unknown = JSON.parse(line);
				if (typeof value === 'object' && value !== null && typeof (value as {id?: unknown}).id === 'string') {
					records.push(value as Record<string, unknown>);
				}
			} catch {
				// A torn or foreign line: skip it and keep reading.
			}
		}

		return records;
	};

	return {
		path: file,
		begin(entry: PendingEntry): string {
			const id = newJournalId();
			const record: BeginLine = {
				id,
				time: new Date().toISOString(),
				host: str(entry.host),
				streamId: str(entry.streamId),
				contactId: str(entry.contactId),
				before: copyFields(entry.before),
				after: copyFields(entry.after),
				body: copyBody(entry.body),
				kind: entry.kind === 'undo' ? 'undo' : 'update',
			};
			if (entry.profile !== undefined) {
				record.profile = str(entry.profile);
			}

			if (entry.undoOf !== undefined) {
				record.undoOf = str(entry.undoOf);
			}

			if (entry.batch !== undefined) {
				record.batch = str(entry.batch);
			}

			const user = currentUser();
			if (user !== undefined) {
				record.user = user;
			}

			const hostname = currentHostname();
			if (hostname !== undefined) {
				record.hostname = hostname;
			}

			append(record);
			return id;
		},
		complete(id: string, outcome: JournalOutcome): void {
			const record: CompleteLine = {id, completedAt: new Date().toISOString(), status: outcome.status};
			if (typeof outcome.httpStatus === 'number') {
				record.httpStatus = outcome.httpStatus;
			}

			if (outcome.updatedAt !== undefined) {
				record.updatedAt = str(outcome.updatedAt);
			}

			if (outcome.error !== undefined) {
				record.error = scrubText(str(outcome.error));
			}

			if (outcome.checked === true) {
				record.checked = true;
			}

			append(record);
		},
		entries(filter = {}): JournalEntry[] {
			const begun: BeginLine[] = [];
			const completions = new Map<string, CompleteLine>();
			for (const record of readLines()) {
				if (typeof record['completedAt'] === 'string') {
					// The last completion for an id wins.
					completions.set(record['id'] as string, record as CompleteLine);
				} else if (typeof record['contactId'] === 'string') {
					begun.push(record as BeginLine);
				}
			}

			const result: JournalEntry[] = [];
			for (const line of begun.reverse()) {
				if (filter.contactId !== undefined && line.contactId !== filter.contactId) {
					continue;
				}

				const completion = completions.get(line.id);
				const entry: JournalEntry = {...line, status: completion?.status ?? 'unknown'};
				if (completion) {
					entry.completedAt = completion.completedAt;
					if (completion.httpStatus !== undefined) {
						entry.httpStatus = completion.httpStatus;
					}

					if (completion.updatedAt !== undefined) {
						entry.updatedAt = completion.updatedAt;
					}

					if (completion.error !== undefined) {
						entry.error = completion.error;
					}

					if (completion.checked === true) {
						entry.checked = true;
					}
				}

				result.push(entry);
				if (filter.limit !== undefined && result.length >= filter.limit) {
					break;
				}
			}

			return result;
		},
	};
}
