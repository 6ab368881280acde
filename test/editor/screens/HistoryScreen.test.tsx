/**
 * The history screen against the sandbox, with a real journal in a temp settings folder: the
 * entries (newest first, status in words), Enter prepares the undo for the review, and the
 * refusals: the contact changed since (with "undo anyway"), a failed entry, unsaved edits.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Contact, ContactFields} from '../../../source/contact/contact.js';
import {fieldsOf} from '../../../source/contact/fields.js';
import {currentScreen, flowReducer, type FlowState} from '../../../source/editor/state/flow.js';
import {changedText, entryRow, HistoryScreen, statusWords} from '../../../source/editor/screens/HistoryScreen.js';
import {ReviewScreen} from '../../../source/editor/screens/ReviewScreen.js';
import {journalFor} from '../../../source/editor/store-files.js';
import type {KoreClient} from '../../../source/kore/types.js';
import type {Journal, JournalEntry} from '../../../source/store/types.js';
import {prepareUpdate} from '../../../source/core/prepare.js';
import {write} from '../../../source/core/write.js';
import {shortId} from '../../../source/core/undo.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../helpers/services.js';
import {atCard} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

/** A journaled, real update through the sandbox (what the editor's send does). */
async function journaledUpdate(
	client: KoreClient,
	journal: Journal,
	contact: Contact,
	edits: Partial<ContactFields>,
): Promise<{stored: Contact; id: string}> {
	const prepared = prepareUpdate({streamId: getSandbox().streamId, loaded: contact, edits});
	if (!prepared.ok) throw new Error('bad edits');
	const dir = path.dirname(journal.path);
	const result = await write({
		client,
		update: prepared.update,
		kind: 'update',
		dir,
		accountId: getSandbox().accountId,
		profile: 'sandbox',
	});
	if (result.outcome !== 'saved') throw new Error(`The write ended ${result.outcome}.`);
	return {stored: result.stored, id: result.journalId};
}

/** One contact with: a failed entry, an entry whose outcome is unknown, then a saved update (newest). */
async function withHistory(index: number) {
	const sandbox = getSandbox();
	const client = testClient(sandboxCredentials(sandbox));
	const services = makeServices();
	const journal = journalFor(services.store);
	const contact = sandbox.contacts()[index]!;
	const before = fieldsOf(contact);
	const pending = {
		profile: 'sandbox',
		host: client.baseUrl,
		streamId: sandbox.streamId,
		contactId: contact.id,
		kind: 'update' as const,
	};
	const failed = journal.begin({
		...pending,
		before,
		after: {...before, salutation: 'Zz'},
		body: {firstName: '', lastName: '', salutation: 'Zz', cellPhone: {phoneNumber: '', countryCode: '', extension: ''}},
	});
	journal.complete(failed, {status: 'failed', httpStatus: 400, error: 'Invalid salutation.'});
	journal.begin({
		...pending,
		before,
		after: {...before, extension: '+99'},
		body: {firstName: '', lastName: '', salutation: '', cellPhone: {phoneNumber: '', countryCode: '', extension: '+99'}},
	});
	const {stored, id} = await journaledUpdate(client, journal, contact, {firstName: 'Undoable', lastName: 'Person'});
	const state = flowReducer(await atCard(sandbox, client, stored), {type: 'open', screen: {name: 'history'}});
	sandbox.requests.length = 0;
	return {sandbox, client, services, journal, contact, stored, id, state};
}

describe('HistoryScreen', () => {
	it('lists this contact’s entries newest first: time, kind, status in words, changed fields; details of the highlighted one', async () => {
		const {client, services, state, id, journal, contact} = await withHistory(1);
		const r = await renderScreen(<HistoryScreen />, {state, services, client});
		const frame = r.frame();
		expect(frame).toContain(`History of ${contact.id}`);
		expect(frame).toContain('3 writes from this machine, newest first.');
		const rows = frame.split('\n').filter(line => /\d{4}-\d\d-\d\d \d\d:\d\d/.test(line));
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/› .*update\s+saved\s+First name, Last name/);
		expect(rows[1]).toMatch(/update\s+OUTCOME UNKNOWN\s+Extension/);
		expect(rows[2]).toMatch(/update\s+FAILED\s+Salutation/);
		expect(frame).toContain(`entry ${shortId(id)}`);
		expect(frame).toContain('profile sandbox');
		expect(frame).toContain(`First name: ${String(contact.firstName)} → Undoable`);
		await r.press(KEY.end);
		expect(r.frame()).toContain('Invalid salutation.');
		expect(frameRows(r.frame())).toBeLessThan(23);
		expect(journal.entries({contactId: contact.id}).map(e => e.status)).toEqual(['done', 'unknown', 'failed']);
		await r.unmount();

		const small = await renderScreen(<HistoryScreen />, {state, services, client, columns: 60, rows: 20});
		expect(frameRows(small.frame())).toBeLessThan(19);
		expect(
			Math.max(
				...small
					.frame()
					.split('\n')
					.map(line => line.length),
			),
		).toBeLessThanOrEqual(60);
		expect(small.frame()).toContain('OUTCOME UNKNOWN');
		await small.unmount();
	});

	it('a contact written by a bulk batch: the row says bulk, the details name the batch and how to undo it whole', async () => {
		const {client, services, state, journal, contact} = await withHistory(4);
		const before = fieldsOf(contact);
		const entry = journal.begin({
			profile: 'sandbox',
			host: client.baseUrl,
			streamId: getSandbox().streamId,
			contactId: contact.id,
			kind: 'update',
			batch: 'b-test0001',
			before,
			after: {...before, lastName: 'Batched'},
			body: {firstName: '', lastName: 'Batched', salutation: '', cellPhone: {phoneNumber: '', countryCode: '', extension: ''}},
		});
		journal.complete(entry, {status: 'done'});
		const r = await renderScreen(<HistoryScreen />, {state, services, client});
		const rows = r
			.frame()
			.split('\n')
			.filter(line => /\d{4}-\d\d-\d\d \d\d:\d\d/.test(line));
		expect(rows[0]).toMatch(/› .*bulk\s+saved\s+Last name/);
		expect(rows[1]).toMatch(/update\s+saved/);
		expect(r.frame()).toContain('batch b-test0001');
		expect(r.frame().replace(/\s+/g, ' ')).toContain('Whole batch: kore-contacts undo --batch b-test0001');
		await r.unmount();
	});

	it('Enter prepares the undo: the review shows it marked as an undo, with the before values', async () => {
		const {client, services, state, id, contact} = await withHistory(2);
		const r = await renderScreen(<HistoryScreen />, {state, services, client});
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'review', 8000);
		const after = r.state();
		expect(after.undoOf).toBe(id);
		expect(after.prepared?.changes.map(change => [change.field, change.before, change.after])).toEqual([
			['firstName', 'Undoable', String(contact.firstName)],
			['lastName', 'Person', String(contact.lastName)],
		]);
		await r.unmount();

		const review = await renderScreen(<ReviewScreen />, {state: after, services, client});
		expect(review.frame()).toContain(`UNDO: review 2 changes to ${contact.id}`);
		expect(review.frame().replaceAll('\n', ' ')).toContain(
			`Puts back the values from before entry ${shortId(id)}; journaled as an undo.`,
		);
		expect(review.frame()).toContain(`"firstName": "${String(contact.firstName)}"`);
		expect(frameRows(review.frame())).toBeLessThan(23);
		// At 60×20 the whole contact ID and the entry stay readable (the note wraps instead of being cut).
		const narrow = await renderScreen(<ReviewScreen />, {state: after, services, client, columns: 60, rows: 20});
		expect(narrow.frame()).toContain(contact.id);
		expect(narrow.frame().replace(/\s+/g, ' ')).toContain(`before entry ${shortId(id)}; journaled as an undo.`);
		expect(frameRows(narrow.frame())).toBeLessThan(20);
		await narrow.unmount();
		// Esc goes back to the history and forgets the undo.
		const back = flowReducer(after, {type: 'back'});
		expect(currentScreen(back).name).toBe('history');
		expect(back.undoOf).toBeUndefined();
		await review.unmount();
	});

	it('when the contact changed since that write: names the fields, then "undo anyway" or back', async () => {
		const {sandbox, client, services, state, id, contact} = await withHistory(3);
		sandbox.editContact(contact.id, {lastName: 'Theirs'});
		const r = await renderScreen(<HistoryScreen />, {state, services, client});
		await r.press(KEY.enter);
		await r.waitFor(`Changed since entry ${shortId(id)}`, 8000);
		expect(r.frame()).toContain('The contact changed since that write:');
		expect(r.frame()).toContain('Last name: that write stored Person, now Theirs (the undo overwrites it)');
		expect(currentScreen(r.state()).name).toBe('history');
		// Back (preselected): the list again, nothing prepared.
		expect(r.frame()).toContain('› Back to the history');
		await r.press(KEY.enter);
		await r.waitFor('writes from this machine');
		expect(r.state().prepared).toBeUndefined();
		// Again, and undo anyway: the review with the undo of that entry.
		await r.press(KEY.enter);
		await r.waitFor('Undo anyway', 8000);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('review');
		expect(r.state().undoOf).toBe(id);
		expect(r.state().prepared?.after.lastName).toBe(String(contact.lastName));
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(0);
		await r.unmount();
	});

	it('refuses a failed entry, and any undo while the card holds unsaved edits', async () => {
		const {sandbox, client, services, state} = await withHistory(4);
		const r = await renderScreen(<HistoryScreen />, {state, services, client});
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.waitFor('there is nothing to undo', 8000);
		expect(currentScreen(r.state()).name).toBe('history');
		await r.unmount();

		const dirty: FlowState = {...state, edits: {firstName: 'Typed'}};
		const d = await renderScreen(<HistoryScreen />, {state: dirty, services, client});
		await d.press(KEY.enter);
		expect(d.state().error?.message).toContain('This contact has unsaved edits');
		expect(currentScreen(d.state()).name).toBe('history');
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(0);
		await d.unmount();
	});

	it('says when there is no entry yet; words for each status', async () => {
		const sandbox = getSandbox();
		const client = testClient(sandboxCredentials(sandbox));
		const state = flowReducer(await atCard(sandbox, client, sandbox.contacts()[5]!), {type: 'open', screen: {name: 'history'}});
		const r = await renderScreen(<HistoryScreen />, {state, services: makeServices(), client});
		expect(r.frame()).toContain('No journal entries for this contact yet');
		await r.unmount();
		expect(['done', 'failed', 'unknown'].map(status => statusWords({status} as JournalEntry))).toEqual([
			'saved',
			'FAILED',
			'OUTCOME UNKNOWN',
		]);
		const fields = fieldsOf(sandbox.contacts()[5]!);
		expect(changedText({before: fields, after: fields})).toBe('no change');
		const entry = {
			id: 'x',
			time: '2026-11-27T09:30:00.000Z',
			kind: 'undo',
			status: 'unknown',
			before: fields,
			after: {...fields, firstName: 'Q'},
		} as JournalEntry;
		expect(entryRow(entry, false)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}undo {4}OUTCOME UNKNOWN {2}First name$/);
	});
});
