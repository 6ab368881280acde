import {sanitize} from '../contact/sanitize.js';
import {FIELD_NAMES} from '../contact/fields.js';
import type {FieldName} from '../contact/contact.js';
import type {JournalEntry} from '../store/types.js';
import {renderTable, type Column} from './table.js';
import {displayWidth} from './text.js';

/** Short field names for the "Changed" column (abbreviated, never cut). */
export const SHORT_FIELD_NAMES: Record<FieldName, string> = {
	firstName: 'first',
	lastName: 'last',
	salutation: 'salut.',
	countryCode: 'cc',
	phoneNumber: 'phone',
	extension: 'ext',
};

/**
 * "done" ("done (checked)" when a later read found it arrived), "failed 412" or "OUTCOME UNKNOWN"
 * (words, so it reads without colour); with
 * `undone`, ", undone" is added (a later undo of this entry succeeded).
 */
export function statusWords(entry: Pick<JournalEntry, 'status' | 'httpStatus' | 'checked'>, undone = false): string {
	const words =
		entry.status === 'done'
			? entry.checked
				? 'done (checked)'
				: 'done'
			: entry.status === 'failed'
				? entry.httpStatus === undefined
					? 'failed'
					: `failed ${entry.httpStatus}`
				: 'OUTCOME UNKNOWN';
	return undone ? `${words}, undone` : words;
}

/** The short names of the fields an entry changed, in FIELD_NAMES order. */
export function changedFieldNames(entry: Pick<JournalEntry, 'before' | 'after'>): string[] {
	return FIELD_NAMES.filter(field => String(entry.before?.[field] ?? '') !== String(entry.after?.[field] ?? '')).map(
		field => SHORT_FIELD_NAMES[field],
	);
}

/** The names of the fields an entry changed, e.g. "first, phone" ("-" when none). */
export function changedNames(entry: Pick<JournalEntry, 'before' | 'after'>): string {
	const names = changedFieldNames(entry);
	return names.length === 0 ? '-' : names.join(', ');
}

/**
 * The changed field names in at most `width` columns, never cutting a name: "first, last, phone",
 * else "first,last,phone", else as many as fit and how many more ("first,last +1", "first +2"),
 * else the count alone ("+3"). '-' when none.
 */
export function fitFieldNames(names: string[], width: number): string {
	if (names.length === 0) return '-';
	for (const separator of [', ', ',']) {
		const all = names.join(separator);
		if (displayWidth(all) <= width) return all;
	}
	for (let shown = names.length - 1; shown >= 1; shown--) {
		const text = `${names.slice(0, shown).join(',')} +${names.length - shown}`;
		if (displayWidth(text) <= width) return text;
	}
	return `+${names.length}`;
}

/** The IDs of the entries a finished undo (among `entries`) has undone. */
export function undoneIds(entries: JournalEntry[]): Set<string> {
	return new Set(
		entries.filter(e => e.kind === 'undo' && e.status === 'done' && e.undoOf !== undefined).map(e => e.undoOf as string),
	);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, short: "11-27 14:05" within the current year, else "2025-11-27 14:05". */
export function shortTime(iso: string, now = new Date()): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return sanitize(iso).slice(0, 16);
	const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
	return date.getFullYear() === now.getFullYear() ? day : `${date.getFullYear()}-${day}`;
}

const GAP = 2;
/** The user@host column is kept only when it can be at least this wide (else left out: it is in --json). */
const BY_MIN = 10;
/** The contact ID (24 characters) is cut to no fewer than CONTACT_FLOOR columns before the fields give up more. */
const CONTACT_FLOOR = 16;
/** The fields column keeps this much ("first, phone") before the contact ID is cut. */
const CHANGED_KEEP = 12;

/**
 * The history table: time, entry ID (its unique prefix), kind, status, contact, changed fields,
 * user@host. Aligned and no wider than `width`. When it does not fit, in this order: the user
 * column narrows to BY_MIN and is then left out (it is in --json); the field names lose the space
 * after their commas; the fields column narrows to CHANGED_KEEP, the contact ID to CONTACT_FLOOR,
 * then both further (the contact cut with '…', the fields shown as "first +2"). Time, ID, kind and status are never cut. `undone` holds the IDs
 * of entries undone since (default: worked out from `entries`; pass it when `entries` is filtered).
 * Every cell is sanitised (the journal holds server strings).
 */
export function renderHistory(
	entries: JournalEntry[],
	options: {width: number; prefixes?: Map<string, string>; now?: Date; undone?: ReadonlySet<string>},
): string[] {
	const undone = options.undone ?? undoneIds(entries);
	const fields = entries.map(changedFieldNames);
	const rows = entries.map((entry, i) => [
		shortTime(entry.time, options.now),
		sanitize(options.prefixes?.get(entry.id) ?? entry.id.slice(0, 10)),
		entry.kind === 'undo' ? 'undo' : 'update',
		statusWords(entry, undone.has(entry.id)),
		sanitize(entry.contactId),
		fields[i]!.length === 0 ? '-' : fields[i]!.join(', '),
		sanitize([entry.user, entry.hostname].filter(Boolean).join('@')),
	]);
	const headers = ['Time', 'ID', 'Kind', 'Status', 'Contact', 'Changed', 'By'];
	const natural = headers.map((header, i) => Math.max(displayWidth(header), ...rows.map(row => displayWidth(row[i] ?? ''))));
	const [CONTACT, CHANGED, BY] = [4, 5, 6];
	const fixed = natural.slice(0, 4).reduce((sum, w) => sum + w, 0) + GAP * 4;
	const widths = [...natural];

	// 1. Everything fits, or only the user column has to narrow (but not below BY_MIN).
	const byRoom = options.width - fixed - natural[CONTACT]! - natural[CHANGED]! - GAP * 2;
	const withBy = byRoom >= Math.min(natural[BY]!, BY_MIN);
	if (withBy) widths[BY] = Math.min(natural[BY]!, byRoom);

	if (!withBy) {
		// 2. Without the user column: the contact and the fields share what is left.
		const room = options.width - fixed - GAP;
		if (natural[CONTACT]! + natural[CHANGED]! > room) {
			// Field names without the space after the comma ("first,phone") first.
			widths[CHANGED] = Math.max(displayWidth('Changed'), ...fields.map(names => displayWidth(names.join(',') || '-')));
		}
		const header = displayWidth('Contact');
		const steps: Array<[number, number]> = [
			[CHANGED, Math.min(widths[CHANGED]!, CHANGED_KEEP)],
			[CONTACT, Math.min(widths[CONTACT]!, CONTACT_FLOOR)],
			[CHANGED, header],
			[CONTACT, header],
		];
		for (const [column, floor] of steps) {
			const over = widths[CONTACT]! + widths[CHANGED]! - room;
			if (over <= 0) break;
			widths[column] = Math.max(floor, widths[column]! - over);
		}
	}

	// The field names fit their column whole ("first,salut. +2"), never cut in the middle of a name.
	for (const [i, names] of fields.entries()) rows[i]![CHANGED] = fitFieldNames(names, widths[CHANGED]!);
	// Columns the fitted names left unused go back to the contact ID.
	const changedUsed = Math.max(displayWidth('Changed'), ...rows.map(row => displayWidth(row[CHANGED]!)));
	widths[CONTACT] = Math.min(natural[CONTACT]!, widths[CONTACT]! + widths[CHANGED]! - changedUsed);
	widths[CHANGED] = changedUsed;

	// Cut to the widths worked out above; on a terminal too narrow even for that, renderTable cuts further.
	const columns: Column[] = headers.map((header, i) =>
		i === CONTACT || i === CHANGED ? {header, max: widths[i]!, min: displayWidth(header), shrink: 1} : {header, max: widths[i]!},
	);
	if (!withBy) {
		columns.pop();
		for (const row of rows) row.pop();
	}
	return renderTable(columns, rows, options.width);
}
