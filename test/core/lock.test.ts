import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {acquireLock, LockError, lockPath} from '../../source/store/lock.js';
import {tempDir} from '../helpers/run-cli.js';

const key = {host: 'https://kore.example', accountId: 'acc', streamId: 'st-1', contactId: 'c-1'};

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await new Promise(resolve => child.on('exit', resolve));
	return child.pid!;
}

describe('the per-contact lock', () => {
	it('is one file per (host, account, stream, contact), removed on release', async () => {
		const dir = tempDir();
		const held = await acquireLock(dir, key);
		expect(held.path).toBe(lockPath(dir, key));
		expect(JSON.parse(fs.readFileSync(held.path, 'utf8'))).toMatchObject({pid: process.pid, hostname: os.hostname()});
		expect(lockPath(dir, {...key, contactId: 'c-2'})).not.toBe(held.path);
		held.release();
		expect(fs.existsSync(held.path)).toBe(false);
	});

	it('a second writer waits for the first and gets it once released', async () => {
		const dir = tempDir();
		const first = await acquireLock(dir, key);
		let waitedFor: number | undefined;
		const second = acquireLock(dir, key, {onWait: owner => (waitedFor = owner?.pid)});
		let got = false;
		void second.then(() => (got = true));
		while (waitedFor === undefined) await new Promise(resolve => setTimeout(resolve, 10));
		expect(waitedFor).toBe(process.pid);
		expect(got).toBe(false);
		first.release();
		(await second).release();
	});

	it('gives up after the wait with a sentence naming the holder', async () => {
		const dir = tempDir();
		const first = await acquireLock(dir, key);
		const error = await acquireLock(dir, key, {waitMs: 100}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LockError);
		expect((error as Error).message).toContain(`kore-contacts (pid ${process.pid}) on this machine is still saving this contact`);
		first.release();
	});

	it('takes over a lock whose process is gone', async () => {
		const dir = tempDir();
		const file = lockPath(dir, key);
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.writeFileSync(file, JSON.stringify({pid: await deadPid(), hostname: os.hostname(), time: new Date().toISOString()}));
		const held = await acquireLock(dir, key, {waitMs: 1000});
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
		held.release();
	});
});
