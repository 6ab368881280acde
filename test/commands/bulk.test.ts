import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {plainContacts, type Sandbox} from '../../source/sandbox/index.js';
import {putArrived, useSandbox} from '../helpers/sandbox.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommandLine, REPO_ROOT, runCli, tempDir} from '../helpers/run-cli.js';
import {sandboxEnv} from './helpers.js';

const CONTACTS = 240;
const HEADER = 'id,firstName,lastName,salutation,phone,countryCode';

const sandbox = useSandbox({contacts: plainContacts(CONTACTS), rateLimitPerMinute: 0});
const ptys: Pty[] = [];
afterEach(async () => {
	await Promise.all(ptys.splice(0).map(async pty => pty.kill()));
});

/** Each test: its own settings folder (journal, batches), kept across the commands of the test. */
function session(sb: Sandbox) {
	const home = tempDir('kc-bulk-');
	const env = sandboxEnv(sb, {KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config'), COLUMNS: '200'});
	const file = (name: string, text: string) => {
		const full = path.join(home, name);
		fs.writeFileSync(full, text);
		return full;
	};
	const run = (args: string[], sigintWhen?: () => boolean) =>
		runCli(args, {env, timeoutMs: 60_000, ...(sigintWhen ? {sigintWhen} : {})});
	const journal = () =>
		fs
			.readFileSync(path.join(home, 'config', 'journal.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as Record<string, unknown>);
	return {home, file, run, journal};
}

const lists = (sb: Sandbox) => sb.requests.filter(r => r.method === 'GET' && r.path.endsWith('/contacts')).length;
const bulkPuts = (sb: Sandbox) => sb.requests.filter(r => r.method === 'PUT' && r.path.endsWith('/contacts/bulk-update'));
const batchOf = (output: string) => /Batch (b-[\w-]+)/.exec(output)?.[1];

/** Rows setting the last name of contacts [from, to) to `Name{i}`. */
function rows(sb: Sandbox, from: number, to: number, name: string): string {
	const contacts = sb.contacts().slice(from, to);
	return `${HEADER}\n${contacts.map((c, i) => `${c.id},,${name}${from + i},,,`).join('\n')}\n`;
}

describe('kore-contacts bulk', () => {
	it('a 200-row batch: pages read once each, 4 bulk PUTs, every contact saved and verified, a report and --json', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 0, 200, 'Big'));
		const report = path.join(s.home, 'out.csv');
		const result = await s.run(['bulk', '--stream', sb.streamId, '--file', fixes, '--yes', '--json', '--report', report]);
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as {batch: string; counts: Record<string, number>; contacts: Array<{outcome: string}>};
		expect(json.counts).toEqual({saved: 200});
		expect(json.batch).toMatch(/^b-/);
		expect(sb.getContact(sb.contacts()[199]!.id)!.lastName).toBe('Big199');
		expect(bulkPuts(sb)).toHaveLength(4);
		// Looking the 200 up: ⌈200/50⌉ pages; then each chunk's page read before (conflict check) and after (verification).
		expect(lists(sb)).toBe(4 + 4 * 2);
		expect(fs.readFileSync(report, 'utf8').split('\n')[1]).toMatch(/^c0+,2,saved,,\w/);
		const entries = s.journal().filter(line => line['batch'] === json.batch && line['contactId']);
		expect(entries).toHaveLength(200);
		expect(result.stderr).toContain(`Batch ${json.batch}`);

		const history = await s.run(['history']);
		expect(history.stdout).toMatch(new RegExp(`${json.batch}\\s+update\\s+stream \\S+\\s+200 contacts: 200 done`));
		const one = await s.run(['history', '--batch', json.batch, '--limit', '500']);
		expect(one.stdout.split('\n').filter(line => line.includes(' update ')).length).toBe(200);
	});

	it('--dry-run sends nothing; an invalid row sends nothing and exits 2; no --yes without a terminal exits 2', async () => {
		const sb = sandbox();
		const s = session(sb);
		const good = s.file('good.csv', rows(sb, 200, 203, 'Dry'));
		const dry = await s.run(['bulk', '--stream', sb.streamId, '--file', good, '--dry-run']);
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toMatch(/~ Last name\s+Lee200\s+->\s+Dry200/);
		expect(dry.stdout).toContain('3 to send');
		expect(dry.stdout).toContain('Dry run: nothing was sent');

		const noYes = await s.run(['bulk', '--stream', sb.streamId, '--file', good]);
		expect(noYes.code).toBe(2);
		expect(noYes.stderr).toContain('Add --yes');

		const [a, b] = sb.contacts().slice(203, 205);
		const bad = s.file('bad.csv', `${HEADER}\n${a!.id},,Fine,,,\n${b!.id},,,,95501x0001,\n`);
		const invalid = await s.run(['bulk', '--stream', sb.streamId, '--file', bad, '--yes', '--json']);
		expect(invalid.code).toBe(2);
		expect(JSON.parse(invalid.stdout)).toEqual({
			outcome: 'not-sent',
			invalidRows: [{row: 3, id: b!.id, message: expect.stringMatching(/^phone: /)}],
		});
		expect(invalid.stderr).toMatch(/row 3: phone: /);
		expect(invalid.stderr).toContain('Nothing was sent');
		expect(bulkPuts(sb)).toHaveLength(0);
		expect(sb.requests.filter(r => r.method === 'PUT')).toHaveLength(0);
		expect(sb.getContact(a!.id)!.lastName).toBe(a!.lastName);

		const skipping = await s.run(['bulk', '--stream', sb.streamId, '--file', bad, '--yes', '--skip-invalid']);
		expect(skipping.code, skipping.stderr).toBe(0);
		expect(sb.getContact(a!.id)!.lastName).toBe('Fine');
		expect(bulkPuts(sb)).toHaveLength(1);
	});

	it('a partly failed chunk: those contacts are reported failed, the others saved', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 205, 211, 'Part'));
		sb.faults.bulkPartial({indexes: [1, 4]});
		const result = await s.run(['bulk', '--stream', sb.streamId, '--file', fixes, '--yes', '--json']);
		expect(result.code).toBe(1);
		const json = JSON.parse(result.stdout) as {counts: Record<string, number>; contacts: Array<{id: string; outcome: string}>};
		expect(json.counts).toEqual({saved: 4, failed: 2});
		const ids = sb
			.contacts()
			.slice(205, 211)
			.map(c => c.id);
		expect(json.contacts.filter(c => c.outcome === 'failed').map(c => c.id)).toEqual([ids[1], ids[4]]);
		expect(sb.getContact(ids[1]!)!.lastName).toBe('Lee206');
		expect(sb.getContact(ids[0]!)!.lastName).toBe('Part205');
	});

	it('a chunk that times out is unknown; --resume re-checks it and sends only what never left', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 211, 217, 'Late'));
		sb.faults.bulkTimeout({});
		const first = await s.run(['--timeout', '2', 'bulk', '--stream', sb.streamId, '--file', fixes, '--yes', '--chunk', '3']);
		expect(first.code).toBe(1);
		const batch = batchOf(first.stdout);
		expect(batch).toBeDefined();
		expect(first.stdout).toContain(`kore-contacts bulk --resume ${batch}`);
		// The first chunk (3 contacts) was applied but never answered; the second was held back.
		expect(bulkPuts(sb)).toHaveLength(1);
		const ids = sb
			.contacts()
			.slice(211, 217)
			.map(c => c.id);
		expect(sb.getContact(ids[0]!)!.lastName).toBe('Late211');
		expect(sb.getContact(ids[3]!)!.lastName).toBe('Lee214');
		const unknown = s.journal().filter(line => line['status'] === 'unknown');
		expect(unknown).toHaveLength(3);

		sb.requests.length = 0;
		const resumed = await s.run(['bulk', '--resume', batch!, '--yes', '--json']);
		expect(resumed.code, resumed.stderr).toBe(0);
		const json = JSON.parse(resumed.stdout) as {batch: string; contacts: Array<{id: string; outcome: string; message?: string}>};
		expect(json.contacts.slice(0, 3).map(c => c.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
		expect(json.contacts.slice(3).map(c => c.outcome)).toEqual(['saved', 'saved', 'saved']);
		// Only the three that never left were sent, in one PUT: six journal entries for six contacts.
		expect(bulkPuts(sb)).toHaveLength(1);
		expect(s.journal().filter(line => line['batch'] === batch && line['contactId'])).toHaveLength(6);
		for (const [i, id] of ids.entries()) expect(sb.getContact(id)!.lastName).toBe(`Late${211 + i}`);
		// The unknown entries are now complete as done; a second resume sends nothing.
		sb.requests.length = 0;
		const again = await s.run(['bulk', '--resume', batch!, '--yes']);
		expect(again.code, again.stderr).toBe(0);
		expect(bulkPuts(sb)).toHaveLength(0);
	});

	it('Ctrl+C while a chunk is out: exit 130, that chunk unknown, the rest unsent; --resume finishes it', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 227, 231, 'Stop'));
		sb.faults.latency(5000, {method: 'PUT'});
		const stopped = await s.run(['bulk', '--stream', sb.streamId, '--file', fixes, '--yes', '--chunk', '2'], () =>
			putArrived(sb),
		);
		expect(stopped.code).toBe(130);
		const batch = batchOf(stopped.stdout)!;
		expect(stopped.stdout).toContain(`kore-contacts bulk --resume ${batch}`);
		const begun = s.journal().filter(line => line['batch'] === batch && line['contactId']);
		expect(begun).toHaveLength(2);
		expect(s.journal().filter(line => line['status'] === 'unknown')).toHaveLength(2);

		sb.faults.clear();
		const resumed = await s.run(['bulk', '--resume', batch, '--yes']);
		expect(resumed.code, resumed.stderr).toBe(0);
		const ids = sb
			.contacts()
			.slice(227, 231)
			.map(c => c.id);
		for (const [i, id] of ids.entries()) expect(sb.getContact(id)!.lastName).toBe(`Stop${227 + i}`);
		const history = await s.run(['history']);
		expect(history.stdout).toContain(`${batch}  update`);
		expect(history.stdout).toMatch(/4 contacts: 4 done/);
	});

	it('undo --batch puts the whole batch back; a contact changed since on the same field is a conflict, not overwritten', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 217, 223, 'Oops'));
		const sent = await s.run(['bulk', '--stream', sb.streamId, '--file', fixes, '--yes']);
		expect(sent.code, sent.stderr).toBe(0);
		const batch = batchOf(sent.stdout)!;
		const ids = sb
			.contacts()
			.slice(217, 223)
			.map(c => c.id);

		// Someone else: the same field on one contact, another field on a second.
		sb.editContact(ids[0]!, {lastName: 'Theirs'});
		sb.editContact(ids[1]!, {firstName: 'Bea'});
		const undo = await s.run(['undo', '--batch', batch, '--yes']);
		expect(undo.code).toBe(3);
		expect(undo.stdout).toMatch(/Conflicts \(not sent\):\n\s*c0+217: changed since entry/);
		expect(sb.getContact(ids[0]!)!.lastName).toBe('Theirs');
		expect(sb.getContact(ids[1]!)).toMatchObject({firstName: 'Bea', lastName: 'Lee218'});
		for (const [i, id] of ids.entries()) if (i > 0) expect(sb.getContact(id)!.lastName).toBe(`Lee${217 + i}`);
		const undoEntries = s.journal().filter(line => line['kind'] === 'undo' && line['contactId']);
		expect(undoEntries).toHaveLength(5);
		expect(undoEntries.every(line => typeof line['undoOf'] === 'string' && line['batch'] !== batch)).toBe(true);
	});

	it('on a terminal: asks (only y sends), shows done/total and the time left while a chunk is out', async () => {
		const sb = sandbox();
		const s = session(sb);
		const fixes = s.file('fixes.csv', rows(sb, 223, 227, 'Tty'));
		const env = sandboxEnv(sb, {HOME: s.home, KORE_CONTACTS_CONFIG_DIR: path.join(s.home, 'config')});
		const open = async () => {
			const pty = await startPty(
				[
					'sh',
					'-c',
					`${cliCommandLine()} "$@"; echo "[exit $?]"`,
					'kc',
					'bulk',
					'--stream',
					sb.streamId,
					'--file',
					fixes,
					'--chunk',
					'2',
				],
				{cols: 100, rows: 40, cwd: REPO_ROOT, env},
			);
			ptys.push(pty);
			return pty;
		};

		const no = await open();
		await no.waitFor('Send 4 contacts in batch');
		await no.send('n');
		await no.key('Enter');
		await no.waitFor('[exit 2]');
		expect(bulkPuts(sb)).toHaveLength(0);

		sb.faults.latency(6000, {method: 'PUT'});
		const yes = await open();
		await yes.waitFor('Send 4 contacts in batch');
		await yes.send('y');
		await yes.key('Enter');
		// The first chunk is held by the sandbox: the progress line stays until it is answered.
		const screen = await yes.waitFor(/Sending: 0\/4 contacts · about \d+ s left at 60 requests\/min/);
		expect(screen).toMatch(/Batch b-[\w-]+: 4 contact\(s\)/);
		await yes.waitFor('[exit 0]', 30_000);
		expect(await yes.screen()).toMatch(/Batch b-[\w-]+: 4 saved, 0 failed/);
		expect(bulkPuts(sb)).toHaveLength(2);
	});
});
