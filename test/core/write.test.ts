import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {PreparedUpdate} from '../../source/core/prepare.js';
import {write, type WriteOutcome, type WriteRequest} from '../../source/core/write.js';
import type {KoreClient} from '../../source/kore/types.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {openJournal} from '../../source/store/journal.js';
import {tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, prepareAt, puts} from './helpers.js';

const SECRET = 'journal-secret-never-written-7Qx2';
const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: SECRET});

function writeTo(
	sb: Sandbox,
	client: KoreClient,
	update: PreparedUpdate,
	dir = tempDir(),
	extra: Partial<WriteRequest> = {},
): Promise<WriteOutcome> {
	return write({client, update, kind: 'update', dir, accountId: sb.accountId, ...extra});
}

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise(resolve => setTimeout(resolve, 10));
}

describe('write', () => {
	it('has the pending entry on disk while the PUT is on its way, then completes it, verifies by reading back', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const update = await prepareAt(client, sb, 3, {lastName: 'Journal-One'});
		sb.faults.latency(400, {method: 'PUT'});
		const running = writeTo(sb, client, update, dir, {profile: 'dev'});
		await until(() => sb.arrivals.some(request => request.method === 'PUT'));
		// The PUT has arrived and is not answered yet: the journal already shows it (as unknown).
		expect(openJournal(dir).entries()[0]).toMatchObject({contactId: update.contactId, status: 'unknown', body: update.body});

		const outcome = await running;
		expect(outcome.outcome).toBe('saved');
		if (outcome.outcome !== 'saved') return;
		expect(outcome.verification).toEqual({ok: true, mismatches: [], changedSince: [], reread: true});
		expect(outcome.rebuilt).toBeUndefined();
		expect(puts(sb)).toHaveLength(1);
		const [entry] = openJournal(dir).entries();
		expect(entry).toMatchObject({
			id: outcome.journalId,
			kind: 'update',
			status: 'done',
			httpStatus: 200,
			updatedAt: sb.getContact(update.contactId)!.updatedAt,
			profile: 'dev',
			host: sb.url,
			streamId: sb.streamId,
			before: update.before,
			after: update.after,
		});
		const text = fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8');
		expect(text).not.toContain(SECRET);
		expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
		// The lock is gone once the write is over.
		expect(fs.readdirSync(path.join(dir, 'locks'))).toEqual([]);
	});

	it('a rejected PUT (412) is failed, a 500 unknown, each journaled with its status and one sentence', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const rejected = await prepareAt(client, sb, 5, {firstName: 'Rejected'});
		const broken = await prepareAt(client, sb, 6, {firstName: 'Broken'});
		sb.faults.fail(412, {method: 'PUT'});
		const first = await writeTo(sb, client, rejected, dir);
		sb.faults.fail(500, {method: 'PUT'});
		const second = await writeTo(sb, client, broken, dir);

		expect(first).toMatchObject({outcome: 'failed', message: expect.stringMatching(/^Not saved: /)});
		expect(second).toMatchObject({
			outcome: 'unknown',
			interrupted: false,
			message: expect.stringMatching(/^The outcome is unknown: /),
		});
		if (second.outcome !== 'unknown' || first.outcome !== 'failed') return;
		expect(second.message).toContain(`OUTCOME UNKNOWN (entry ${second.journalId})`);
		expect(second.hint).toContain(`kore-contacts history --contact ${broken.contactId}`);
		const [unknown, failed] = openJournal(dir).entries();
		expect(failed).toMatchObject({id: first.journalId, status: 'failed', httpStatus: 412});
		expect(unknown).toMatchObject({id: second.journalId, status: 'unknown', httpStatus: 500});
		expect(puts(sb)).toHaveLength(2);
	});

	it('a PUT that times out is unknown', async () => {
		const sb = sandbox();
		const client = clientFor(sb, 300);
		const dir = tempDir();
		const update = await prepareAt(client, sb, 8, {salutation: 'Mx'});
		sb.faults.latency(1500, {method: 'PUT'});
		const outcome = await writeTo(sb, client, update, dir);
		expect(outcome.outcome).toBe('unknown');
		expect(openJournal(dir).entries()[0]).toMatchObject({status: 'unknown', contactId: update.contactId});
	});

	it('rebuilds the body on the fresh copy when someone else changed other fields, keeping both changes', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const index = sb.contacts().findIndex((c, i) => i > 60 && c.salutation !== 'Dr' && c.status === 'ACTIVE');
		const update = await prepareAt(client, sb, index, {lastName: 'Mine'});
		sb.editContact(update.contactId, {firstName: 'Theirs', salutation: 'Dr'});
		const outcome = await writeTo(sb, client, update);
		expect(outcome.outcome).toBe('saved');
		if (outcome.outcome !== 'saved') return;
		expect(outcome.rebuilt?.map(change => change.field)).toEqual(['firstName', 'salutation']);
		expect(outcome.update.body).toMatchObject({firstName: 'Theirs', salutation: 'Dr', lastName: 'Mine'});
		expect(sb.getContact(update.contactId)).toMatchObject({firstName: 'Theirs', salutation: 'Dr', lastName: 'Mine'});
		expect(outcome.verification.ok).toBe(true);
	});

	it('is a conflict, with nothing sent, when someone else changed the same field (the phone counts as one)', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const name = await prepareAt(client, sb, 70, {lastName: 'Mine'});
		sb.editContact(name.contactId, {lastName: 'Theirs'});
		const phone = await prepareAt(client, sb, 71, {extension: '+49'});
		sb.editContact(phone.contactId, {cellPhone: {phoneNumber: '2079460123', countryCode: '+44', extension: ''}});
		const outcomes = [await writeTo(sb, client, name, dir), await writeTo(sb, client, phone, dir)];
		expect(outcomes.map(o => o.outcome)).toEqual(['conflict', 'conflict']);
		if (outcomes[0]!.outcome === 'conflict')
			expect(outcomes[0]!.theirs.map(c => [c.field, c.after])).toEqual([['lastName', 'Theirs']]);
		expect(puts(sb)).toEqual([]);
		expect(openJournal(dir).entries()).toEqual([]);
	});

	it('does not call it verified when someone else changed the contact between the PUT and the read after it', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 72, {firstName: 'Sent'});
		const outcome = await writeTo(sb, client, update, tempDir(), {
			onPhase(phase) {
				if (phase === 'verifying') sb.editContact(update.contactId, {firstName: 'Overwritten'});
			},
		});
		expect(outcome.outcome).toBe('saved');
		if (outcome.outcome !== 'saved') return;
		expect(outcome.verification.ok).toBe(false);
		expect(outcome.verification.changedSince.map(c => [c.field, c.before, c.after])).toEqual([
			['firstName', 'Sent', 'Overwritten'],
		]);
	});

	it('records an undo with its kind and the entry it undoes', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const update = await prepareAt(client, sb, 12, {lastName: 'Undo-Kind'});
		await writeTo(sb, client, update, dir, {kind: 'undo', undoOf: 'abc123'});
		expect(openJournal(dir).entries()[0]).toMatchObject({kind: 'undo', undoOf: 'abc123', status: 'done'});
	});

	it('sends nothing when the journal cannot be opened, and says why', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const file = path.join(tempDir(), 'not-a-folder');
		fs.writeFileSync(file, '');
		const update = await prepareAt(client, sb, 13, {lastName: 'Never-Sent'});
		const outcome = await writeTo(sb, client, update, file);
		expect(outcome).toMatchObject({outcome: 'not-sent', reason: 'journal'});
		if (outcome.outcome === 'not-sent')
			expect(outcome.message).toMatch(/^Nothing was sent: the change journal in .* could not be opened \(E[A-Z]+\)/);
		expect(puts(sb)).toEqual([]);
	});

	it('cancelled while re-reading: nothing sent, nothing journaled', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const dir = tempDir();
		const update = await prepareAt(client, sb, 14, {lastName: 'Cancelled'});
		sb.faults.latency(2000, {method: 'GET'});
		const controller = new AbortController();
		const running = writeTo(sb, client, update, dir, {signal: controller.signal});
		await until(() => sb.arrivals.some(request => request.method === 'GET'));
		controller.abort();
		expect(await running).toMatchObject({outcome: 'not-sent', reason: 'cancelled'});
		expect(puts(sb)).toEqual([]);
		expect(openJournal(dir).entries()).toEqual([]);
	});
});
