import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/io.js';
import {runProgram, type EditorLauncher} from '../../source/commands/program.js';

async function editorOptions(args: string[]): Promise<Parameters<EditorLauncher>[0]> {
	let seen: Parameters<EditorLauncher>[0] | undefined;
	const io: CommandIo = {
		stdin: Readable.from([]),
		stdout: new PassThrough(),
		stderr: new PassThrough(),
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
	expect(code).toBe(0);
	if (!seen) throw new Error('the editor was not started');
	return seen;
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
