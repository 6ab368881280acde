import {sanitize} from '../contact/sanitize.js';
import {FIELD_NAMES} from '../contact/fields.js';
import type {FieldName} from '../contact/contact.js';
import type {JournalEntry} from '../store/types.js';
import {renderTable, type Column} from './table.js';
import {displayWidth} from './text.js';

/** Short field names for the "Changed" column. */
export const SHORT_FIELD_NAMES: Record<FieldName, string> = {
	firstName: 'first',
	lastName: 'last',
	salutation: 'salutation',
	countryCode: 'country',
	phoneNumber: 'phone',
	extension: 'ext',
};

/** "done", "failed 412" or "OUTCOME UNKNOWN" (words, so it reads without colour). */
export function statusWords(entry: Pick<JournalEntry, 'status' | 'httpStatus'>): string {
	if (entry.status === 'done') return 'done';
	if (entry.status === 'failed') return entry.httpStatus === undefined ? 'failed' : `failed ${entry.httpStatus}`;
	return 'OUTCOME UNKNOWN';
}

/** The names of the fields an entry changed, e.g. "first, phone" ("-" when none). */
export function changedNames(entry: Pick<JournalEntry, 'before' | 'after'>): string {
	const names = FIELD_NAMES.filter(field => String(entry.before?.[field] ?? '') !== String(entry.after?.[field] ?? '')).map(
		field => SHORT_FIELD_NAMES[field],
	);
	return names.length === 0 ? '-' : names.join(', ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, short: "11-27 14:05" within the current year, else "2025-11-27 14:05". */
export function shortTime(iso: string, now = new Date()): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return sanitize(iso).slice(0, 16);
	const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
	return date.getFullYear() === now.getFullYear() ? day : `${date.getFullYear()}-${day}`;
}

/**
 * The history table: time, entry ID (its unique prefix), kind, status, contact, changed fields,
 * user@host. Aligned and no wider than `width`: the contact, the fields and the user columns give
 * up width first (cut with '…'); when even that is not enough, the user column is left out (it is
 * in --json). Every cell is sanitised (the journal holds server strings).
 */
export function renderHistory(
	entries: JournalEntry[],
	options: {width: number; prefixes?: Map<string, string>; now?: Date},
): string[] {
	const rows = entries.map(entry => [
		shortTime(entry.time, options.now),
		sanitize(options.prefixes?.get(entry.id) ?? entry.id.slice(0, 10)),
		entry.kind === 'undo' ? 'undo' : 'update',
		statusWords(entry),
		sanitize(entry.contactId),
		changedNames(entry),
		sanitize([entry.user, entry.hostname].filter(Boolean).join('@')),
	]);
	const columns: Column[] = [
		{header: 'Time'},
		{header: 'ID'},
		{header: 'Kind'},
		{header: 'Status'},
		{header: 'Contact', min: 9, shrink: 1},
		{header: 'Changed', min: 7, shrink: 2},
		{header: 'By', min: 5, shrink: 3},
	];
	const natural = columns.map((column, i) =>
		Math.max(displayWidth(column.header), ...rows.map(row => displayWidth(row[i] ?? ''))),
	);
	const least = natural.reduce((sum, w, i) => sum + Math.min(w, columns[i]!.min ?? w), 0) + 2 * (columns.length - 1);
	if (least > options.width) {
		columns.pop();
		for (const row of rows) row.pop();
	}
	return renderTable(columns, rows, options.width);
}
