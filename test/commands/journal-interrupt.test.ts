import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {JournalEntry} from '../../source/store/types.js';
import {cliBin, REPO_ROOT, runCli, tempDir, type CliResult} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {plainContactFrom, puts, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const SECRET = 'interrupt-secret-never-print-4Fz9';
const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: SECRET});
const outputs: CliResult[] = [];

/** In this process (the journal and the exit code are the same; child start-up is slow on a busy machine). */
async function kc(args: string[], env: Record<string, string>): Promise<CliResult> {
	const result = await runInProcess(args, {env});
	outputs.push(result);
	return result;
}

/** As a child process. */
async function kcProcess(args: string[], env: Record<string, string>): Promise<CliResult> {
	const result = await runCli(args, {env});
	outputs.push(result);
	return result;
}

async function history(env: Record<string, string>): Promise<JournalEntry[]> {
	const result = await kc(['history', '--json'], env);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as JournalEntry[];
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

describe('the change journal across processes', () => {
	it('records a success as done and a server error with its HTTP status', async () => {
		const sb = sandbox();
		const env = {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: tempDir()};
		const ok = plainContactFrom(sb, 10).contact;
		const bad = plainContactFrom(sb, 15).contact;

		const saved = await kc(['update', '--stream', sb.streamId, '--contact', ok.id, '--last-name', 'Journaled', '--yes'], env);
		expect(saved.code, saved.stderr).toBe(0);
		expect(saved.stdout).toMatch(/Journal entry (\S+)\.\nTo put the earlier values back: kore-contacts undo \1\n/);
		sb.faults.fail(412, {method: 'PUT'});
		const rejected = await kc(['update', '--stream', sb.streamId, '--contact', bad.id, '--first-name', 'Rejected', '--yes'], env);
		expect(rejected.code).toBe(1);
		sb.faults.fail(503, {method: 'PUT'});
		const broken = await kc(['update', '--stream', sb.streamId, '--contact', bad.id, '--first-name', 'Broken', '--yes'], env);
		expect(broken.code).toBe(1);
		expect(broken.stderr).toMatch(/The change journal records it as OUTCOME UNKNOWN \(entry \S+\)/);

		const [unknown, failed, done] = await history(env);
		expect(done).toMatchObject({
			contactId: ok.id,
			kind: 'update',
			status: 'done',
			httpStatus: 200,
			updatedAt: sb.getContact(ok.id)!.updatedAt,
		});
		expect(done!.after.lastName).toBe('Journaled');
		expect(done!.before.lastName).toBe(ok.lastName ?? '');
		expect(done!.user).toBeTruthy();
		expect(done!.hostname).toBeTruthy();
		expect(failed).toMatchObject({contactId: bad.id, status: 'failed', httpStatus: 412});
		// A 5xx to a PUT may have been applied: its outcome is unknown.
		expect(unknown).toMatchObject({contactId: bad.id, status: 'unknown', httpStatus: 503});

		const file = fs.readFileSync(path.join(env.KORE_CONTACTS_CONFIG_DIR, 'journal.jsonl'), 'utf8');
		expect(file).not.toContain(SECRET);
		expect(file).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
		expect(fs.statSync(path.join(env.KORE_CONTACTS_CONFIG_DIR, 'journal.jsonl')).mode & 0o777).toBe(0o600);
	});

	it('leaves an "outcome unknown" entry when the process is killed during the PUT', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const env = {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir};
		const {contact} = plainContactFrom(sb, 20);
		sb.faults.latency(5000, {method: 'PUT'});

		const child = spawn(
			process.execPath,
			[cliBin(), 'update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Killed', '--yes'],
			{
				cwd: REPO_ROOT,
				env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tempDir('kc-home-'), ...env},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		const exited = new Promise<string | null>(resolve => child.on('close', (_code, signal) => resolve(signal)));

		// The sandbox takes the latency fault when the PUT arrives: then the request is in flight.
		await until(() => !sb.faults.pending().some(fault => fault.type === 'latency'), 'the PUT to reach the sandbox');
		const journalFile = path.join(dir, 'journal.jsonl');
		expect(fs.readFileSync(journalFile, 'utf8')).toContain(`"contactId":"${contact.id}"`);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		outputs.push({code: 137, stdout: output, stderr: ''});

		const [entry] = await history(env);
		expect(entry).toMatchObject({contactId: contact.id, status: 'unknown', kind: 'update'});
		expect(entry!.completedAt).toBeUndefined();
		expect(entry!.after.lastName).toBe('Killed');
		const table = await kc(['history'], env);
		expect(table.stdout).toMatch(/update\s+OUTCOME UNKNOWN\s+/);

		// Undo compares with the contact first: the killed PUT never took effect here.
		const undo = await kc(['undo', '--yes'], env);
		expect(undo.code, undo.stderr).toBe(0);
		expect(undo.stdout).toContain('Its outcome was unknown');
		expect(undo.stdout).toContain('probably never took effect');
		expect(puts(sb, contact.id)).toHaveLength(0);
	});

	it('records a PUT that times out as unknown, exits 1 and says how to check', async () => {
		const sb = sandbox();
		const env = {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: tempDir()};
		const {contact} = plainContactFrom(sb, 30);
		sb.faults.latency(3000, {method: 'PUT'});
		const result = await kcProcess(
			['--timeout', '0.5', 'update', '--stream', sb.streamId, '--contact', contact.id, '--salutation', 'Mx', '--yes'],
			env,
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('did not answer within 0.5 s. The change may or may not have been saved.');
		expect(result.stderr).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
		expect(result.stderr).toMatch(/The change journal records it as OUTCOME UNKNOWN \(entry \S+\)/);
		expect(result.stderr).toContain(`kore-contacts history --contact ${contact.id}`);
		const [entry] = await history(env);
		expect(entry).toMatchObject({contactId: contact.id, status: 'unknown'});
		expect(entry!.completedAt).toBeDefined();
		expect(entry!.error).toContain('may or may not have been saved');
	});

	it('history and undo on an unreadable journal: a clear message, not "a bug"', async () => {
		const dir = tempDir();
		// A folder where the file should be: unreadable as a file, also for root.
		fs.mkdirSync(path.join(dir, 'journal.jsonl'));
		const env = {KORE_CONTACTS_CONFIG_DIR: dir};
		for (const args of [['history'], ['undo', '--yes']]) {
			const result = await kc(args, env);
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/The change journal .*journal\.jsonl could not be read \(EISDIR\)/);
			expect(result.stderr).not.toMatch(/a bug|\n\s+at /);
		}
	});

	it('never prints the client secret or a JWT', () => {
		expect(outputs.length).toBeGreaterThan(8);
		const all = outputs.map(r => r.stdout + r.stderr).join('\n');
		expect(all).not.toContain(SECRET);
		expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
	});
});
