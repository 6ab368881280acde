/**
 * Many contacts in one reviewed batch, built on the pieces of the single write (core/write.ts):
 * prepareUpdate for each contact, a lock per contact, the re-read and conflict check
 * (checkFresh), the journal entry fsynced before its chunk leaves, a verification read, recents.
 * The contacts are read page by page (each page once) instead of one search per contact, and sent
 * in chunks to `PUT /contacts/bulk-update`. Returns typed outcomes; never prints.
 *
 * planBatch reads and prepares (the preview); runBatch sends. A batch is described by its
 * BatchRecord (store/batches.ts) so `--resume` and `undo --batch` go through the same two steps.
 */
import type {Contact, ContactFields, FieldName} from '../contact/contact.js';
import {diffFields, verifyStored, type FieldChange} from '../contact/diff.js';
import {buildEditsFrom} from '../contact/edits.js';
import {FIELD_LABELS, fieldsOf} from '../contact/fields.js';
import {sanitize} from '../contact/sanitize.js';
import {describeError, isKoreError} from '../kore/errors.js';
import type {BulkRecord, BulkRecordResult, KoreClient} from '../kore/types.js';
import type {BatchItem, BatchRecord} from '../store/batches.js';
import {acquireLock, type HeldLock} from '../store/lock.js';
import type {Journal, JournalEntry, JournalOutcome} from '../store/types.js';
import {errorReason, withStop} from '../util.js';
import {COLUMN_OF} from './bulk-rows.js';
import {checkFresh, touchesSame} from './conflict.js';
import {prepareUpdate, type PreparedUpdate} from './prepare.js';
import {restoredFields} from './undo.js';
import {pendingEntry} from './write.js';
import {rememberRecent} from './recents.js';
import type {Store} from '../store/types.js';

/** The list is read this many contacts a page (the most the server grants). */
export const PAGE_SIZE = 50;
export const DEFAULT_CHUNK = 50;

export type BulkOutcomeName = 'saved' | 'failed' | 'unknown' | 'conflict' | 'skipped';

export type PlannedItem = BatchItem & {
	/** send: `update` goes out; skipped: nothing to change or saved before; invalid: a row error; conflict: see `theirs`. */
	status: 'send' | 'skipped' | 'invalid' | 'conflict';
	update?: PreparedUpdate;
	/** The skip of the list page the contact was read from. */
	skip?: number;
	message?: string;
	theirs?: FieldChange[];
	/** An earlier entry of this batch with an unknown outcome that the contact shows arrived: complete it as done. */
	arrivedEntry?: string;
};

export type BulkPlan = {batch: BatchRecord; items: PlannedItem[]; listRequests: number};

export type BulkResult = {
	contactId: string;
	row?: number;
	outcome: BulkOutcomeName;
	message?: string;
	journalId?: string;
	undoOf?: string;
	/** The fields as they were and as sent (for the report), when something was prepared. */
	update?: PreparedUpdate;
};

export type BulkProgress = {done: number; total: number; requestsLeft: number};

export type PlanRequest = {
	client: KoreClient;
	batch: BatchRecord;
	/** The journal's entries (newest first): for `--resume` and undo items. */
	entries: JournalEntry[];
	/** Resuming: contacts this batch saved are skipped, unknown ones are checked against the contact. */
	resume?: boolean;
	signal?: AbortSignal;
	/** Pages read so far while looking the contacts up. */
	onPage?: (pages: number, total?: number) => void;
};

/** Reads the contacts (each list page at most once) and prepares every item. */
export async function planBatch(request: PlanRequest): Promise<BulkPlan> {
	const {client, batch, entries} = request;
	const ofBatch = entries.filter(entry => entry.batch === batch.id);
	/** The newest entry of this batch for a contact. */
	const latest = (contactId: string) => ofBatch.find(entry => entry.contactId === contactId);

	const items: PlannedItem[] = batch.items.map(item => ({...item, status: 'send'}));
	const toRead = new Set<string>();
	for (const item of items) {
		const done = request.resume ? latest(item.contactId) : undefined;
		if (done?.status === 'done') {
			item.status = 'skipped';
			item.message = `saved earlier in this batch (entry ${done.id})`;
		} else {
			toRead.add(item.contactId);
		}
	}

	const found = new Map<string, {contact: Contact; skip: number}>();
	let listRequests = 0;
	if (toRead.size > 0) {
		const result = await client.searchContacts(batch.streamId, contact => toRead.has(String(contact.id)), {
			limit: toRead.size,
			...(request.signal ? {signal: request.signal} : {}),
			onPage(page) {
				listRequests = page.pages;
				for (const contact of page.matches) found.set(String(contact.id), {contact, skip: page.skip});
				request.onPage?.(page.pages, page.total === undefined ? undefined : Math.ceil(page.total / PAGE_SIZE));
			},
		});
		listRequests = result.pages;
	}

	for (const item of items) {
		if (item.status !== 'send') continue;
		const seen = found.get(item.contactId);
		const where = item.row === undefined ? '' : `row ${item.row}: `;
		if (!seen) {
			item.status = 'invalid';
			item.message = `${where}no contact with ID ${sanitize(item.contactId)} in stream ${sanitize(batch.streamId)}`;
			continue;
		}
		item.skip = seen.skip;
		const earlier = request.resume ? latest(item.contactId) : undefined;
		if (earlier?.status === 'unknown') {
			const arrived = holds(seen.contact, earlier.after, earlier);
			if (arrived) {
				item.status = 'skipped';
				item.arrivedEntry = earlier.id;
				item.message = `saved earlier in this batch: the contact holds the values of entry ${earlier.id}, so it is not sent again`;
				continue;
			}
			if (!holds(seen.contact, earlier.before, earlier)) {
				item.status = 'conflict';
				item.theirs = diffFields(earlier.before, fieldsOf(seen.contact)).filter(row => row.changed);
				item.message = `${where}entry ${earlier.id} had no answer and the contact now holds neither its old nor its new values: check it`;
				continue;
			}
		}
		prepareItem(item, seen.contact, batch, entries, where);
	}

	return {batch, items, listRequests};
}

/** The contact holds `values` in every field the entry changed. */
function holds(contact: Contact, values: ContactFields, entry: Pick<JournalEntry, 'before' | 'after'>): boolean {
	const now = fieldsOf(contact);
	return restoredFields(entry).every(field => now[field] === values[field]);
}

function prepareItem(item: PlannedItem, current: Contact, batch: BatchRecord, entries: JournalEntry[], where: string): void {
	let edits: Partial<ContactFields>;
	if (item.undoOf !== undefined) {
		const entry = entries.find(e => e.id === item.undoOf);
		if (!entry) {
			item.status = 'invalid';
			item.message = `entry ${sanitize(item.undoOf)} is no longer in the change journal`;
			return;
		}
		const restore = restoredFields(entry);
		if (entry.status === 'unknown' && holds(current, entry.before, entry)) {
			item.status = 'skipped';
			item.message = `entry ${entry.id} had no answer and never took effect: nothing to put back`;
			return;
		}
		const theirs = diffFields(entry.after, fieldsOf(current)).filter(row => row.changed);
		if (touchesSame(theirs, restore)) {
			item.status = 'conflict';
			item.theirs = theirs;
			item.message = `changed since entry ${entry.id} (${theirs.map(c => c.label).join(', ')}): not put back`;
			return;
		}
		edits = {};
		for (const field of restore) edits[field] = entry.before[field];
	} else {
		const built = buildEditsFrom(item.input ?? {}, fieldsOf(current), 'the countryCode column');
		if (!built.ok) {
			item.status = 'invalid';
			item.message = fieldMessages(where, built.errors);
			return;
		}
		edits = built.edits;
	}

	const prepared = prepareUpdate({streamId: batch.streamId, loaded: current, edits});
	if (!prepared.ok) {
		item.status = 'invalid';
		item.message = fieldMessages(where, prepared.errors);
		return;
	}
	item.update = prepared.update;
	if (prepared.update.changes.length === 0) {
		item.status = 'skipped';
		item.message =
			item.undoOf === undefined ? 'unchanged: the contact already holds these values' : 'already holds the earlier values';
	}
}

function fieldMessages(where: string, errors: Partial<Record<FieldName, string>>): string {
	return (Object.entries(errors) as Array<[FieldName, string]>)
		.map(([field, message]) => `${where}${COLUMN_OF[field]}: ${message}`)
		.join('\n');
}

export type RunRequest = {
	client: KoreClient;
	plan: BulkPlan;
	journal: Journal;
	/** The settings folder (locks/ lives there). */
	dir: string;
	accountId: string;
	profile?: string;
	store?: Store;
	chunkSize?: number;
	signal?: AbortSignal;
	onProgress?: (progress: BulkProgress) => void;
	lockWaitMs?: number;
};

/** List requests + PUTs still to come for `items` in chunks: per chunk its pages read twice (check, verify) and one PUT. */
export function requestsFor(items: PlannedItem[], chunkSize: number): number {
	let requests = 0;
	for (let start = 0; start < items.length; start += chunkSize) {
		const pages = new Set(items.slice(start, start + chunkSize).map(item => item.skip));
		requests += pages.size * 2 + 1;
	}
	return requests;
}

/** Sends the items planned as 'send', chunk by chunk; every item of the plan gets one result. */
export async function runBatch(request: RunRequest): Promise<BulkResult[]> {
	const {plan, journal, signal} = request;
	const {batch} = plan;
	const chunkSize = Math.max(1, Math.floor(request.chunkSize ?? DEFAULT_CHUNK));
	const results = new Map<PlannedItem, BulkResult>();
	const base = (item: PlannedItem): Omit<BulkResult, 'outcome'> => ({
		contactId: item.contactId,
		...(item.row === undefined ? {} : {row: item.row}),
		...(item.undoOf === undefined ? {} : {undoOf: item.undoOf}),
		...(item.update ? {update: item.update} : {}),
	});
	const finish = (item: PlannedItem, outcome: BulkOutcomeName, message?: string, journalId?: string) =>
		results.set(item, {
			...base(item),
			outcome,
			...(message === undefined ? {} : {message}),
			...(journalId === undefined ? {} : {journalId}),
		});
	const complete = (id: string, outcome: JournalOutcome, warnings: string[]) => {
		try {
			journal.complete(id, outcome);
		} catch (error) {
			warnings.push(`the outcome could not be written to the change journal (${errorReason(error)})`);
		}
	};

	for (const item of plan.items) {
		if (item.status === 'skipped') {
			if (item.arrivedEntry) complete(item.arrivedEntry, {status: 'done'}, []);
			finish(item, 'skipped', item.message);
		} else if (item.status === 'conflict') finish(item, 'conflict', item.message);
		else if (item.status === 'invalid') finish(item, 'skipped', `invalid, skipped: ${item.message ?? ''}`);
	}

	const sending = plan.items.filter(item => item.status === 'send');
	let stopped: string | undefined;
	let done = 0;
	for (let start = 0; start < sending.length; start += chunkSize) {
		const chunk = sending.slice(start, start + chunkSize);
		if (!stopped && signal?.aborted) stopped = 'interrupted (Ctrl+C) before this chunk';
		if (stopped) {
			for (const item of chunk)
				finish(item, 'skipped', `not sent: ${stopped}; resume with kore-contacts bulk --resume ${batch.id}`);
			continue;
		}
		stopped = await sendChunk(request, chunk, finish, complete);
		done += chunk.length;
		request.onProgress?.({done, total: sending.length, requestsLeft: requestsFor(sending.slice(start + chunkSize), chunkSize)});
	}

	rememberRecent(request.store, request.profile, batch.streamId);
	return plan.items.map(item => results.get(item) ?? {...base(item), outcome: 'skipped', message: 'not sent'});
}

type Finish = (item: PlannedItem, outcome: BulkOutcomeName, message?: string, journalId?: string) => void;
type Complete = (id: string, outcome: JournalOutcome, warnings: string[]) => void;

/** One chunk: locks, fresh read and conflict check, journal, PUT, verification read. Returns why the batch must stop, if it must. */
async function sendChunk(
	request: RunRequest,
	chunk: PlannedItem[],
	finish: Finish,
	complete: Complete,
): Promise<string | undefined> {
	const {client, plan, journal, signal} = request;
	const {batch} = plan;
	const locks: HeldLock[] = [];
	try {
		const locked: PlannedItem[] = [];
		for (const item of chunk) {
			try {
				locks.push(
					await acquireLock(
						request.dir,
						{host: client.baseUrl, accountId: request.accountId, streamId: batch.streamId, contactId: item.contactId},
						{...(signal ? {signal} : {}), ...(request.lockWaitMs === undefined ? {} : {waitMs: request.lockWaitMs})},
					),
				);
				locked.push(item);
			} catch (error) {
				if (signal?.aborted) {
					for (const rest of chunk.filter(i => !locked.includes(i))) finish(rest, 'skipped', 'not sent: interrupted (Ctrl+C)');
					return 'interrupted (Ctrl+C)';
				}
				finish(item, 'failed', `Nothing was sent: ${errorReason(error)}`);
			}
		}

		let fresh: Map<PlannedItem, Contact>;
		try {
			fresh = await readItems(client, batch.streamId, locked, signal);
		} catch (error) {
			const why = signal?.aborted ? 'interrupted (Ctrl+C)' : `the contacts could not be read again (${describeError(error)})`;
			for (const item of locked) finish(item, signal?.aborted ? 'skipped' : 'failed', `Nothing was sent: ${why}`);
			return why;
		}

		const outgoing: Array<{item: PlannedItem; update: PreparedUpdate; journalId: string}> = [];
		for (const [index, item] of locked.entries()) {
			const current = fresh.get(item);
			if (!current) {
				finish(item, 'failed', 'Nothing was sent: the contact is no longer in the list');
				continue;
			}
			const check = checkFresh(item.update!, current);
			if (check.kind === 'conflict') {
				item.theirs = check.theirs;
				finish(
					item,
					'conflict',
					`Nothing was sent: changed by someone else after it was read (${check.theirs.map(c => c.label).join(', ')})`,
				);
				continue;
			}
			if (check.kind === 'rebuilt') item.update = check.update;
			const update = item.update!;
			let journalId: string;
			try {
				journalId = journal.begin(
					pendingEntry(update, {
						profile: request.profile,
						host: client.baseUrl,
						kind: batch.kind,
						undoOf: item.undoOf,
						batch: batch.id,
					}),
				);
			} catch (error) {
				const why = `the change journal ${journal.path} could not be written (${errorReason(error)})`;
				for (const pending of outgoing) {
					complete(pending.journalId, {status: 'failed', error: 'not sent: the journal failed'}, []);
					finish(pending.item, 'failed', `Nothing was sent: ${why}`, pending.journalId);
				}
				for (const rest of locked.slice(index)) finish(rest, 'failed', `Nothing was sent: ${why}`);
				return why;
			}
			outgoing.push({item, update, journalId});
		}
		if (outgoing.length === 0) return undefined;

		const records: BulkRecord[] = outgoing.map(({update}) => ({id: update.contactId, ...update.body}));
		let answers: BulkRecordResult[];
		try {
			answers = await client.bulkUpdate(batch.streamId, records, signal ? {signal} : {});
		} catch (error) {
			const unknown = !isKoreError(error) || error.outcomeUnknown;
			const message = isKoreError(error) ? error.message : errorReason(error);
			for (const {item, journalId} of outgoing) {
				complete(
					journalId,
					{
						status: unknown ? 'unknown' : 'failed',
						...(isKoreError(error) && error.status !== undefined ? {httpStatus: error.status} : {}),
						error: message,
					},
					[],
				);
				finish(
					item,
					unknown ? 'unknown' : 'failed',
					unknown
						? `OUTCOME UNKNOWN: ${withStop(isKoreError(error) ? error.summary : describeError(error))} kore-contacts bulk --resume ${batch.id} reads it again before sending`
						: `Not saved: ${describeError(error)}`,
					journalId,
				);
			}
			// No answer: the server may be struggling; the rest waits for --resume.
			return unknown ? `chunk ${outgoingLabel(outgoing.length)} got no answer` : undefined;
		}

		const answerOf = new Map<string, BulkRecordResult>();
		for (const answer of Array.isArray(answers) ? answers : []) {
			if (answer && typeof answer.id === 'string' && !answerOf.has(answer.id)) answerOf.set(answer.id, answer);
		}

		let after: Map<PlannedItem, Contact> | undefined;
		let readError: string | undefined;
		try {
			after = await readItems(
				client,
				batch.streamId,
				outgoing.map(o => o.item),
				signal,
			);
		} catch (error) {
			readError = describeError(error);
		}

		for (const {item, update, journalId} of outgoing) {
			const answer = answerOf.get(update.contactId);
			const said = answer?.outcome ?? 'unknown';
			const serverText = answer?.message ? sanitize(answer.message) : undefined;
			const now = after?.get(item);
			const matches = now ? verifyStored(update.body, now) : undefined;
			if (matches?.ok) {
				complete(journalId, {status: 'done', httpStatus: 200, ...updatedAt(now)}, []);
				finish(
					item,
					'saved',
					said === 'updated' ? undefined : `verified by reading it back (the answer said ${said})`,
					journalId,
				);
			} else if (said === 'updated' && !now) {
				complete(journalId, {status: 'done', httpStatus: 200}, []);
				finish(item, 'saved', `not verified: reading it back failed (${readError ?? 'not in the list'})`, journalId);
			} else if (said === 'updated') {
				complete(journalId, {status: 'done', httpStatus: 200}, []);
				const fields = matches!.mismatches.map(m => `${m.label} sent "${sanitize(m.before)}", stored "${sanitize(m.after)}"`);
				finish(item, 'failed', `Kore.ai answered updated but holds other values: ${fields.join('; ')}`, journalId);
			} else if (said === 'failed') {
				complete(journalId, {status: 'failed', error: serverText ?? 'failed'}, []);
				finish(item, 'failed', `Not saved: ${serverText ?? 'Kore.ai reported this record as failed'}`, journalId);
			} else {
				complete(journalId, {status: 'unknown', error: serverText ?? 'no answer for this record'}, []);
				finish(
					item,
					'unknown',
					`OUTCOME UNKNOWN: ${serverText ?? 'the answer said nothing about this record'}${now ? '' : ` and reading it back failed`}; kore-contacts bulk --resume ${batch.id} checks it`,
					journalId,
				);
			}
		}
		return undefined;
	} finally {
		for (const lock of locks) lock.release();
	}
}

function outgoingLabel(count: number): string {
	return `of ${count} contact${count === 1 ? '' : 's'}`;
}

function updatedAt(contact: Contact | undefined): {updatedAt?: string} {
	const value = contact?.updatedAt;
	return value === undefined || value === null ? {} : {updatedAt: String(value)};
}

/**
 * The items' contacts fresh from the server: each page they were seen on is read once; a contact
 * that moved off its page is looked up on its own (rereadContact searches outward).
 */
async function readItems(
	client: KoreClient,
	streamId: string,
	items: PlannedItem[],
	signal: AbortSignal | undefined,
): Promise<Map<PlannedItem, Contact>> {
	const result = new Map<PlannedItem, Contact>();
	const skips = [...new Set(items.map(item => item.skip ?? 0))].sort((a, b) => a - b);
	const byId = new Map<string, Contact>();
	for (const skip of skips) {
		const page = await client.listContacts(streamId, {skip, limit: PAGE_SIZE}, signal ? {signal} : {});
		for (const contact of page.results) byId.set(String(contact.id), contact);
	}
	for (const item of items) {
		let contact = byId.get(item.contactId);
		if (!contact) {
			try {
				const found = await client.rereadContact(streamId, item.contactId, signal ? {signal} : {});
				contact = found.contact;
				item.skip = found.skip;
			} catch (error) {
				if (signal?.aborted) throw error;
				continue;
			}
		}
		result.set(item, contact);
	}
	return result;
}

/** Counts per outcome, for the summary line and --json. */
export function countOutcomes(results: BulkResult[]): Record<BulkOutcomeName, number> {
	const counts: Record<BulkOutcomeName, number> = {saved: 0, failed: 0, unknown: 0, conflict: 0, skipped: 0};
	for (const result of results) counts[result.outcome]++;
	return counts;
}

/** The labels of a result's changed fields ("Last name, Phone number"). */
export function changedLabelsOf(update: PreparedUpdate | undefined): string {
	return update ? update.changes.map(change => FIELD_LABELS[change.field]).join(', ') : '';
}
