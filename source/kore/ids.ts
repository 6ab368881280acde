/**
 * What a request may carry in its path: a stream ID, a contact ID, a bulk update's records. Checked
 * before anything is sent, so a typed ID can never change the request's path.
 */
import {sanitize} from '../contact/sanitize.js';
import {isRecord} from '../util.js';
import {KoreError} from './errors.js';
import type {BulkRecord} from './types.js';

/** An ID as the request's path will carry it: present, and unable to change the path. */
type IdRules = {
	kind: 'stream' | 'contact-not-found';
	/** "stream", "contact": as in "No stream ID was given". */
	noun: string;
	/** What to do when none was given, and when it would change the path. */
	missingHint: string;
	badHint: string;
};

function checkId(id: string, rules: IdRules): string {
	if (typeof id !== 'string' || !id.trim()) {
		throw new KoreError({kind: rules.kind, what: `No ${rules.noun} ID was given`, hint: rules.missingHint});
	}
	if (movesThePath(id)) {
		throw new KoreError({
			kind: rules.kind,
			what: `'${sanitize(id).slice(0, 80)}' cannot be a ${rules.noun} ID: it would change the request's path (an ID is never '.' or '..' and has no '/' or '\\')`,
			hint: rules.badHint,
		});
	}
	return id;
}

export function checkStream(streamId: string): string {
	return checkId(streamId, {
		kind: 'stream',
		noun: 'stream',
		missingHint: 'Type the stream (bot) ID, e.g. st-...',
		badHint: 'Type the stream (bot) ID from the app settings page, e.g. st-...',
	});
}

export function checkContactId(contactId: string): string {
	return checkId(contactId, {
		kind: 'contact-not-found',
		noun: 'contact',
		missingHint: 'Type the contact ID, or browse the list',
		badHint: 'Type the contact ID as Kore.ai shows it, or browse the list',
	});
}

/** The records' IDs, each a usable contact ID and none twice (one answer per ID could not tell two records apart). */
export function checkBulkRecords(records: readonly BulkRecord[]): string[] {
	if (!Array.isArray(records)) {
		throw new KoreError({
			kind: 'validation',
			what: 'A bulk update needs a list of records',
			hint: 'Pass an array of {id, ...fields}',
		});
	}
	const seen = new Set<string>();
	return records.map((record, index) => {
		const id = checkContactId(isRecord(record) ? (record.id as string) : '');
		if (!isRecord(record.cellPhone)) {
			throw new KoreError({
				kind: 'validation',
				what: `Record #${index + 1} (contact ${sanitize(id).slice(0, 80)}) has no cellPhone`,
				hint: 'Every record carries all the fields (bulkRecordOf builds one): send the current phone to keep it',
			});
		}
		if (seen.has(id)) {
			throw new KoreError({
				kind: 'validation',
				what: `Contact ${sanitize(id).slice(0, 80)} appears twice in one bulk update (record #${index + 1})`,
				hint: 'Merge its changes into one record, or send them in separate chunks',
			});
		}
		seen.add(id);
		return id;
	});
}

/** '.' and '..' survive encodeURIComponent and are resolved by URL parsing; '/' and '\\' a server may decode. */
function movesThePath(id: string): boolean {
	const trimmed = id.trim();
	return trimmed === '.' || trimmed === '..' || /[/\\]/.test(id);
}
