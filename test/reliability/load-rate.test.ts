/**
 * Reliability matrix, load row (issue 7): browsing a stream of 20,000 contacts in the real CLI, in a
 * real terminal (tmux), against the sandbox with its rate limit ON (60 requests per minute per
 * account, like Kore.ai). The operator pages through as fast as the keyboard allows; the client
 * must hold itself to the limit (never a 429), say that it waits, and keep handling keys.
 *
 * A full browse of 20,000 contacts is 400 pages: at 60 requests/min that is 7 minutes, so this test
 * covers the first minute's budget and the wait at its end; load-memory.test.ts loads all 20,000
 * (limit off) for memory and responsiveness.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {startRecorded, type Pty, type RecordedRun} from '../helpers/pty.js';
import {CLI, ROOT, saveSandboxProfile} from './pty-session.js';

const CONTACTS = 20_000;
const LIMIT = 60;

let sandbox: Sandbox;
let tmp = '';
let run: RecordedRun | undefined;
beforeAll(async () => {
	// Not useSandbox: its window and the client's must both start empty, and 20,000 contacts are seeded once.
	sandbox = await startSandbox({contactCount: CONTACTS, rateLimitPerMinute: LIMIT});
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rel-load-'));
});
afterAll(async () => {
	await run?.term.kill();
	await sandbox?.close();
	fs.rmSync(tmp, {recursive: true, force: true});
});

/** Most requests the sandbox saw inside any 60-second window. */
function peakPerMinute(times: number[]): number {
	let peak = 0;
	for (const [i, start] of times.entries()) {
		peak = Math.max(peak, times.slice(i).filter(t => t < start + 60_000).length);
	}

	return peak;
}

/** "1,234 of 20,000 loaded" -> 1234. */
function loadedCount(screen: string): number | undefined {
	const match = /([\d,]+) of 20,000 loaded/.exec(screen);
	return match ? Number(match[1]!.replaceAll(',', '')) : undefined;
}

/** Peak and current resident set of a process, in MB (Linux /proc). */
function memoryOf(pid: number): {peakMb: number; rssMb: number} {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
	return {peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024)};
}

/** Polls the screen until `done` holds or `timeoutMs` passed; returns the last screen either way. */
async function waitUntil(term: Pty, done: (screen: string) => boolean, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const screen = await term.screen();
		if (done(screen) || Date.now() > deadline) return screen;
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

describe('load: browsing 20,000 contacts with the rate limit on', () => {
	it('pages as fast as keys allow: never a 429, at most 60 requests a minute, the wait is shown, keys still handled', {
		timeout: 90_000,
	}, async () => {
		const configDir = fs.mkdtempSync(path.join(tmp, 'config-'));
		saveSandboxProfile(configDir, sandbox, {makeDefault: false});
		run = await startRecorded(`${CLI} --profile sandbox`, {
			cols: 80,
			rows: 24,
			cwd: ROOT,
			env: {KORE_CONTACTS_CONFIG_DIR: configDir, TMPDIR: tmp},
			recordDir: tmp,
		});
		const {term} = run;
		await term.waitFor('› bot');
		await term.key('Enter');
		let screen = await term.waitFor('50 of 20,000 loaded');
		const pid = await run.commandPid();
		const atStart = memoryOf(pid);

		// End moves to "Load more contacts…", which loads the next page; again and again, until the
		// client holds a request back. Each End is pressed once the previous page is on screen.
		// (An End that arrives in the instant a page lands can be dropped: then it is pressed again.)
		const waiting = /Rate limit: waiting (\d+) s/;
		const settled = (s: string) => waiting.test(s) || ((loadedCount(s) ?? 0) > loaded && !s.includes('Loading more'));
		let loaded = 50;
		for (let presses = 0; !waiting.test(screen); presses++) {
			if (presses > LIMIT + 20) throw new Error(`No rate-limit wait after ${presses} presses of End:\n${screen}`);
			// eslint-disable-next-line no-await-in-loop
			await term.key('End');
			// eslint-disable-next-line no-await-in-loop
			screen = await waitUntil(term, settled, 2000);
			loaded = loadedCount(screen) ?? loaded;
		}

		const during = memoryOf(pid);
		// The wait is on screen, the request is held back in the client: the server never said 429.
		const statuses = sandbox.requests.map(q => q.status);
		expect(statuses.filter(s => s === 429)).toEqual([]);
		expect(statuses.every(s => s === 200)).toBe(true);
		expect(sandbox.requests).toHaveLength(LIMIT);
		const times = sandbox.requests.map(q => q.at);
		expect(peakPerMinute(times)).toBeLessThanOrEqual(LIMIT);
		expect(loaded).toBe(LIMIT * 50);
		expect(screen).toContain('Loading more contacts…');
		expect(screen).toContain('Esc cancel');

		// Keys are still handled while it waits: Esc cancels the wait (nothing is sent), the 3,000
		// loaded contacts can be filtered and opened without the network.
		await term.key('Escape');
		screen = await term.waitFor('3,000 of 20,000 loaded');
		expect(screen).not.toMatch(waiting);
		// Home first: typing a filter while "Load more contacts…" is highlighted starts the next page
		// (and so another wait) instead: reported to the lead.
		await term.key('Home');
		await term.waitFor(/^› john/m);
		const target = sandbox.contacts()[2_345]!;
		await term.send(target.id);
		await term.waitFor(new RegExp(`^› .*${target.id}`, 'm'));
		await term.key('Enter');
		await term.waitFor(`Contact ${target.id}`);
		expect(sandbox.requests).toHaveLength(LIMIT);
		expect(sandbox.requests.filter(q => q.status === 429)).toEqual([]);

		const after = memoryOf(pid);
		const span = (Math.max(...times) - Math.min(...times)) / 1000;
		console.info(
			`[load-rate] ${CONTACTS} contacts, limit ${LIMIT}/min: ${sandbox.requests.length} requests in ${span.toFixed(1)} s ` +
				`(peak ${peakPerMinute(times)} in any 60 s), 0 × 429, then the client waited; ` +
				`CLI (bundle) RSS with 50 loaded: ${atStart.rssMb} MB, with ${loaded} loaded: ${during.rssMb} MB, peak ${Math.max(during.peakMb, after.peakMb)} MB`,
		);
		// A sanity bound, not a benchmark: 3,000 contacts must not cost hundreds of MB.
		expect(after.peakMb).toBeLessThan(400);

		await term.key('C-c');
		expect(await run.exit()).toBe(130);
	});
});
