/**
 * Reading the answer of `PUT /contacts/bulk-update`. Kore documents it only as "counts of
 * successful/failed records with per-record results", so nothing about its shape is trusted: a
 * record is 'updated' or 'failed' only when the answer says so without contradiction, and
 * 'unknown' otherwise.
 */
import {sanitize} from '../contact/sanitize.js';
import {isRecord} from '../util.js';
import {scrubSecrets} from './errors.js';
import type {BulkRecordResult} from './types.js';

type Outcome = BulkRecordResult['outcome'];
type Entry = {outcome: Outcome; message?: string};

const UPDATED = new Set(['success', 'successful', 'succeeded', 'updated', 'ok', 'done']);
const FAILED = new Set(['failed', 'failure', 'fail', 'error', 'rejected', 'invalid']);
const MESSAGE_LENGTH = 300;

const NOT_MENTIONED = 'The answer does not say what became of this contact';
const UNREADABLE = 'The answer could not be read, so what became of this contact is unknown';

/** The per-record results in whatever of the plausible places they are: the answer itself, `results`, `records` or `data`. */
export function bulkEntries(json: unknown): unknown[] | undefined {
	if (Array.isArray(json)) return json;
	if (!isRecord(json)) return undefined;
	for (const key of ['results', 'records', 'data']) if (Array.isArray(json[key])) return json[key] as unknown[];
	return undefined;
}

/** One answer per record, in the records' order (ids are unique: the client refuses duplicates before sending). */
export function readBulkAnswer(json: unknown, ids: readonly string[], secrets: readonly string[] = []): BulkRecordResult[] {
	const all = (outcome: Outcome, message: string) => ids.map(id => ({id, outcome, message}));
	if (!isRecord(json) && !Array.isArray(json)) return all('unknown', UNREADABLE);
	const successful = isRecord(json) ? count(json['successful']) : undefined;
	const failed = isRecord(json) ? count(json['failed']) : undefined;
	const entries = bulkEntries(json);

	if (entries && entries.length > 0) {
		const said = new Map<string, Entry[]>();
		for (const raw of entries) {
			if (!isRecord(raw)) continue;
			const id = entryId(raw);
			if (id === undefined) continue;
			said.set(id, [...(said.get(id) ?? []), readEntry(raw, secrets)]);
		}
		const results = ids.map((id): BulkRecordResult => {
			const about = said.get(id);
			if (!about) return {id, outcome: 'unknown', message: NOT_MENTIONED};
			const outcomes = new Set(about.map(e => e.outcome));
			if (outcomes.size > 1) return {id, outcome: 'unknown', message: 'The answer says contradictory things about this contact'};
			const message = about.find(e => e.message)?.message;
			return {id, outcome: about[0]!.outcome, ...(message ? {message} : {})};
		});
		// Counts that cannot hold alongside the per-record results: nothing in the answer is trusted.
		const tally = (outcome: Outcome) => results.filter(r => r.outcome === outcome).length;
		if ((successful !== undefined && tally('updated') > successful) || (failed !== undefined && tally('failed') > failed)) {
			return all('unknown', "The answer's counts contradict its per-record results");
		}
		return results;
	}

	// Counts only: they settle every record only when they cover all of them one way.
	if (successful === ids.length && (failed ?? 0) === 0) return ids.map(id => ({id, outcome: 'updated'}));
	if (failed === ids.length && (successful ?? 0) === 0) {
		return all('failed', 'Kore.ai counted this contact as failed without saying why');
	}
	return all('unknown', successful === undefined && failed === undefined ? UNREADABLE : NOT_MENTIONED);
}

function entryId(entry: Record<string, unknown>): string | undefined {
	for (const value of [
		entry['id'],
		entry['_id'],
		entry['contactId'],
		isRecord(entry['contact']) ? entry['contact']['id'] : undefined,
	]) {
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/** What one result says: every signal it carries must agree, or it says nothing clear. */
function readEntry(entry: Record<string, unknown>, secrets: readonly string[]): Entry {
	const signals = new Set<Outcome>();
	if (typeof entry['success'] === 'boolean') signals.add(entry['success'] ? 'updated' : 'failed');
	if (typeof entry['status'] === 'string') {
		const status = entry['status'].trim().toLowerCase();
		if (UPDATED.has(status)) signals.add('updated');
		else if (FAILED.has(status)) signals.add('failed');
	}
	const message = entryMessage(entry, secrets);
	const errors = entry['errors'];
	if ((Array.isArray(errors) && errors.length > 0) || (entry['error'] !== undefined && entry['error'] !== null))
		signals.add('failed');
	const outcome: Outcome = signals.size === 1 ? [...signals][0]! : 'unknown';
	return {outcome, ...(message ? {message} : {})};
}

function entryMessage(entry: Record<string, unknown>, secrets: readonly string[]): string | undefined {
	const texts: unknown[] = [];
	const errors = entry['errors'];
	if (Array.isArray(errors)) for (const e of errors) texts.push(isRecord(e) ? (e['msg'] ?? e['message']) : e);
	const error = entry['error'];
	texts.push(isRecord(error) ? (error['msg'] ?? error['message']) : error, entry['msg'], entry['message']);
	const clean = texts
		.filter(t => typeof t === 'string' || typeof t === 'number')
		.map(t => scrubSecrets(sanitize(t), secrets).trim())
		.filter(Boolean);
	return clean.length > 0 ? [...new Set(clean)].join('; ').slice(0, MESSAGE_LENGTH) : undefined;
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
