import {execFile, spawn} from 'node:child_process';
import {once} from 'node:events';
import {createServer} from 'node:net';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {Readable} from 'node:stream';
import {runProgram} from '../../source/commands/program.js';
import {runSandboxCommand, type SandboxCommandOptions} from '../../source/commands/sandbox.js';
import {SANDBOX_DEFAULTS} from '../../source/sandbox/index.js';

const run = promisify(execFile);

function capture() {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', (chunk: Buffer) => {
		text += chunk.toString('utf8');
	});
	return {stream, text: () => text};
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
	for (let i = 0; i < 500; i++) {
		const match = read().match(pattern);
		if (match) return match;
		await new Promise(r => setTimeout(r, 10));
	}
	throw new Error(`Timed out waiting for ${pattern} in:\n${read()}`);
}

/** Starts the command in process; returns its output, the URL and a stop function. */
async function start(env: NodeJS.ProcessEnv = {}, extra: Partial<SandboxCommandOptions> = {}) {
	const out = capture();
	const controller = new AbortController();
	const done = runSandboxCommand({port: 0, env, stdout: out.stream, signal: controller.signal, ...extra});
	const [, url] = await waitFor(out.text, /^listening (http:\/\/127\.0\.0\.1:\d+)\n/);
	await waitFor(out.text, /Ctrl\+C/);
	return {
		url: url!,
		output: out.text,
		stop: async () => {
			controller.abort();
			return done;
		},
	};
}

/** The lines of the printed instructions that are shell commands (indented by two spaces). */
const shellLines = (output: string) =>
	output
		.split('\n')
		.filter(l => l.startsWith('  '))
		.map(l => l.slice(2))
		.join('\n');

describe('kore-contacts sandbox', () => {
	it('prints listening first, then the IDs and the built-in secret, and serves until aborted', async () => {
		const cmd = await start();
		const lines = cmd.output().split('\n');
		expect(lines[0]).toBe(`listening ${cmd.url}`);
		expect(cmd.output()).toContain(SANDBOX_DEFAULTS.streamId);
		expect(cmd.output()).toContain(SANDBOX_DEFAULTS.accountId);
		expect(cmd.output()).toContain(SANDBOX_DEFAULTS.clientId);
		expect(cmd.output()).toContain(`client secret: ${SANDBOX_DEFAULTS.clientSecret}`);
		expect(cmd.output()).toContain('--header "auth: $KORE_JWT"');
		expect((await fetch(`${cmd.url}/__sandbox/health`)).status).toBe(200);
		expect(await cmd.stop()).toBe(0);
		await expect(fetch(`${cmd.url}/__sandbox/health`)).rejects.toThrow();
	});

	it('the printed JWT recipe and curl command work as pasted', async () => {
		const cmd = await start();
		try {
			const {stdout} = await run('bash', ['-c', `set -e\n${shellLines(cmd.output())}`], {timeout: 15_000});
			const page = JSON.parse(stdout) as {results: unknown[]; limit: number; totalResults: number};
			expect(page.limit).toBe(10);
			expect(page.results).toHaveLength(10);
			expect(page.totalResults).toBe(SANDBOX_DEFAULTS.contactCount);
		} finally {
			await cmd.stop();
		}
	});

	it('takes account, client ID and secret from the environment and never prints that secret', async () => {
		const env = {
			KORE_ACCOUNT_ID: '1234567890abcdef12345678',
			KORE_CLIENT_ID: 'cs-from-env',
			KORE_CLIENT_SECRET: 'env-secret-do-not-print-91c2',
		};
		const cmd = await start(env);
		try {
			const output = cmd.output();
			expect(output).not.toContain(env.KORE_CLIENT_SECRET);
			expect(output).toContain('client secret: (from KORE_CLIENT_SECRET)');
			expect(output).toContain(env.KORE_ACCOUNT_ID);
			expect(output).toContain(env.KORE_CLIENT_ID);
			// The recipe, run with the secret from the environment, gets in.
			const {stdout} = await run('bash', ['-c', `set -e\n${shellLines(output)}`], {
				env: {...process.env, KORE_CLIENT_SECRET: env.KORE_CLIENT_SECRET},
				timeout: 15_000,
			});
			expect((JSON.parse(stdout) as {results: unknown[]}).results).toHaveLength(10);
		} finally {
			await cmd.stop();
		}
	});

	it('arms the faults given with --fault at start, and says so', async () => {
		const cmd = await start({}, {faults: [{type: 'bulkPartial', every: 3, times: 50}, {type: 'bulkTimeout'}]});
		try {
			expect(cmd.output()).toContain('fault armed: {"type":"bulkPartial","every":3,"times":50}\n');
			expect(cmd.output()).toContain('fault armed: {"type":"bulkTimeout"}\n');
			const armed = (await (await fetch(`${cmd.url}/__sandbox/faults`)).json()) as {faults: unknown[]};
			expect(armed.faults).toEqual([
				{type: 'bulkPartial', every: 3, times: 50},
				{type: 'bulkTimeout', times: 1},
			]);
		} finally {
			await cmd.stop();
		}
	});

	it('refuses a fault it cannot arm with a sentence and exit 2, before listening', async () => {
		const out = capture();
		const err = capture();
		const code = await runSandboxCommand({
			port: 0,
			env: {},
			stdout: out.stream,
			stderr: err.stream,
			faults: [{type: 'bulkPartial'}],
		});
		expect(code).toBe(2);
		expect(err.text()).toBe(
			'Could not start the sandbox: --fault {"type":"bulkPartial"}: A bulkPartial fault needs "indexes" (e.g. [0, 2]) or "every" (e.g. 3): which records fail.\n',
		);
		expect(out.text()).toBe('');
	});

	it('--fault takes JSON, repeatable; other text is a usage error', async () => {
		const given: Array<Partial<SandboxCommandOptions>> = [];
		const err = capture();
		const io = {
			stdin: Readable.from([]),
			stdout: capture().stream,
			stderr: err.stream,
			env: {},
			signal: new AbortController().signal,
		};
		const hooks = {
			runEditor: async () => 1,
			runSandbox: async (options: Partial<SandboxCommandOptions>) => {
				given.push(options);
				return 0;
			},
		};
		const argv = ['sandbox', '--fault', '{"type":"bulkTimeout","ms":5}', '--fault', '{"type":"bulkPartial","indexes":[0]}'];
		expect(await runProgram(argv, io, hooks)).toBe(0);
		expect(given[0]!.faults).toEqual([
			{type: 'bulkTimeout', ms: 5},
			{type: 'bulkPartial', indexes: [0]},
		]);
		expect(await runProgram(['sandbox', '--fault', 'bulkTimeout'], io, hooks)).toBe(2);
		expect(err.text()).toContain('Type the fault as JSON');
		expect(given).toHaveLength(1);
	});

	it('says clearly when the port is taken and returns 1', async () => {
		const blocker = createServer();
		blocker.listen(0, '127.0.0.1');
		await once(blocker, 'listening');
		const {port} = blocker.address() as {port: number};
		const out = capture();
		const err = capture();
		try {
			const code = await runSandboxCommand({port, env: {}, stdout: out.stream, stderr: err.stream});
			expect(code).toBe(1);
			expect(err.text()).toBe(
				`Could not start the sandbox: port ${port} is already in use. Pick another with --port, or 0 for any free port.\n`,
			);
			expect(out.text()).toBe('');
		} finally {
			blocker.close();
		}
	});

	it('stops on a real SIGINT and exits 0', async () => {
		const script = fileURLToPath(new URL('fixtures/run-sandbox-command.ts', import.meta.url));
		const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
		const child = spawn(tsx, [script], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, KORE_CLIENT_SECRET: ''}});
		let output = '';
		child.stdout.on('data', (c: Buffer) => {
			output += c.toString('utf8');
		});
		try {
			const [, url] = await waitFor(() => output, /^listening (http:\/\/127\.0\.0\.1:\d+)\n/);
			expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
			const exited = once(child, 'exit');
			child.kill('SIGINT');
			const [code] = await exited;
			expect(code).toBe(0);
			expect(output).toContain('sandbox stopped');
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
