import {PassThrough, Readable} from 'node:stream';
import type {Command} from 'commander';
import {describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/io.js';
import {buildProgram, runProgram} from '../../source/commands/program.js';
import {nodeCheck} from '../../source/commands/doctor.js';
import {displayWidth} from '../../source/output/text.js';
import {profileAddArgs, useSandbox} from '../helpers/sandbox.js';
import {tempDir} from '../helpers/run-cli.js';
import {plainContactFrom, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

const noHooks = {
	runEditor: async () => 0,
	runSandbox: async () => 0,
};

/** Every command path: [], ['list'], ..., ['profile'], ['profile', 'add'], ... */
function commandPaths(): string[][] {
	const io = {
		stdin: Readable.from([]),
		stdout: new PassThrough(),
		stderr: new PassThrough(),
		env: {},
		signal: new AbortController().signal,
	};
	const program = buildProgram(io, noHooks, () => undefined);
	const paths: string[][] = [[]];
	const walk = (command: Command, path: string[]) => {
		for (const sub of command.commands) {
			paths.push([...path, sub.name()]);
			walk(sub, [...path, sub.name()]);
		}
	};
	walk(program, []);
	return paths;
}

const widest = (text: string) => Math.max(0, ...text.split('\n').map(line => displayWidth(line)));
const overlong = (text: string, width: number) => text.split('\n').filter(line => displayWidth(line) > width);

/** Runs the program in process with stdout and stderr as terminals of the given width (stdin is not one). */
async function onTerminal(
	args: string[],
	columns: number,
	env: NodeJS.ProcessEnv = {},
): Promise<{code: number; stdout: string; stderr: string}> {
	const terminal = () => Object.assign(new PassThrough(), {isTTY: true, columns});
	const [stdout, stderr] = [terminal(), terminal()];
	const out = {stdout: '', stderr: ''};
	stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
	stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
	const io: CommandIo = {
		stdin: Readable.from([]),
		stdout,
		stderr,
		env: {KORE_CONTACTS_CONFIG_DIR: tempDir(), NO_COLOR: '1', ...env},
		signal: new AbortController().signal,
	};
	const code = await runProgram(args, io, noHooks);
	await new Promise(resolve => setImmediate(resolve));
	return {code, ...out};
}

async function helpOnTerminal(args: string[], columns: number): Promise<string> {
	const result = await onTerminal([...args, '--help'], columns);
	expect(result.code).toBe(0);
	return result.stdout;
}

describe('output fits 80 columns', () => {
	it('every line of every --help (root, each command and subcommand) is at most 80 columns', async () => {
		const paths = commandPaths();
		expect(paths.map(p => p.join(' '))).toEqual(
			expect.arrayContaining([
				'',
				'list',
				'get',
				'update',
				'history',
				'undo',
				'profile',
				'profile add',
				'profile list',
				'doctor',
				'sandbox',
			]),
		);
		for (const path of paths) {
			const result = await runInProcess([...path, '--help']);
			expect(result.code, path.join(' ')).toBe(0);
			expect(result.stdout, `kore-contacts ${path.join(' ')} --help`).toContain('Usage: kore-contacts');
			expect(overlong(result.stdout, 80), `kore-contacts ${path.join(' ')} --help`).toEqual([]);
		}
		// Also on a wide terminal: help stays at 80 columns.
		for (const path of [[], ['update'], ['undo']]) {
			const text = await helpOnTerminal(path, 200);
			expect(widest(text)).toBeLessThanOrEqual(80);
			expect(widest(text)).toBeGreaterThan(70);
		}
	});

	it('update and undo --help say that answering n at the y/N prompt exits 2', async () => {
		for (const command of ['update', 'undo']) {
			const result = await runInProcess([command, '--help']);
			const exit2 = /^ {2}2 +([\s\S]*?)\n {2}3 /m.exec(result.stdout)![1]!.replace(/\s+/g, ' ');
			expect(exit2).toContain('an answer other than y at the y/N prompt (e.g. n); nothing was sent');
		}
	});

	it('doctor wraps its sentences at word boundaries (a failing live check included) at COLUMNS=80 and 60', async () => {
		const sb = sandbox();
		for (const columns of [80, 60]) {
			const result = await runInProcess(['doctor', '--stream', sb.streamId], {
				env: sandboxEnv(sb, {KORE_CLIENT_SECRET: 'not-the-right-secret', COLUMNS: String(columns)}),
			});
			expect(result.code).toBe(1);
			expect(overlong(result.stdout, columns)).toEqual([]);
			const fail = /^FAIL +Live check failed[\s\S]*?(?=\n\S)/m.exec(result.stdout)![0];
			expect(fail.split('\n').length).toBeGreaterThan(1);
			// Continuation lines are indented under the text, and no word was split.
			for (const line of fail.split('\n').slice(1)) expect(line).toMatch(/^ {6}\S/);
			expect(fail.replace(/\n +/g, ' ')).toContain(
				'Check the host, account ID, client ID and client secret, and the stream ID: a wrong stream also gives 401.',
			);
		}
	});

	it('doctor checks for Node 20.18.1 (package.json engines), not just 20', () => {
		expect(nodeCheck('20.18.1')).toEqual({status: 'ok', title: 'Node v20.18.1 (20.18.1 or newer needed)'});
		expect(nodeCheck('22.1.0').status).toBe('ok');
		expect(nodeCheck('20.18.0')).toEqual({status: 'fail', title: 'Node v20.18.0 is too old: install Node 20.18.1 or newer.'});
		expect(nodeCheck('20.9.0').status).toBe('fail');
		expect(nodeCheck('18.20.4').status).toBe('fail');
	});

	it('profile add and profile list wrap at word boundaries', async () => {
		const sb = sandbox();
		const configDir = tempDir();
		const env = {KORE_CONTACTS_CONFIG_DIR: configDir, COLUMNS: '60'};
		const add = await runInProcess(profileAddArgs(sb, 'a-profile-with-a-long-name', ['--protected'], false), {env});
		expect(add.code, add.stderr).toBe(0);
		expect(overlong(add.stdout, 60)).toEqual([]);
		const unwrapped = add.stdout.replace(/\n(?!$)/g, ' ');
		expect(unwrapped).toContain(
			`Saved profile "a-profile-with-a-long-name" (the default): ${sb.url}, account ${sb.accountId}, protected.`,
		);
		expect(unwrapped).toContain('No client secret stored: KORE_CLIENT_SECRET or a prompt will supply it.');
		const list = await runInProcess(['profile', 'list'], {env});
		expect(list.code).toBe(0);
		expect(overlong(list.stdout, 60)).toEqual([]);
		expect(list.stdout.replace(/\n +/g, ' ')).toContain('not stored: KORE_CLIENT_SECRET or a prompt supplies it');
	});

	it('update --dry-run: the first line and the sentences fit 80 columns', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 30);
		const result = await runInProcess(
			['update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Width', '--dry-run'],
			{
				env: sandboxEnv(sb),
			},
		);
		expect(result.code, result.stderr).toBe(0);
		const lines = result.stdout.split('\n');
		// "Contact <24-character ID> in stream <the sandbox's 39-character stream>" is over 80: wrapped.
		expect(lines[0]).toBe(`Contact ${contact.id} in stream`);
		expect(lines[1]).toBe(`  ${sb.streamId}`);
		const dryRun = lines.findIndex(line => line.startsWith('Dry run: nothing was sent.'));
		expect(displayWidth(lines[dryRun]!)).toBeLessThanOrEqual(80);
		expect(`${lines[dryRun]} ${lines[dryRun + 1]}`).toBe(
			'Dry run: nothing was sent. The same request with curl (mint the JWT into $KORE_JWT first):',
		);
		// Every line, the curl command included (its long URL is split as 'abc'\ + newline + 'def').
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		const curl = lines
			.slice(lines.findIndex(line => line.startsWith('curl ')))
			.join('\n')
			.replaceAll("'\\\n'", '');
		expect(curl).toContain(`'${sb.url}/agentassist/api/v1/public/${sb.streamId}/contacts/${contact.id}'`);
	});

	it('on a terminal, an error sentence wraps at word boundaries (in a pipe it stays on one line)', async () => {
		const args = ['--host', 'ftp://platform.kore.ai', '--account-id', 'a', '--client-id', 'c', 'list', '--stream', 'st-1'];
		const env = {KORE_CLIENT_SECRET: 'some-client-secret'};
		const piped = await runInProcess(args, {env});
		expect(piped.code).toBe(2);
		const sentence = piped.stderr.trimEnd();
		expect(sentence.split('\n')).toHaveLength(1);
		expect(displayWidth(sentence)).toBeGreaterThan(50);
		const terminal = await onTerminal(args, 50, env);
		expect(terminal.code).toBe(2);
		expect(overlong(terminal.stderr, 50)).toEqual([]);
		expect(terminal.stderr.trimEnd().split('\n').join(' ')).toBe(sentence);
	});
});
