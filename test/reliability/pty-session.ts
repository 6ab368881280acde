/**
 * The real CLI (the bundle, dist/cli.js) in a real pseudo-terminal (tmux, through
 * startRecorded), for the terminal rows of the reliability matrix: a temp folder per test file,
 * one running terminal at a time (killed after each test), settings folders that hold the profile
 * "sandbox", and the check that the terminal was restored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, expect} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {openStore} from '../../source/store/config.js';
import {sandboxProfile} from '../editor/helpers/services.js';
import {eventually, startRecorded, type RecordedRun} from '../helpers/pty.js';
import {cliCommandLine} from '../helpers/run-cli.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = cliCommandLine();

/**
 * Saves the profile "sandbox" (for `sandbox`) in the settings folder `configDir` with its stream
 * remembered as "bot"; it becomes the default profile unless `makeDefault` is false.
 */
export function saveSandboxProfile(configDir: string, sandbox: Sandbox, options: {makeDefault?: boolean} = {}): void {
	const store = openStore({configDir, env: {}});
	store.saveProfile(sandboxProfile(sandbox));
	if (options.makeDefault ?? true) store.setDefaultProfile('sandbox');
	store.rememberStream('sandbox', sandbox.streamId, 'bot');
}

export type Run = RecordedRun & {configDir: string};

export type TerminalOptions = {cols?: number; rows?: number; env?: Record<string, string>};

export type PtyCli = {
	/**
	 * The CLI with `args` in a cols×rows terminal (default 80×24). Unless `--demo` or a `configDir`
	 * is given, a fresh settings folder holds the profile "sandbox" (this file's sandbox) with its
	 * stream remembered as "bot".
	 */
	start(args: string[], options?: TerminalOptions & {configDir?: string}): Promise<Run>;
	/** A shell command line in the terminal, with TMPDIR set to this file's temp folder. */
	startLine(commandLine: string, options?: TerminalOptions): Promise<RecordedRun>;
};

/** Registers the hooks (temp folder for the file, the running terminal killed after each test). */
export function usePtyCli(getSandbox: () => Sandbox, tmpPrefix = 'kc-rel-term-'): PtyCli {
	let current: RecordedRun | undefined;
	let tmp = '';
	beforeAll(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
	});
	afterAll(() => {
		fs.rmSync(tmp, {recursive: true, force: true});
	});
	afterEach(async () => {
		await current?.term.kill();
		current = undefined;
	});

	const startLine = async (commandLine: string, options: TerminalOptions = {}): Promise<RecordedRun> => {
		await current?.term.kill();
		current = await startRecorded(commandLine, {
			cols: options.cols ?? 80,
			rows: options.rows ?? 24,
			cwd: ROOT,
			env: {TMPDIR: tmp, ...options.env},
			recordDir: tmp,
		});
		return current;
	};

	return {
		async start(args, options = {}) {
			const configDir = options.configDir ?? fs.mkdtempSync(path.join(tmp, 'config-'));
			if (!options.configDir && !args.includes('--demo')) saveSandboxProfile(configDir, getSandbox());
			const run = await startLine(`${CLI} ${args.join(' ')}`, {
				...options,
				env: {KORE_CONTACTS_CONFIG_DIR: configDir, ...options.env},
			});
			return {...run, configDir};
		},
		startLine,
	};
}

/** After the CLI ended: cooked mode with echo (no raw mode left behind) and a visible cursor. */
export async function expectTerminalRestored(r: RecordedRun): Promise<void> {
	await r.exit();
	const modes = r.sttyModes();
	expect(modes, 'canonical mode restored').toContain('icanon');
	expect(modes, 'echo restored').toContain('echo');
	expect(modes).not.toContain('-icanon');
	expect(modes).not.toContain('-echo');
	// tmux may still be reading the last bytes the CLI wrote.
	await eventually(async () => {
		expect(await r.cursorVisible(), 'cursor visible').toBe(true);
	}, 3000);
}
