import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {cliBin, collectCli, REPO_ROOT, type CliResult} from '../helpers/run-cli.js';

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
 * `kore-contacts ...args` as a child process (the bundle, see cliBin) with exactly the given
 * environment (runCli always adds HOME; the "no HOME" and "other user" cases need full control).
 * With `uid`, it runs the copy made by bundleForOtherUsers, from that copy's folder unless `cwd`
 * says otherwise: that user may not be able to read the checkout.
 */
export function spawnCli(args: string[], options: SpawnOptions): Promise<CliResult> {
	const bin = options.uid === undefined ? cliBin() : bundleForOtherUsers();
	const child = spawn(process.execPath, [bin, ...args], {
		cwd: options.cwd ?? (options.uid === undefined ? REPO_ROOT : path.dirname(bin)),
		env: options.env,
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.gid ?? options.uid}),
	});
	return collectCli(child, args, {input: options.input, timeoutMs: options.timeoutMs ?? 60_000});
}

let sharedBundle: string | undefined;

/**
 * The bundle copied into a folder every user can read: a checkout inside a private (0700) folder,
 * as CI clones it when it runs as root, is out of reach for "nobody". One file is all it needs.
 */
export function bundleForOtherUsers(): string {
	if (!sharedBundle) {
		const copy = path.join(sharedTempDir('kc-bundle-'), 'cli.js');
		fs.copyFileSync(cliBin(), copy);
		fs.chmodSync(copy, 0o755);
		sharedBundle = copy;
	}

	return sharedBundle;
}

/** Removes the copy bundleForOtherUsers made (afterAll of the test files that use it). */
export function removeBundleForOtherUsers(): void {
	if (sharedBundle) fs.rmSync(path.dirname(sharedBundle), {recursive: true, force: true});
	sharedBundle = undefined;
}

/**
 * Why user `uid` cannot run kore-contacts here (e.g. node itself lives in a folder only its owner
 * can enter, or the temp folder is private), or undefined when it can: for a skip with the reason.
 */
export function cannotRunAs(uid: number): string | undefined {
	const bin = bundleForOtherUsers();
	const probe = spawnSync(process.execPath, [bin, '--version'], {
		cwd: path.dirname(bin),
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin'},
		uid,
		gid: uid,
		encoding: 'utf8',
		timeout: 60_000,
	});
	if (probe.status === 0) return undefined;
	const lines = probe.stderr.trim().split('\n');
	const why = probe.error?.message ?? lines.find(line => /Error/.test(line)) ?? (lines[0] || `exit ${probe.status}`);
	return `user ${uid} cannot run ${process.execPath} ${bin}: ${why}`;
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
