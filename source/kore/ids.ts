/**
 * What a request may carry in its path: a stream ID, a contact ID, a bulk update's records. Checked
 * before anything is sent, so a typed ID can never change the request's path.
 */
import {sanitize} from '../contact/sanitize.js';
import {isRecord} from '../util.js';
import {KoreError} from './errors.js';
import type {BulkRecord} from './types.js';

export function checkStream(streamId: string): string {
	if (typeof streamId !== 'string' || !streamId.trim()) {
		throw new KoreError({kind: 'stream', what: 'No stream ID was given', hint: 'Type the stream (bot) ID, e.g. st-...'});
	}
	if (movesThePath(streamId)) {
		throw new KoreError({
			kind: 'stream',
			what: `'${sanitize(streamId).slice(0, 80)}' cannot be a stream ID: it would change the request's path (an ID is never '.' or '..' and has no '/' or '\\')`,
			hint: 'Type the stream (bot) ID from the app settings page, e.g. st-...',
		});
	}
	return streamId;
}

export function checkContactId(contactId: string): string {
	if (typeof contactId !== 'string' || !contactId.trim()) {
		throw new KoreError({
			kind: 'contact-not-found',
			what: 'No contact ID was given',
			hint: 'Type the contact ID, or browse the list',
		});
	}
	if (movesThePath(contactId)) {
		throw new KoreError({
			kind: 'contact-not-found',
			what: `'${sanitize(contactId).slice(0, 80)}' cannot be a contact ID: it would change the request's path (an ID is never '.' or '..' and has no '/' or '\\')`,
			hint: 'Type the contact ID as Kore.ai shows it, or browse the list',
		});
	}
	return contactId;
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
