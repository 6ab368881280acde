import type {Contact, ContactFields, FieldName} from '../contact/contact.js';
import {diffFields, type FieldChange} from '../contact/diff.js';
import {FIELD_LABELS, FIELD_NAMES, fieldsOf} from '../contact/fields.js';
import {sanitize} from '../contact/sanitize.js';
import type {KoreClient, RequestOptions} from '../kore/types.js';
import type {JournalEntry} from '../store/types.js';
import {prepareUpdate, type PreparedUpdate} from './prepare.js';

export type UndoPreparation =
	| {
			ok: true;
			/** Puts the entry's "before" values back onto the contact as it is now. */
			update: PreparedUpdate;
			current: Contact;
	  }
	| {
			ok: false;
			/** The contact differs from what that write stored: someone (or something) changed it since. */
			reason: 'changed';
			current: Contact;
			/** The fields that differ: `before` = what that write stored, `after` = what the contact holds now. */
			theirs: FieldChange[];
			/** The undo as it would be sent anyway (--force). */
			update: PreparedUpdate;
	  }
	| {
			ok: false;
			/** The entry failed (changed nothing), the contact already holds the "before" values, or they cannot be sent again. */
			reason: 'not-undoable';
			/** One operator sentence. */
			message: string;
			current?: Contact;
			/** True when the contact already holds the "before" values (nothing to send; not an error). */
			alreadyRestored?: boolean;
	  };

/**
 * Prepares the undo of one journal entry: re-reads the contact from the server and, when it still
 * holds what that write stored (the phone compared as the server normalises it: country code +
 * digits), builds the update that puts the entry's "before" values back. Only the fields that
 * write changed are set back; others are sent as they are now, so with --force a colleague's
 * later change to another field is kept.
 *
 * An entry whose outcome is unknown is compared the same way: if the contact holds the "after"
 * values, the write did arrive and is undone; if it holds the "before" values, there is nothing
 * to undo. Throws the client's KoreError when the contact cannot be read (e.g. it was deleted).
 */
export async function prepareUndo(
	client: KoreClient,
	entry: JournalEntry,
	options: RequestOptions = {},
): Promise<UndoPreparation> {
	const id = sanitize(entry.id);
	if (entry.status === 'failed') {
		const http = entry.httpStatus === undefined ? '' : ` (HTTP ${entry.httpStatus})`;
		return {
			ok: false,
			reason: 'not-undoable',
			message: `Entry ${id} failed${http}: that update changed nothing, so there is nothing to undo.`,
		};
	}

	const restore = restoredFields(entry);
	if (restore.length === 0) {
		return {ok: false, reason: 'not-undoable', message: `Entry ${id} changed no field, so there is nothing to undo.`};
	}

	const {contact: current} = await client.rereadContact(entry.streamId, entry.contactId, options);
	const now = fieldsOf(current);

	const edits: Partial<ContactFields> = {};
	for (const field of restore) edits[field] = entry.before[field];
	const prepared = prepareUpdate({streamId: entry.streamId, loaded: current, edits});
	if (!prepared.ok) {
		const problems = (Object.entries(prepared.errors) as Array<[FieldName, string]>)
			.map(([field, message]) => `${FIELD_LABELS[field]}: ${message}`)
			.join(' ');
		return {
			ok: false,
			reason: 'not-undoable',
			message: `Entry ${id} cannot be undone: its earlier values would not be accepted today (${sanitize(problems)}). Change the contact with \`kore-contacts update\` instead.`,
			current,
		};
	}
	const update = prepared.update;

	if (update.changes.length === 0) {
		const why =
			entry.status === 'unknown'
				? 'the contact holds the values from before it, so that update probably never took effect'
				: 'the contact already holds the values from before it';
		return {
			ok: false,
			reason: 'not-undoable',
			message: `Nothing to undo for entry ${id}: ${why}.`,
			current,
			alreadyRestored: true,
		};
	}

	const theirs = diffFields(entry.after, now).filter(row => row.changed);
	if (theirs.length > 0) return {ok: false, reason: 'changed', current, theirs, update};
	return {ok: true, update, current};
}

/** The fields an entry changed (before differs from after), in FIELD_NAMES order. */
export function restoredFields(entry: Pick<JournalEntry, 'before' | 'after'>): FieldName[] {
	return FIELD_NAMES.filter(field => String(entry.before?.[field] ?? '') !== String(entry.after?.[field] ?? ''));
}

/** The finished undo of this entry, if any (newest first). */
export function undoneBy(entries: JournalEntry[], id: string): JournalEntry | undefined {
	return newestFirst(entries).find(e => e.kind === 'undo' && e.undoOf === id && e.status === 'done');
}

/**
 * The entry `kore-contacts undo` (and the editor's undo) picks by default: the newest update
 * that may have changed something (status 'done', or 'unknown': prepareUndo then compares) and
 * that has not been undone already. Undo entries themselves are skipped (so repeated undos walk
 * back through earlier updates); to redo, name the undo entry explicitly.
 */
export function latestUndoable(
	entries: JournalEntry[],
	filter: {host?: string; profile?: string} = {},
): JournalEntry | undefined {
	const sorted = newestFirst(entries);
	const undone = new Set(sorted.filter(e => e.kind === 'undo' && e.status === 'done' && e.undoOf).map(e => e.undoOf));
	return sorted.find(
		entry =>
			entry.kind !== 'undo' &&
			(entry.status === 'done' || entry.status === 'unknown') &&
			!undone.has(entry.id) &&
			(filter.host === undefined || entry.host === filter.host) &&
			(filter.profile === undefined || entry.profile === filter.profile),
	);
}

/** Entry ids sort by time as strings. */
function newestFirst(entries: JournalEntry[]): JournalEntry[] {
	return [...entries].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The shortest prefix shown for an entry id (`undo` accepts any unique prefix of at least MIN_PREFIX_LENGTH). */
export const SHORT_ID_LENGTH = 10;
export const MIN_PREFIX_LENGTH = 4;

/** The first SHORT_ID_LENGTH characters (sanitised). Unique in practice; uniquePrefixes guarantees it for a list. */
export function shortId(id: string): string {
	return sanitize(id).slice(0, SHORT_ID_LENGTH);
}

/** For each id, its shortest prefix of at least SHORT_ID_LENGTH characters that no other id starts with. */
export function uniquePrefixes(ids: string[]): Map<string, string> {
	const sorted = [...new Set(ids)].sort();
	const result = new Map<string, string>();
	for (const [index, id] of sorted.entries()) {
		const common = (other: string | undefined) => {
			if (other === undefined) return 0;
			let n = 0;
			while (n < id.length && n < other.length && id[n] === other[n]) n++;
			return n;
		};
		const length = Math.max(SHORT_ID_LENGTH, common(sorted[index - 1]) + 1, common(sorted[index + 1]) + 1);
		result.set(id, id.slice(0, Math.min(length, id.length)));
	}
	return result;
}

export type EntryLookup =
	| {ok: true; entry: JournalEntry}
	| {ok: false; reason: 'too-short' | 'unknown' | 'ambiguous'; matches: JournalEntry[]};

/** An entry by its full id or a unique prefix (case-insensitive). */
export function findEntry(entries: JournalEntry[], text: string): EntryLookup {
	const wanted = text.trim().toLowerCase();
	const exact = entries.find(e => e.id.toLowerCase() === wanted);
	if (exact) return {ok: true, entry: exact};
	if (wanted.length < MIN_PREFIX_LENGTH) return {ok: false, reason: 'too-short', matches: []};
	const matches = newestFirst(entries.filter(e => e.id.toLowerCase().startsWith(wanted)));
	if (matches.length === 1) return {ok: true, entry: matches[0]!};
	return {ok: false, reason: matches.length === 0 ? 'unknown' : 'ambiguous', matches};
}
