import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, it, expect} from 'vitest';
import type {ContactFields, UpdateBody} from '../../source/contact/contact.js';
import {openJournal} from '../../source/store/journal.js';
import type {PendingEntry} from '../../source/store/types.js';
import {modeOf, tempDir} from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const before: ContactFields = {
	firstName: 'Asha',
	lastName: 'Rao',
	salutation: 'Ms',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '',
};
const after: ContactFields = {...before, lastName: 'Rao-Iyer'};
const body: UpdateBody = {
	firstName: 'Asha',
	lastName: 'Rao-Iyer',
	salutation: 'Ms',
	cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: ''},
};

const pending = (contactId: string, extra: Partial<PendingEntry> = {}): PendingEntry => ({
	profile: 'dev',
	host: 'https://platform.kore.ai',
	streamId: 'st-1',
	contactId,
	before,
	after,
	body,
	kind: 'update',
	...extra,
});

function linesOf(file: string): string[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(line => line !== '');
}

describe('journal', () => {
	it('appends a pending entry, then a separate completion line, merged on read', () => {
		const dir = tempDir();
		const journal = openJournal(dir);
		const id = journal.begin(pending('c-1'));
		expect(journal.path).toBe(path.join(dir, 'journal.jsonl'));
		const [open] = journal.entries();
		expect(open).toMatchObject({id, contactId: 'c-1', kind: 'update', status: 'unknown', before, after, body, profile: 'dev'});
		expect(open).not.toHaveProperty('completedAt');
		expect(Number.isNaN(Date.parse(open!.time))).toBe(false);
		expect(open!.hostname).toBeTruthy();
		const firstLine = linesOf(journal.path)[0];
		journal.complete(id, {status: 'done', httpStatus: 200, updatedAt: '2025-01-02T03:04:05.000Z'});
		// Append-only: the first line is untouched, the completion is a line of its own.
		const lines = linesOf(journal.path);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe(firstLine);
		expect(JSON.parse(lines[1]!)).toMatchObject({id, status: 'done', httpStatus: 200});
		expect(journal.entries()[0]).toMatchObject({id, status: 'done', httpStatus: 200, updatedAt: '2025-01-02T03:04:05.000Z'});
		expect(journal.entries()[0]!.completedAt).toBeTruthy();
	});

	it.runIf(process.platform !== 'win32')('keeps the file 0600', () => {
		const dir = tempDir();
		const previous = process.umask(0o000);
		try {
			openJournal(dir).begin(pending('c-1'));
		} finally {
			process.umask(previous);
		}

		expect(modeOf(path.join(dir, 'journal.jsonl'))).toBe(0o600);
		fs.chmodSync(path.join(dir, 'journal.jsonl'), 0o644);
		openJournal(dir);
		expect(modeOf(path.join(dir, 'journal.jsonl'))).toBe(0o600);
	});

	it('lists newest first, records failures and undo entries, filters by contact and limit', () => {
		const journal = openJournal(tempDir());
		const a = journal.begin(pending('c-1'));
		journal.complete(a, {status: 'done', httpStatus: 200});
		const b = journal.begin(pending('c-2'));
		journal.complete(b, {status: 'failed', httpStatus: 412, error: 'Phone number is invalid.'});
		const c = journal.begin(pending('c-1', {kind: 'undo', undoOf: a, before: after, after: before}));
		journal.complete(c, {status: 'unknown', error: 'The request timed out.'});
		const d = journal.begin(pending('c-3'));
		expect([a, b, c, d].sort()).toEqual([a, b, c, d]);
		expect(journal.entries().map(e => [e.id, e.status])).toEqual([
			[d, 'unknown'],
			[c, 'unknown'],
			[b, 'failed'],
			[a, 'done'],
		]);
		expect(journal.entries()[2]!.error).toBe('Phone number is invalid.');
		expect(journal.entries({contactId: 'c-1'}).map(e => e.id)).toEqual([c, a]);
		expect(journal.entries({contactId: 'c-1'})[0]).toMatchObject({kind: 'undo', undoOf: a, after: before});
		expect(journal.entries({limit: 2}).map(e => e.id)).toEqual([d, c]);
		expect(journal.entries({contactId: 'nope'})).toEqual([]);
		expect(openJournal(tempDir()).entries()).toEqual([]);
	});

	it('skips a torn last line and keeps appending readable lines after it', () => {
		const dir = tempDir();
		const journal = openJournal(dir);
		const a = journal.begin(pending('c-1'));
		journal.complete(a, {status: 'done'});
		const b = journal.begin(pending('c-2'));
		// The process died half-way through writing the completion of b.
		fs.appendFileSync(journal.path, `{"id":"${b}","completedAt":"2025-01-0`);
		expect(journal.entries().map(e => [e.id, e.status])).toEqual([
			[b, 'unknown'],
			[a, 'done'],
		]);
		const c = journal.begin(pending('c-3'));
		journal.complete(c, {status: 'done'});
		expect(
			openJournal(dir)
				.entries()
				.map(e => [e.id, e.status]),
		).toEqual([
			[c, 'done'],
			[b, 'unknown'],
			[a, 'done'],
		]);
		// Only the torn line itself is unreadable.
		const unreadable = linesOf(journal.path).filter(line => {
			try {
				JSON.parse(line);
				return false;
			} catch {
				return true;
			}
		});
		expect(unreadable).toHaveLength(1);
	});

	it('never stores a secret or a token, even when a caller passes one', () => {
		const journal = openJournal(tempDir());
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJl';
		const sloppy = {
			...pending('c-1'),
			clientSecret: 'very-secret-value',
			token: jwt,
			headers: {auth: jwt},
			body: {...body, jwt},
			before: {...before, authorization: jwt},
		} as unknown as PendingEntry;
		const id = journal.begin(sloppy);
		journal.complete(id, {
			status: 'failed',
			error: `Server rejected token ${jwt}`,
			...{clientSecret: 'very-secret-value'},
		} as never);
		const text = fs.readFileSync(journal.path, 'utf8');
		expect(text).not.toContain('very-secret-value');
		expect(text).not.toContain(jwt);
		const badKeys: string[] = [];
		const walk = (value: unknown): void => {
			if (Array.isArray(value)) {
				value.forEach(walk);
			} else if (typeof value === 'object' && value !== null) {
				for (const [key, inner] of Object.entries(value)) {
					if (/secret|token|jwt|auth/i.test(key)) {
						badKeys.push(key);
					}

					walk(inner);
				}
			}
		};

		for (const line of linesOf(journal.path)) {
			walk(JSON.parse(line));
		}

		expect(badKeys).toEqual([]);
		expect(journal.entries()[0]!.error).toBe('Server rejected token [redacted]');
	});

	it('takes appends from two processes at once without losing or tearing a line', async () => {
		const dir = tempDir();
		const script = path.join(root, 'test', 'store', 'fixtures', 'journal-writer.ts');
		const run = (tag: string) =>
			new Promise<void>((resolve, reject) => {
				const child = spawn(process.execPath, ['--import', 'tsx', script, dir, '50', tag], {
					cwd: root,
					stdio: ['ignore', 'ignore', 'pipe'],
				});
				let stderr = '';
				child.stderr.on('data', (chunk: Buffer) => {
					stderr += chunk.toString();
				});
				child.on('error', reject);
				child.on('exit', code => {
					if (code === 0) {
						resolve();
					} else {
						reject(new Error(`writer ${tag} exited with ${code}: ${stderr}`));
					}
				});
			});
		await Promise.all([run('p1'), run('p2')]);
		const lines = linesOf(path.join(dir, 'journal.jsonl'));
		// 50 begin lines and 50 completion lines from each process.
		expect(lines).toHaveLength(200);
		for (const line of lines) {
			expect(() => JSON.parse(line) as unknown).not.toThrow();
		}

		const entries = openJournal(dir).entries();
		expect(entries).toHaveLength(100);
		expect(entries.every(e => e.status === 'done')).toBe(true);
		expect(new Set(entries.map(e => e.id)).size).toBe(100);
		expect(entries.filter(e => e.profile === 'p1')).toHaveLength(50);
		expect(entries.filter(e => e.profile === 'p2')).toHaveLength(50);
	});
});
