import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/io.js';
import {runProgram, type EditorLauncher} from '../../source/commands/program.js';
import {useSandbox} from '../helpers/sandbox.js';
import {sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

async function startEditor(args: string[]): Promise<{code: number; stderr: string; options?: Parameters<EditorLauncher>[0]}> {
	let seen: Parameters<EditorLauncher>[0] | undefined;
	const stderr = new PassThrough();
	let text = '';
	stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
	const io: CommandIo = {
		stdin: Readable.from([]),
		stdout: new PassThrough(),
		stderr,
		env: {},
		signal: new AbortController().signal,
	};
	const code = await runProgram(args, io, {
		runEditor: async options => {
			seen = options;
			return 0;
		},
		runSandbox: async () => 1,
	});
	return {code, stderr: text, ...(seen ? {options: seen} : {})};
}

async function editorOptions(args: string[]): Promise<Parameters<EditorLauncher>[0]> {
	const {code, options} = await startEditor(args);
	expect(code).toBe(0);
	if (!options) throw new Error('the editor was not started');
	return options;
}

describe('global options reach the editor', () => {
	it('passes --timeout in milliseconds, and --profile, --resume and --demo', async () => {
		expect(await editorOptions(['--timeout', '2.5', '--profile', 'prod', '--resume'])).toEqual({
			demo: false,
			profile: 'prod',
			resume: true,
			timeoutMs: 2500,
		});
		expect(await editorOptions(['--demo'])).toEqual({demo: true, resume: false});
	});
});

describe('the deep link: --stream and --contact before any command', () => {
	it('hands the stream, the contact and the credential flags to the editor', async () => {
		expect(await editorOptions(['--stream', 'st-1', '--contact', 'c-9', '--profile', 'prod', '--host', 'h.example'])).toEqual({
			demo: false,
			profile: 'prod',
			resume: false,
			credentials: {host: 'h.example'},
			link: {streamId: 'st-1', contactId: 'c-9'},
		});
		expect(await editorOptions(['--demo', '--stream', 'st-1'])).toEqual({demo: true, resume: false, link: {streamId: 'st-1'}});
	});

	it('refuses --contact without --stream (exit 2) before the editor starts', async () => {
		const result = await startEditor(['--contact', 'c-9']);
		expect(result.code).toBe(2);
		expect(result.options).toBeUndefined();
		expect(result.stderr).toContain('--contact needs --stream');
		const demoHost = await startEditor(['--demo', '--host', 'h.example']);
		expect(demoHost.code).toBe(2);
		expect(demoHost.options).toBeUndefined();
		expect(demoHost.stderr).toContain('cannot be used with --demo');
	});

	it("leaves the commands' own --stream and --contact to them, with global options before or after", async () => {
		const sb = sandbox();
		const env = sandboxEnv(sb);
		const first = sb.contacts()[0]!;
		const [list, listAfter, find, get, history] = await Promise.all([
			runInProcess(['list', '--stream', sb.streamId, '--limit', '2', '--json'], {env}),
			runInProcess(['list', '--stream', sb.streamId, '--limit', '1', '--json', '--timeout', '30'], {env}),
			runInProcess(['find', '--stream', sb.streamId, String(first.id), '--json'], {env}),
			runInProcess(['--timeout', '30', 'get', '--stream', sb.streamId, '--contact', String(first.id), '--json'], {env}),
			runInProcess(['history', '--stream', sb.streamId, '--contact', String(first.id), '--json'], {env}),
		]);
		expect(list.stderr).toBe('');
		expect(list.code).toBe(0);
		expect(JSON.parse(list.stdout).results).toHaveLength(2);
		expect(listAfter.code).toBe(0);
		expect(JSON.parse(listAfter.stdout).results).toHaveLength(1);
		expect(find.code).toBe(0);
		expect(JSON.parse(find.stdout.trim().split('\n')[0]!).id).toBe(first.id);
		expect(get.code).toBe(0);
		expect(JSON.parse(get.stdout).id).toBe(first.id);
		expect(history.code).toBe(0);
		expect(JSON.parse(history.stdout)).toEqual([]);
	});

	it('still tells a flag that belongs to the editor from a command', async () => {
		const result = await runInProcess(['list', '--stream', 'st-1', '--demo']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--demo and --resume are for the editor');
	});
});
