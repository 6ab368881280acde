import type {Contact, UpdateBody} from '../contact/contact.js';
import type {FieldChange} from '../contact/diff.js';
import {FIELD_LABELS, FIELD_NAMES, fieldsOf} from '../contact/fields.js';
import {reveal, sanitize} from '../contact/sanitize.js';
import type {Style} from './color.js';
import {toSafeJson} from './json.js';
import {displayWidth, padTo} from './text.js';

const EMPTY = '(empty)';
const LABEL_WIDTH = Math.max(...Object.values(FIELD_LABELS).map(label => label.length), 'Updated at'.length);

function show(value: string, style: Style): string {
	const clean = sanitize(value);
	return clean === '' ? style.dim(EMPTY) : clean;
}

/** The field card of `get` and of the stored result after an update. */
export function renderCard(contact: Contact, style: Style): string[] {
	const fields = fieldsOf(contact);
	const row = (label: string, value: string) => `  ${padTo(label, LABEL_WIDTH)}  ${value}`;
	const lines = [`${style.bold('Contact')} ${sanitize(contact.id)}`];
	for (const name of FIELD_NAMES) lines.push(row(FIELD_LABELS[name], show(fields[name], style)));
	lines.push(row('Full name', show(sanitize(contact.fullName), style)));
	if (contact.status !== undefined && contact.status !== null) lines.push(row('Status', show(sanitize(contact.status), style)));
	if (contact.createdAt) lines.push(row('Created at', sanitize(contact.createdAt)));
	if (contact.updatedAt) lines.push(row('Updated at', sanitize(contact.updatedAt)));
	return lines;
}

/**
 * The diff as aligned rows: marker, field, before -> after. Changed rows are marked '~' (and
 * coloured when colour is on), so the table reads the same without colour. When a value is too
 * long for one line at this width, every row is shown stacked (before and after on their own lines).
 * Hidden characters (escape sequences, control and bidi characters) are drawn visibly (`reveal`),
 * so removing them shows as a change, not as "Mallory -> Mallory".
 */
export function renderDiff(rows: FieldChange[], style: Style, width: number): string[] {
	const values = rows.map(row => ({row, before: reveal(row.before), after: reveal(row.after)}));
	const shown = (v: string) => (v === '' ? EMPTY : v);
	const beforeWidth = Math.max('Before'.length, ...values.map(v => displayWidth(shown(v.before))));
	const afterWidth = Math.max('After'.length, ...values.map(v => displayWidth(shown(v.after))));
	const total = 2 + LABEL_WIDTH + 2 + beforeWidth + 4 + afterWidth;
	const mark = (changed: boolean) => (changed ? style.yellow('~') : ' ');
	const paint = (v: string, changed: boolean, side: 'before' | 'after') => {
		if (v === '') return style.dim(EMPTY);
		if (!changed) return v;
		return side === 'after' ? style.green(v) : style.red(v);
	};

	if (total <= width) {
		const lines = [style.dim(`  ${padTo('Field', LABEL_WIDTH)}  ${padTo('Before', beforeWidth)}     After`)];
		for (const {row, before, after} of values) {
			const left = paint(before, row.changed, 'before');
			const pad = ' '.repeat(Math.max(0, beforeWidth - displayWidth(shown(before))));
			const arrow = row.changed ? '->' : '  ';
			lines.push(
				`${mark(row.changed)} ${padTo(row.label, LABEL_WIDTH)}  ${left}${pad}  ${arrow}${row.changed ? ` ${paint(after, true, 'after')}` : ''}`.trimEnd(),
			);
		}
		return lines;
	}

	const lines: string[] = [];
	for (const {row, before, after} of values) {
		if (row.changed) {
			lines.push(`${mark(true)} ${row.label}`);
			lines.push(`      before: ${paint(before, true, 'before')}`);
			lines.push(`      after:  ${paint(after, true, 'after')}`);
		} else {
			lines.push(`  ${row.label}: ${paint(before, false, 'before')}`);
		}
	}
	return lines;
}

/** The exact body, pretty JSON, safe for a terminal. */
export function renderBody(body: UpdateBody): string[] {
	return toSafeJson(body).split('\n');
}

/** "First name, Phone number" */
export function changedLabels(changes: FieldChange[]): string {
	return changes.map(change => change.label).join(', ');
}
