/**
 * The rows of a `bulk` file (CSV with a header, or JSON lines), parsed and checked before anything
 * is read from the server. Each row is held to the same field rules as `update` (contact/edits,
 * contact/validate); the rules that need the stored contact (a phone may not be emptied, …) run
 * again in prepareUpdate once it is read. Pure: no I/O.
 */
import {parse} from 'csv-parse/sync';
import type {ContactFields, FieldName} from '../contact/contact.js';
import {buildEditsFrom, type EditInput} from '../contact/edits.js';
import {emptyFields} from '../contact/fields.js';
import {validateCountryCode} from '../contact/phone.js';
import {sanitize} from '../contact/sanitize.js';
import {validateField} from '../contact/validate.js';

/** The columns of a bulk file, in the order the header shows them. */
export const BULK_COLUMNS = ['id', 'firstName', 'lastName', 'salutation', 'phone', 'countryCode'] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

/** One row to apply: the contact and the fields it sets (a blank cell leaves the field as it is). */
export type BulkRow = {row: number; id: string; input: EditInput};

export type RowError = {row: number; id?: string; message: string};

export type ParsedRows = {rows: BulkRow[]; errors: RowError[]};

/** The column a field error is reported under. */
export const COLUMN_OF: Record<FieldName, string> = {
	firstName: 'firstName',
	lastName: 'lastName',
	salutation: 'salutation',
	countryCode: 'countryCode',
	phoneNumber: 'phone',
	extension: 'extension',
};

const EDIT_COLUMNS = BULK_COLUMNS.filter(column => column !== 'id');

/** A bad file as a whole (not one row): unreadable CSV, a wrong header. */
export class BulkFileError extends Error {
	override readonly name = 'BulkFileError';
}

/** JSON lines by the file's extension, else by its first non-blank character. */
export function looksLikeJsonLines(fileName: string, text: string): boolean {
	if (/\.(jsonl|ndjson)$/i.test(fileName)) return true;
	if (/\.csv$/i.test(fileName)) return false;
	return text.trimStart().startsWith('{');
}

export function parseBulkFile(fileName: string, text: string): ParsedRows {
	const raw = looksLikeJsonLines(fileName, text) ? jsonLines(text) : csvRows(text);
	return validateRows(raw);
}

type RawRow = {row: number; cells: Partial<Record<BulkColumn, unknown>>; error?: string};

function csvRows(text: string): RawRow[] {
	let records: Array<{record: string[]; info: {lines: number}}>;
	try {
		records = parse(text.replace(/^\uFEFF/, ''), {
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: false,
		}) as unknown as Array<{record: string[]; info: {lines: number}}>;
	} catch (error) {
		throw new BulkFileError(`The file is not valid CSV: ${sanitize(error instanceof Error ? error.message : String(error))}.`);
	}
	const [header, ...data] = records;
	if (!header) throw new BulkFileError(`The file is empty: start it with the header row ${BULK_COLUMNS.join(',')}.`);
	const names = header.record.map(name => name.trim());
	checkHeader(names);
	return data.map(({record, info}) => {
		const cells: RawRow['cells'] = {};
		for (const [index, name] of names.entries()) cells[name as BulkColumn] = record[index];
		return {
			row: info.lines,
			cells,
			...(record.length > names.length ? {error: `${record.length} cells but the header has ${names.length} columns`} : {}),
		};
	});
}

/** The header must name exactly the six columns (any order): a typo would otherwise drop a field silently. */
function checkHeader(names: string[]): void {
	const known = new Set<string>(BULK_COLUMNS);
	const unknown = names.filter(name => !known.has(name));
	const missing = BULK_COLUMNS.filter(column => !names.includes(column));
	const twice = names.filter((name, index) => names.indexOf(name) !== index);
	const problems = [
		unknown.length > 0
			? `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map(n => `"${sanitize(n)}"`).join(', ')}`
			: '',
		missing.length > 0 ? `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}` : '',
		twice.length > 0 ? `column${twice.length === 1 ? '' : 's'} named twice: ${twice.map(n => sanitize(n)).join(', ')}` : '',
	].filter(Boolean);
	if (problems.length > 0) {
		throw new BulkFileError(
			`The header row has ${problems.join('; ')}: it must be ${BULK_COLUMNS.join(',')} (any order; a blank cell leaves the field as it is).`,
		);
	}
}

function jsonLines(text: string): RawRow[] {
	const rows: RawRow[] = [];
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		if (line.trim() === '') continue;
		const row = index + 1;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			rows.push({row, cells: {}, error: 'not valid JSON: write one object per line, e.g. {"id":"…","lastName":"Doe"}'});
			continue;
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			rows.push({row, cells: {}, error: 'not a JSON object: write one object per line, e.g. {"id":"…","lastName":"Doe"}'});
			continue;
		}
		const known = new Set<string>(BULK_COLUMNS);
		const unknown = Object.keys(value).filter(key => !known.has(key));
		rows.push({
			row,
			cells: value as RawRow['cells'],
			...(unknown.length > 0
				? {
						error: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map(k => `"${sanitize(k)}"`).join(', ')} (allowed: ${BULK_COLUMNS.join(', ')})`,
					}
				: {}),
		});
	}
	return rows;
}

/** A blank cell (or a missing / null JSON value) leaves the field as it is. */
function cellText(value: unknown): string | undefined | {bad: string} {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return {bad: `is ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}, not text`};
	return value.trim() === '' ? undefined : value;
}

function validateRows(raw: RawRow[]): ParsedRows {
	const rows: BulkRow[] = [];
	const errors: RowError[] = [];
	const firstRowOf = new Map<string, number>();
	if (raw.length === 0) errors.push({row: 1, message: 'the file has no rows after the header: nothing to do'});
	for (const {row, cells, error} of raw) {
		const fail = (message: string, id?: string) => errors.push({row, ...(id === undefined ? {} : {id}), message});
		if (error) {
			fail(error);
			continue;
		}
		const id = cellText(cells.id);
		if (id === undefined || typeof id !== 'string') {
			fail(`id ${id === undefined ? 'is empty' : id.bad}: every row needs the contact's ID`);
			continue;
		}
		const trimmedId = id.trim();
		// eslint-disable-next-line no-control-regex
		if (/[\s\u0000-\u001f\u007f-\u009f/\\]/.test(trimmedId)) {
			fail(
				`id "${sanitize(trimmedId)}" has spaces, slashes or control characters: type the contact ID as Kore.ai shows it`,
				trimmedId,
			);
			continue;
		}
		const earlier = firstRowOf.get(trimmedId);
		if (earlier !== undefined) {
			fail(`id ${sanitize(trimmedId)} is also on row ${earlier}: put all changes of one contact on one row`, trimmedId);
			continue;
		}
		firstRowOf.set(trimmedId, row);

		const input: EditInput = {};
		const problems: string[] = [];
		for (const column of EDIT_COLUMNS) {
			const text = cellText(cells[column]);
			if (text === undefined) continue;
			if (typeof text !== 'string') problems.push(`${column} ${text.bad}`);
			else input[column] = text;
		}
		if (problems.length === 0 && Object.keys(input).length === 0) {
			problems.push(`nothing to change: fill at least one of ${EDIT_COLUMNS.join(', ')}`);
		}
		if (problems.length === 0) problems.push(...fieldProblems(input));
		for (const problem of problems) fail(problem, trimmedId);
		if (problems.length === 0) rows.push({row, id: trimmedId, input});
	}
	errors.sort((a, b) => a.row - b.row);
	return {rows, errors};
}

/** The field rules of `update` on what the row sets; "column: message" each. */
function fieldProblems(input: EditInput): string[] {
	const problems: string[] = [];
	for (const name of ['firstName', 'lastName', 'salutation'] as const) {
		const value = input[name];
		if (value === undefined) continue;
		const problem = validateField(name, value);
		if (problem) problems.push(`${name}: ${problem}`);
	}
	if (input.countryCode !== undefined) {
		const problem = validateCountryCode(input.countryCode.trim());
		if (problem) return [...problems, `countryCode: ${problem}`];
	}
	if (input.phone !== undefined) {
		const current: ContactFields = emptyFields();
		const built = buildEditsFrom(input, current, 'the countryCode column');
		if (!built.ok) {
			for (const [field, message] of Object.entries(built.errors) as Array<[FieldName, string]>) {
				problems.push(`${COLUMN_OF[field]}: ${message}`);
			}
		}
	}
	return problems;
}

/** "row 7: phone: …" */
export function rowMessage(error: RowError): string {
	return `row ${error.row}: ${error.message}`;
}
