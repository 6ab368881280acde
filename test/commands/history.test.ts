import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ContactFields, UpdateBody} from '../../source/contact/contact.js';
import {openJournal} from '../../source/store/journal.js';
import type {JournalEntry, PendingEntry} from '../../source/store/types.js';
import {renderHistory, undoneIds} from '../../source/output/history-table.js';
import {displayWidth} from '../../source/output/text.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {CONTROL_CHARACTERS} from './helpers.js';
import {runInProcess} from './in-process.js';

const before: ContactFields = {
	firstName: 'Asha',
	lastName: 'Rao',
	salutation: 'Ms',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '',
};
const body = (f: ContactFields): UpdateBody => ({
	firstName: f.firstName,
	lastName: f.lastName,
	salutation: f.salutation,
	cellPhone: {phoneNumber: f.phoneNumber, countryCode: f.countryCode, extension: f.extension},
});
const pending = (contactId: string, after: Partial<ContactFields>, extra: Partial<PendingEntry> = {}): PendingEntry => ({
	profile: 'dev',
	host: 'https://platform.kore.ai',
	streamId: 'st-1',
	contactId,
	before,
	after: {...before, ...after},
	body: body({...before, ...after}),
	kind: 'update',
	...extra,
});

/** A journal with: a done update, a failed one, one left pending (unknown) and an undo; oldest first. */
function seededJournal(): {dir: string; ids: string[]} {
	const dir = tempDir();
	const journal = openJournal(dir);
	const a = journal.begin(pending('667e48f7c8b972fc6910aaaa', {lastName: 'Rao-Iyer'}));
	journal.complete(a, {status: 'done', httpStatus: 200, updatedAt: '2026-01-01T00:00:00.000Z'});
	const b = journal.begin(pending('667e48f7c8b972fc6910bbbb', {firstName: 'X', phoneNumber: '9550100002'}, {streamId: 'st-2'}));
	journal.complete(b, {status: 'failed', httpStatus: 412, error: 'Kore.ai rejected the request'});
	const c = journal.begin(pending('667e48f7c8b972fc6910aaaa', {salutation: 'Dr'}));
	const d = journal.begin(pending('667e48f7c8b972fc6910aaaa', {lastName: 'Rao'}, {kind: 'undo', undoOf: a}));
	journal.complete(d, {status: 'done', httpStatus: 200});
	return {dir, ids: [a, b, c, d]};
}

describe('kore-contacts history', () => {
	it('lists the entries newest first as an aligned table of at most 80 columns, outcomes in words', async () => {
		const {dir, ids} = seededJournal();
		const result = await runCli(['history'], {env: {KORE_CONTACTS_CONFIG_DIR: dir}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		// At 80 columns the user@host column is left out first (it is in --json).
		expect(lines[0]).toMatch(/^Time\s+ID\s+Kind\s+Status\s+Contact\s+Changed$/);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		const rows = lines.slice(1, 5);
		expect(rows.map(row => row.split(/\s{2,}/)[2])).toEqual(['undo', 'update', 'update', 'update']);
		// The first update was undone by the newest entry: "done, undone", as the editor shows it.
		expect(rows.map(row => row.split(/\s{2,}/)[3])).toEqual(['done', 'OUTCOME UNKNOWN', 'failed 412', 'done, undone']);
		expect(rows[2]).toMatch(/ {2}667e48f7c.* {2}first/);
		// The ID column holds a prefix of each entry's ID (unique among them), newest first.
		const shown = rows.map(row => row.split(/\s{2,}/)[1]!);
		expect(shown.map((prefix, i) => [...ids].reverse()[i]!.startsWith(prefix) && prefix.length >= 10)).toEqual([
			true,
			true,
			true,
			true,
		]);
		expect(new Set(shown).size).toBe(4);
		// Aligned: every column starts at the same offset on every line.
		const statusColumn = lines[0]!.indexOf('Status');
		for (const row of rows) expect(row.slice(statusColumn)).toMatch(/^(done|failed|OUTCOME)/);
		expect(lines.at(-1)).toContain('kore-contacts undo ID');
	});

	it('filters by contact and stream, limits, and prints only JSON with --json', async () => {
		const {dir, ids} = seededJournal();
		const env = {KORE_CONTACTS_CONFIG_DIR: dir};
		const [contact, stream, limited, none] = await Promise.all([
			runInProcess(['history', '--contact', '667e48f7c8b972fc6910aaaa', '--json'], {env}),
			runInProcess(['history', '--stream', 'st-2', '--json'], {env}),
			runInProcess(['history', '--limit', '2'], {env}),
			runInProcess(['history', '--contact', 'nobody'], {env}),
		]);
		const parsed = JSON.parse(contact.stdout) as JournalEntry[];
		expect(contact.stderr).toBe('');
		expect(parsed.map(e => e.id)).toEqual([ids[3], ids[2], ids[0]]);
		expect(parsed.map(e => e.status)).toEqual(['done', 'unknown', 'done']);
		expect(parsed[0]).toMatchObject({kind: 'undo', undoOf: ids[0], before, profile: 'dev'});
		expect((JSON.parse(stream.stdout) as JournalEntry[]).map(e => e.id)).toEqual([ids[1]]);
		expect(limited.stdout.trimEnd().split('\n')).toHaveLength(4);
		expect(limited.stdout).toContain('showing 2 of 4; more with --limit 4');
		expect(none.code).toBe(0);
		expect(none.stdout).toMatch(/^No journal entry for contact nobody \(the journal has 4 entries; run without filters/);
	});

	it('says so when the journal is empty (exit 0); --json gives []', async () => {
		const env = {KORE_CONTACTS_CONFIG_DIR: tempDir()};
		const [plain, json] = await Promise.all([runInProcess(['history'], {env}), runInProcess(['history', '--json'], {env})]);
		expect(plain.code).toBe(0);
		expect(plain.stdout).toBe('The change journal is empty: no update or undo has been sent from this computer yet.\n');
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toEqual([]);
	});

	it('a journal that cannot be read: exit 1 names the file and what to check, never "bug" or a stack', async () => {
		const dir = tempDir();
		fs.mkdirSync(path.join(dir, 'journal.jsonl'));
		const result = await runInProcess(['history'], {env: {KORE_CONTACTS_CONFIG_DIR: dir}});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(path.join(dir, 'journal.jsonl'));
		expect(result.stderr).toMatch(/could not be read \(EISDIR\)|could not be opened/);
		expect(result.stderr).not.toMatch(/bug|\n\s+at /i);
	});

	it('strips control sequences from every cell (the journal holds strings from the server)', async () => {
		const dir = tempDir();
		const journal = openJournal(dir);
		const id = journal.begin(
			pending('c-\u001B]0;owned\u0007\u001B[31mred\u009b2J', {lastName: 'Evil\u001B[2J'}, {streamId: 'st-\r\u0008x'}),
		);
		journal.complete(id, {status: 'failed', httpStatus: 500, error: 'bad \u001B[31m'});
		const result = await runInProcess(['history'], {env: {KORE_CONTACTS_CONFIG_DIR: dir}});
		expect(result.code).toBe(0);
		expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
		expect(result.stdout).toContain('c-');
	});

	it('keeps the table within narrow widths by cutting the contact, fields and user columns', () => {
		const {dir} = seededJournal();
		const entries = openJournal(dir).entries();
		for (const width of [80, 72, 100]) {
			const lines = renderHistory(entries, {width});
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			expect(lines[2]).toContain('OUTCOME UNKNOWN');
		}
		const wide = renderHistory(entries, {width: 120});
		expect(wide[0]).toMatch(/\s+By$/);
		expect(wide[1]).toContain('667e48f7c8b972fc6910aaaa');
		expect(wide[3]).toContain('first, phone');
	});

	it('at 80 columns: full contact IDs when they fit, user@host dropped first, field names abbreviated whole', () => {
		const dir = tempDir();
		const journal = openJournal(dir);
		const all = journal.begin(
			pending('667e48f7c8b972fc6910cccc', {
				firstName: 'B',
				lastName: 'C',
				salutation: 'Dr',
				countryCode: '+1',
				phoneNumber: '4155550100',
				extension: '+',
			}),
		);
		journal.complete(all, {status: 'done', httpStatus: 200});
		const two = journal.begin(
			pending('667e48f7c8b972fc6910dddd', {salutation: 'Mx', countryCode: '+44', phoneNumber: '2079460958'}),
		);
		journal.complete(two, {status: 'done', httpStatus: 200});
		const entries = openJournal(dir)
			.entries()
			.map(e => ({...e, user: 'a-rather-long-user-name', hostname: 'build-host.example.com'}));

		const lines = renderHistory(entries, {width: 80});
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(lines[0]).not.toMatch(/\bBy\b/);
		expect(lines.join('\n')).not.toContain('build-host');
		expect(lines[1]).toContain('667e48f7c8b972fc6910dddd');
		expect(lines[2]).toContain('667e48f7c8b972fc6910cccc');
		// Not all names fit whole: as many as fit, then how many more; never a name cut in two.
		const changed = lines.slice(1).map(line => line.slice(lines[0]!.indexOf('Changed')));
		expect(changed[0]).toMatch(/^salut\.(, ?cc(, ?phone)?)?( \+\d)?$/);
		expect(changed[1]).toMatch(/^first(, ?last(, ?salut\.)?)? \+\d$/);
		for (const cell of changed) {
			const names = cell.replace(/ \+\d$/, '').split(/, ?/);
			for (const name of names) expect(['first', 'last', 'salut.', 'cc', 'phone', 'ext']).toContain(name);
		}

		// Wide enough: every name, and who sent it.
		const wide = renderHistory(entries, {width: 160});
		expect(wide[2]).toContain('first, last, salut., cc, phone, ext');
		expect(wide[2]).toMatch(/a-rather-long-user-name@build-host\.example\.com$/);
	});

	it('marks an entry "done, undone" from the whole journal, also when the undo is not among the rows shown', () => {
		const {dir, ids} = seededJournal();
		const all = openJournal(dir).entries();
		const withoutUndo = all.filter(e => e.kind !== 'undo');
		const status = (lines: string[]) => lines.slice(1).map(row => row.split(/\s{2,}/)[3]);
		// Worked out from the rows themselves by default (no undo among them: plain "done")...
		expect(status(renderHistory(withoutUndo, {width: 120}))).toEqual(['OUTCOME UNKNOWN', 'failed 412', 'done']);
		// ...and from the whole journal when history passes it.
		expect(status(renderHistory(withoutUndo, {width: 120, undone: undoneIds(all)}))).toEqual([
			'OUTCOME UNKNOWN',
			'failed 412',
			'done, undone',
		]);
		expect(undoneIds(all)).toEqual(new Set([ids[0]]));
	});
});
