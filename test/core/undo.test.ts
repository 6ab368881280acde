import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ContactFields} from '../../source/contact/contact.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {openJournal} from '../../source/store/journal.js';
import type {Journal, JournalEntry} from '../../source/store/types.js';
import {write} from '../../source/core/write.js';
import {findEntry, latestUndoable, prepareUndo, restoredFields, undoneBy, uniquePrefixes} from '../../source/core/undo.js';
import {tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {plainContactFrom} from '../commands/helpers.js';
import {clientFor, prepareFor} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

/** Sends a journaled update of the plain contact at or after `from`; returns the entry. */
async function journaledUpdate(
	sb: Sandbox,
	journal: Journal,
	from: number,
	edits: Partial<ContactFields>,
): Promise<JournalEntry> {
	const client = clientFor(sb);
	const id = plainContactFrom(sb, from).contact.id;
	const update = await prepareFor(client, sb, id, edits);
	const outcome = await write({client, update, kind: 'update', dir: path.dirname(journal.path), accountId: sb.accountId});
	if (outcome.outcome !== 'saved') throw new Error(`The write ended ${outcome.outcome}.`);
	return journal.entries().find(entry => entry.id === outcome.journalId)!;
}

const entry = (id: string, extra: Partial<JournalEntry> = {}): JournalEntry => {
	const fields: ContactFields = {
		firstName: 'A',
		lastName: 'B',
		salutation: '',
		countryCode: '+91',
		phoneNumber: '9550100001',
		extension: '',
	};
	return {
		id,
		time: '2026-01-01T00:00:00.000Z',
		host: 'https://platform.kore.ai',
		streamId: 'st-1',
		contactId: 'c-1',
		before: fields,
		after: {...fields, lastName: 'C'},
		body: {
			firstName: 'A',
			lastName: 'C',
			salutation: '',
			cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: ''},
		},
		kind: 'update',
		status: 'done',
		...extra,
	};
};

describe('prepareUndo', () => {
	it('puts the before values back when the contact still holds what the write stored (phone compared as stored)', async () => {
		const sb = sandbox();
		const journal = openJournal(tempDir());
		const original = plainContactFrom(sb, 20).contact;
		// The phone is stored as countryCode + digits; the entry holds the digits only.
		const written = await journaledUpdate(sb, journal, 20, {lastName: 'Undo-Me', phoneNumber: '7700900123', countryCode: '+44'});
		expect(sb.getContact(written.contactId)!.cellPhone?.phoneNumber).toBe('+447700900123');

		const prepared = await prepareUndo(clientFor(sb), written);
		expect(prepared.ok).toBe(true);
		if (!prepared.ok) return;
		expect(prepared.update.after).toEqual(written.before);
		expect(prepared.update.before).toEqual(written.after);
		expect(prepared.update.changes.map(change => change.field)).toEqual(['lastName', 'countryCode', 'phoneNumber']);
		expect(prepared.update.body.lastName).toBe(original.lastName);
		expect(prepared.current.id).toBe(written.contactId);
		expect(restoredFields(written)).toEqual(['lastName', 'countryCode', 'phoneNumber']);
	});

	it("refuses with 'changed' and the fields changed since; the update restores only that entry's fields", async () => {
		const sb = sandbox();
		const journal = openJournal(tempDir());
		const written = await journaledUpdate(sb, journal, 30, {lastName: 'Mine'});
		sb.editContact(written.contactId, {firstName: 'Theirs'});

		const prepared = await prepareUndo(clientFor(sb), written);
		expect(prepared.ok).toBe(false);
		if (prepared.ok || prepared.reason !== 'changed') throw new Error(`expected changed, got ${JSON.stringify(prepared)}`);
		expect(prepared.theirs.map(change => [change.field, change.before, change.after])).toEqual([
			['firstName', written.after.firstName, 'Theirs'],
		]);
		// With --force: the last name goes back, their first name stays.
		expect(prepared.update.body.lastName).toBe(written.before.lastName);
		expect(prepared.update.body.firstName).toBe('Theirs');
	});

	it("is 'not-undoable' for a failed entry, and when the contact already holds the before values", async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const journal = openJournal(tempDir());
		const failed = await prepareUndo(client, entry('0000000000000-aaaa', {status: 'failed', httpStatus: 412}));
		expect(failed).toMatchObject({ok: false, reason: 'not-undoable'});
		if (!failed.ok && failed.reason === 'not-undoable') expect(failed.message).toMatch(/failed \(HTTP 412\).*nothing to undo/);
		expect(sb.requests).toEqual([]);

		const written = await journaledUpdate(sb, journal, 40, {salutation: 'Dr', lastName: 'Put-Back'});
		sb.editContact(written.contactId, {salutation: written.before.salutation, lastName: written.before.lastName});
		const already = await prepareUndo(client, written);
		expect(already).toMatchObject({ok: false, reason: 'not-undoable', alreadyRestored: true});
	});

	it('compares an entry with an unknown outcome with the contact: undoes it when it arrived', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const journal = openJournal(tempDir());
		const written = await journaledUpdate(sb, journal, 50, {lastName: 'Arrived'});
		const unknown: JournalEntry = {...written, status: 'unknown'};
		delete unknown.completedAt;
		const prepared = await prepareUndo(client, unknown);
		expect(prepared.ok).toBe(true);

		// The same write that never arrived: the contact holds the before values.
		const neverArrived: JournalEntry = {...unknown, before: unknown.after, after: {...unknown.after, lastName: 'Never-Arrived'}};
		const none = await prepareUndo(client, neverArrived);
		expect(none).toMatchObject({ok: false, reason: 'not-undoable', alreadyRestored: true});
		if (!none.ok && none.reason === 'not-undoable') expect(none.message).toMatch(/probably never took effect/);
	});
});

describe('latestUndoable, undoneBy, findEntry, uniquePrefixes', () => {
	it('picks the newest done or unknown update for the host that is not undone yet', () => {
		const entries = [
			entry('0005-e', {status: 'failed'}),
			entry('0004-d', {kind: 'undo', undoOf: '0003-c'}),
			entry('0003-c'),
			entry('0002-b', {status: 'unknown', host: 'https://other.kore.ai'}),
			entry('0001-a'),
		];
		expect(latestUndoable(entries)?.id).toBe('0002-b');
		expect(latestUndoable(entries, {host: 'https://platform.kore.ai'})?.id).toBe('0001-a');
		expect(latestUndoable([...entries].reverse(), {host: 'https://platform.kore.ai'})?.id).toBe('0001-a');
		expect(undoneBy(entries, '0003-c')?.id).toBe('0004-d');
		expect(undoneBy(entries, '0001-a')).toBeUndefined();
		expect(latestUndoable([entry('0009-z', {status: 'failed'})])).toBeUndefined();
		// An undo that failed does not count: the update can still be undone.
		expect(latestUndoable([entry('0002-u', {kind: 'undo', undoOf: '0001-a', status: 'failed'}), entry('0001-a')])?.id).toBe(
			'0001-a',
		);
	});

	it('finds an entry by its full ID or a unique prefix, and says when a prefix is ambiguous, unknown or too short', () => {
		const entries = [entry('0mwyeeotv0000-917249ef'), entry('0mwyeeotv0001-00000000'), entry('0mwyef3ws0000-bc46e47b')];
		expect(findEntry(entries, '0mwyef3')).toMatchObject({ok: true, entry: {id: '0mwyef3ws0000-bc46e47b'}});
		expect(findEntry(entries, '0MWYEEOTV0000-917249EF')).toMatchObject({ok: true, entry: {id: '0mwyeeotv0000-917249ef'}});
		expect(findEntry(entries, '0mwyeeotv')).toMatchObject({ok: false, reason: 'ambiguous'});
		expect(findEntry(entries, 'zzzzzz')).toMatchObject({ok: false, reason: 'unknown', matches: []});
		expect(findEntry(entries, '0mw')).toMatchObject({ok: false, reason: 'too-short'});

		const prefixes = uniquePrefixes(entries.map(e => e.id));
		expect(prefixes.get('0mwyef3ws0000-bc46e47b')).toBe('0mwyef3ws0');
		expect(prefixes.get('0mwyeeotv0000-917249ef')).toBe('0mwyeeotv0000');
		expect(prefixes.get('0mwyeeotv0001-00000000')).toBe('0mwyeeotv0001');
		for (const [id, prefix] of prefixes) expect(findEntry(entries, prefix)).toMatchObject({ok: true, entry: {id}});
	});
});
