import path from 'node:path';
import {PassThrough, Readable} from 'node:stream';
import type {CommandIo} from '../../source/commands/io.js';
import {runProgram} from '../../source/commands/program.js';
import {resetRateLimits} from '../../source/kore/rate-limit.js';
import {tempDir, type CliResult, type RunCliOptions} from '../helpers/run-cli.js';

/**
 * Runs the same program as the binary, in this process (no child start-up cost): the same
 * commander setup, commands, real HTTP to the sandbox and a real settings folder. Streams are
 * pipes (not TTYs) and the environment is as clean as runCli's. For cases where the process
 * boundary (real stdin pipe, exit code, signals) is not what is being tested.
 */
export async function runInProcess(
	args: string[],
	options: Omit<RunCliOptions, 'sigintWhen' | 'timeoutMs'> = {},
): Promise<CliResult> {
	resetRateLimits();
	const home = tempDir('kc-home-');
	const env: NodeJS.ProcessEnv = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: home,
		KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config'),
		...options.env,
	};
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
	const io: CommandIo = {
		stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
		stdout,
		stderr,
		env,
		signal: new AbortController().signal,
	};
	const code = await runProgram(args, io, {
		runEditor: async () => {
			throw new Error('The editor is not run in process.');
		},
		runSandbox: async () => {
			throw new Error('The sandbox command is not run in process.');
		},
	});
	await new Promise(resolve => setImmediate(resolve));
	return {code, stdout: out, stderr: err};
}
