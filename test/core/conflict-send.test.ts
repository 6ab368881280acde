import {describe, expect, it} from 'vitest';
import {checkConflict} from '../../source/core/conflict.js';
import type {PreparedUpdate} from '../../source/core/prepare.js';
import {sendUpdate} from '../../source/core/send.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, prepareAt, puts} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('checkConflict', () => {
	it('finds no conflict when nobody changed the contact, re-reading it from the server', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 120, {lastName: 'Quinn'});
		const before = sb.requests.length;
		const check = await checkConflict(client, update);
		expect(check.conflict).toBe(false);
		expect(check.current.id).toBe(update.contactId);
		// One fresh GET of the page it was found on (not the session cache).
		const reread = sb.requests.slice(before);
		expect(reread.map(r => [r.method, r.query['skip']])).toEqual([['GET', '100']]);
	});

	it('reports the fields someone else changed after the read (editAfterRead)', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const index = sb.contacts().findIndex((c, i) => i > 60 && c.salutation !== 'Dr' && c.status === 'ACTIVE');
		const id = sb.contacts()[index]!.id;
		sb.faults.editAfterRead(id, {firstName: 'Changed-by-them', salutation: 'Dr'});
		const update = await prepareAt(client, sb, index, {lastName: 'Mine'});
		const check = await checkConflict(client, update);
		expect(check.conflict).toBe(true);
		if (!check.conflict) return;
		expect(check.theirs.map(change => change.field)).toEqual(['firstName', 'salutation']);
		const first = check.theirs.find(change => change.field === 'firstName')!;
		expect(first.before).toBe(update.before.firstName);
		expect(first.after).toBe('Changed-by-them');
		expect(puts(sb)).toEqual([]);
	});

	it('counts a new updatedAt as a conflict even when the editable fields look the same', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 7, {lastName: 'Other'});
		const current = sb.getContact(update.contactId)!;
		sb.editContact(update.contactId, {firstName: String(current.firstName ?? '')});
		const check = await checkConflict(client, update);
		expect(sb.getContact(update.contactId)!.updatedAt).not.toBe(update.loaded.updatedAt);
		expect(check.conflict).toBe(true);
		if (check.conflict) expect(check.theirs).toEqual([]);
	});
});

describe('sendUpdate', () => {
	it('PUTs the body once and verifies what the server stored', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update: PreparedUpdate = await prepareAt(client, sb, 33, {
			firstName: 'Zed',
			phoneNumber: '2079460958',
			countryCode: '+44',
			extension: '+44',
		});
		const {stored, verification} = await sendUpdate(client, update);
		expect(verification).toEqual({ok: true, mismatches: []});
		expect(stored.firstName).toBe('Zed');
		expect(sb.getContact(update.contactId)!.cellPhone).toEqual({
			phoneNumber: '+442079460958',
			countryCode: '+44',
			extension: '+44',
		});
		expect(puts(sb)).toHaveLength(1);
		expect(puts(sb)[0]!.path).toBe(`/agentassist/api/v1/public/${sb.streamId}/contacts/${update.contactId}`);
	});

	it('passes a server failure on as a KoreError and does not retry the PUT', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const update = await prepareAt(client, sb, 34, {firstName: 'Never'});
		sb.faults.fail(503, {method: 'PUT'});
		await expect(sendUpdate(client, update)).rejects.toMatchObject({name: 'KoreError', kind: 'server', outcomeUnknown: true});
		expect(puts(sb)).toHaveLength(1);
		expect(sb.getContact(update.contactId)!.firstName).not.toBe('Never');
	});
});
