import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openJournal} from '../../source/store/journal.js';
import type {Journal} from '../../source/store/types.js';
import {journalIdOf, JournalWriteError, sendUpdate} from '../../source/core/send.js';
import {tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, prepareAt, puts} from './helpers.js';

const SECRET = 'journal-secret-never-written-7Qx2';
const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: SECRET});

describe('sendUpdate with a journal', () => {
	it('writes the pending entry before the PUT and completes it as done with the stored updatedAt', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 3, {lastName: 'Journal-One'});
		const journal = openJournal(tempDir());
		// Watches the order: how many PUTs had arrived when the entry was begun.
		let putsAtBegin = -1;
		const watched: Journal = {
			...journal,
			begin(entry) {
				putsAtBegin = puts(sb).length;
				return journal.begin(entry);
			},
		};

		const result = await sendUpdate(client, update, {journal: {journal: watched, host: client.baseUrl, profile: 'dev'}});

		expect(putsAtBegin).toBe(0);
		expect(puts(sb)).toHaveLength(1);
		expect(result.journalId).toBeDefined();
		expect(result.verification.ok).toBe(true);
		const [entry] = journal.entries();
		expect(entry).toMatchObject({
			id: result.journalId,
			kind: 'update',
			status: 'done',
			httpStatus: 200,
			updatedAt: sb.getContact(update.contactId)!.updatedAt,
			profile: 'dev',
			host: sb.url,
			streamId: sb.streamId,
			contactId: update.contactId,
			before: update.before,
			after: update.after,
			body: update.body,
		});
		expect(entry!.completedAt).toBeDefined();
		expect(entry!.undoOf).toBeUndefined();
	});

	it('records a rejected PUT (412) as failed with the HTTP status, and a 500 as unknown; the error is rethrown', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const journal = openJournal(tempDir());
		const rejected = await prepareAt(client, sb, 5, {firstName: 'Rejected'});
		const broken = await prepareAt(client, sb, 6, {firstName: 'Broken'});

		sb.faults.fail(412, {method: 'PUT'});
		const first = await sendUpdate(client, rejected, {journal: {journal, host: client.baseUrl}}).catch((error: unknown) => error);
		expect(first).toMatchObject({name: 'KoreError', kind: 'validation', outcomeUnknown: false});
		sb.faults.fail(500, {method: 'PUT'});
		const second = await sendUpdate(client, broken, {journal: {journal, host: client.baseUrl}}).catch((error: unknown) => error);
		// A 5xx answer to a PUT may still have been applied: the client marks its outcome unknown.
		expect(second).toMatchObject({name: 'KoreError', kind: 'server', outcomeUnknown: true});

		const [unknown, failed] = journal.entries();
		expect(failed).toMatchObject({contactId: rejected.contactId, status: 'failed', httpStatus: 412});
		expect(failed!.error).toContain('412');
		expect(unknown).toMatchObject({contactId: broken.contactId, status: 'unknown', httpStatus: 500});
		expect(unknown!.completedAt).toBeDefined();
		expect(journalIdOf(first)).toBe(failed!.id);
		expect(journalIdOf(second)).toBe(unknown!.id);
		expect(sb.getContact(rejected.contactId)!.firstName).not.toBe('Rejected');
	});

	it('records a PUT that times out as unknown', async () => {
		const sb = sandbox();
		const client = clientFor(sb, 300);
		const journal = openJournal(tempDir());
		const update = await prepareAt(client, sb, 8, {salutation: 'Mx'});
		sb.faults.latency(1500, {method: 'PUT'});
		await expect(sendUpdate(client, update, {journal: {journal, host: client.baseUrl}})).rejects.toMatchObject({
			kind: 'timeout',
			outcomeUnknown: true,
		});
		const [entry] = journal.entries();
		expect(entry).toMatchObject({status: 'unknown', contactId: update.contactId});
		expect(entry!.httpStatus).toBeUndefined();
		expect(entry!.error).toMatch(/may or may not have been saved/);
	});

	it('sends nothing when the pending entry cannot be written', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 9, {lastName: 'Never-Sent'});
		const journal = openJournal(tempDir());
		const failing: Journal = {
			...journal,
			begin() {
				throw Object.assign(new Error('no space left on device'), {code: 'ENOSPC'});
			},
		};
		const error = await sendUpdate(client, update, {journal: {journal: failing, host: client.baseUrl}}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(JournalWriteError);
		expect((error as Error).message).toMatch(/^Nothing was sent: the change journal .* could not be written \(ENOSPC\)/);
		expect(puts(sb)).toEqual([]);
	});

	it('records an undo with its kind and the entry it undoes; without a journal nothing is written', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const journal = openJournal(dir);
		const update = await prepareAt(client, sb, 11, {lastName: 'Undo-Kind'});
		const plain = await sendUpdate(client, update);
		expect(plain.journalId).toBeUndefined();
		expect(journal.entries()).toEqual([]);

		const again = await prepareAt(client, sb, 12, {lastName: 'Undo-Kind-2'});
		await sendUpdate(client, again, {journal: {journal, host: client.baseUrl, kind: 'undo', undoOf: 'abc123'}});
		expect(journal.entries()[0]).toMatchObject({kind: 'undo', undoOf: 'abc123', status: 'done'});

		// Nothing secret in the file: not the client secret, no JWT.
		const text = fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8');
		expect(text).not.toContain(SECRET);
		expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
	});
});
