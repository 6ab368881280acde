import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {expect} from 'vitest';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {collectCli, REPO_ROOT, type CliResult} from '../helpers/run-cli.js';

export {closedPort, selfSignedCert, sleep} from '../kore/kore-test-helpers.js';
export {CONTROL_CHARACTERS, plainContactFrom, puts, sandboxEnv} from '../commands/helpers.js';

/**
 * The promise every expected failure keeps: an exit code, one or a few sentences on stderr,
 * never a stack trace or the "looks like a bug" line, never the secret or a JWT.
 */
export function expectCleanFailure(result: CliResult, code: number, secret?: string): void {
	expect(result.code, `stderr: ${result.stderr}`).toBe(code);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(result.stderr).not.toContain('looks like a bug');
	expect(result.stderr).not.toContain('Something unexpected went wrong');
	expect(`${result.stdout}${result.stderr}`).not.toMatch(/eyJ[\w-]*\.[\w-]*\.[\w-]*/);
	if (secret) expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
}

/** The PUTs the sandbox answered (any status), for "sent once / never sent" checks. */
export function putCount(sb: Sandbox): number {
	return sb.requests.filter(r => r.method === 'PUT').length;
}

export type SpawnOptions = {
	/** The whole environment (nothing is added). */
	env: Record<string, string>;
	cwd?: string;
	/** Run as this user id (only possible when the tests run as root). */
	uid?: number;
	gid?: number;
	timeoutMs?: number;
	input?: string;
};

/**
 * `kore-contacts ...args` as a child process with exactly the given environment (runCli always
 * adds HOME; the "no HOME" and "other user" cases need full control).
 */
export function spawnCli(args: string[], options: SpawnOptions): Promise<CliResult> {
	const bin = process.env['KORE_CONTACTS_BIN'];
	const cli = path.join(REPO_ROOT, 'source', 'cli.tsx');
	// tsx by absolute URL: the child may start in another folder (or as another user).
	const tsx = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
	const command = bin ? [path.resolve(REPO_ROOT, bin), ...args] : ['--import', tsx, cli, ...args];
	const child = spawn(process.execPath, command, {
		cwd: options.cwd ?? REPO_ROOT,
		env: options.env,
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.gid ?? options.uid}),
	});
	return collectCli(child, args, {input: options.input, timeoutMs: options.timeoutMs ?? 60_000});
}

/** A temp folder another user can enter (for tests that run the CLI as that user). */
export function sharedTempDir(prefix = 'kc-rel-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	return dir;
}

/**
 * Runs `fn` with a sandbox of its own (closed afterwards), so slow cases that mostly wait
 * (retries, backoff, timeouts) can run concurrently without sharing faults or recorded requests.
 */
export async function withSandbox<T>(options: SandboxOptions, fn: (sb: Sandbox) => Promise<T>): Promise<T> {
	const sb = await startSandbox({rateLimitPerMinute: 0, ...options});
	try {
		return await fn(sb);
	} finally {
		await sb.close();
	}
}
