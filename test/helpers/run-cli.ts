import {spawn, type ChildProcessByStdio} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type CliResult = {code: number; stdout: string; stderr: string};

export type RunCliOptions = {
	/** Added to the clean environment (PATH, HOME and KORE_CONTACTS_CONFIG_DIR are always set). */
	env?: Record<string, string>;
	/** Written to stdin, which is then closed (stdin is a pipe: never a TTY). */
	input?: string;
	/** Kill the child and fail after this long (default 20 s). */
	timeoutMs?: number;
	/** Sends SIGINT once this returns true for the output so far (for Ctrl+C tests). */
	sigintWhen?: (output: {stdout: string; stderr: string}) => boolean;
};

/**
 * The kore-contacts under test: the built bundle, dist/cli.js (what npx runs; vitest's globalSetup
 * builds it from the current source), or the file KORE_CONTACTS_BIN names.
 */
export function cliBin(): string {
	const named = process.env['KORE_CONTACTS_BIN'];
	const bin = path.resolve(REPO_ROOT, named ?? path.join('dist', 'cli.js'));
	if (!fs.existsSync(bin)) {
		throw new Error(
			named
				? `KORE_CONTACTS_BIN names ${bin}, which does not exist.`
				: `${bin} does not exist: run npm run build (npx vitest builds it first unless KORE_CONTACTS_BIN is set).`,
		);
	}

	return bin;
}

/** The command that runs kore-contacts: this node and the bundle (see cliBin). */
export function cliCommand(): string[] {
	return [process.execPath, cliBin()];
}

/** cliCommand as a shell command line (for `sh -c`). */
export function cliCommandLine(): string {
	return cliCommand()
		.map(word => `'${word.replaceAll("'", `'\\''`)}'`)
		.join(' ');
}

/** A fresh private folder, like the app's settings folder (removed by the OS's temp cleaning). */
export function tempDir(prefix = 'kc-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Runs `kore-contacts ...args` as a child process (`node dist/cli.js`, see cliBin). The environment
 * is clean: PATH, a temp HOME, a temp KORE_CONTACTS_CONFIG_DIR (unless options.env gives one), no
 * proxies, no KORE_* variables unless given, no NO_COLOR/TERM. Resolves with the exit code (128 + n
 * for a signal).
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
	const home = tempDir('kc-home-');
	const env: Record<string, string> = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: home,
		KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config'),
		...options.env,
	};
	const child = spawn(process.execPath, [cliBin(), ...args], {cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe']});

	let interrupted = false;
	let latest = {stdout: '', stderr: ''};
	const check = () => {
		if (!interrupted && options.sigintWhen?.(latest)) {
			interrupted = true;
			child.kill('SIGINT');
		}
	};
	// Also between outputs: the condition may wait on something else (the sandbox getting a request).
	const poll = options.sigintWhen ? setInterval(check, 20) : undefined;
	return collectCli(child, args, {
		input: options.input,
		timeoutMs: options.timeoutMs ?? 20_000,
		onOutput(output) {
			latest = output;
			check();
		},
		onClose() {
			clearInterval(poll);
			fs.rmSync(home, {recursive: true, force: true});
		},
	});
}

export type CollectOptions = {
	/** Written to stdin, which is then closed. */
	input?: string;
	/** Kill the child (SIGKILL) and fail after this long. */
	timeoutMs: number;
	/** Called with the output so far after each chunk. */
	onOutput?: (output: {stdout: string; stderr: string}) => void;
	/** Called once the child has closed, before the result is resolved. */
	onClose?: () => void;
};

/**
 * Feeds `input` to a spawned `kore-contacts ...args` and collects its output: resolves with the exit
 * code (128 + n for a signal), rejects when it does not finish within `timeoutMs`.
 */
export async function collectCli(
	child: ChildProcessByStdio<Writable, Readable, Readable>,
	args: string[],
	options: CollectOptions,
): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		options.onOutput?.({stdout, stderr});
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		options.onOutput?.({stdout, stderr});
	});
	child.stdin.on('error', () => {
		// The child may exit without reading stdin.
	});
	child.stdin.end(options.input ?? '');

	const {timeoutMs} = options;
	return new Promise<CliResult>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`kore-contacts ${args.join(' ')} did not finish within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`),
			);
		}, timeoutMs);
		child.on('error', error => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			options.onClose?.();
			const signalNumber = signal ? (os.constants.signals[signal] ?? 0) : 0;
			resolve({code: code ?? 128 + signalNumber, stdout, stderr});
		});
	});
}
