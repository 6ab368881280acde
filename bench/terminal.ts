/**
 * The benchmarks that run the built bundle in a real pty: the first frame (kore-contacts --demo
 * against the reference app), and a demo session that browses the whole contact list, types in
 * the filter and reports its peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stripAnsi from 'strip-ansi';
import {BACKSPACE, FILTER_KEYS} from './keys.js';
import {spawnInPty, type PtyProcess} from './pty.js';

export type FirstFrame = {
	ms: number;
	/** CPU time (user + system) the process had used when the frame was read, ms (10 ms ticks): what load does not inflate much. */
	cpuMs?: number;
	peakRss?: number;
};

/** What must be on the screen for the first frame to count as drawn (all of them). */
export const FIRST_SCREEN = {
	demo: ['nothing real is changed', 'Choose a stream', 'Ctrl+C quit'],
	reference: ['reference app · first frame', 'q quit'],
};

const sleep = async (ms: number) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

const allOf = (markers: string[]) => (text: string) => markers.every(marker => text.includes(marker));

/** Spawns `node file ...args` in an 80×24 pty and times the first frame holding every marker. */
export async function firstFrame(file: string, args: string[], markers: string[], env?: NodeJS.ProcessEnv): Promise<FirstFrame> {
	const pty = spawnInPty([process.execPath, file, ...args], {env});
	try {
		const drawn = await pty.waitFor(allOf(markers), {what: `the first screen of ${file}`});
		return {ms: drawn - pty.startedAt, cpuMs: pty.cpuTime(), peakRss: pty.peakRss()};
	} finally {
		await pty.stop();
	}
}

/**
 * The reference app's list session (bench/reference-app/with-list.tsx) in an 80×24 pty until it has
 * drawn `ticks` frames (100 ms apart; the 2,000 rows are in after 40): its peak RSS then, in bytes.
 */
export async function listSessionPeakRss(file: string, ticks: number): Promise<number | undefined> {
	const pty = spawnInPty([process.execPath, file]);
	try {
		await pty.waitFor(text => text.includes(`2000 of 2000 loaded · ${ticks} ticks`), {
			timeoutMs: ticks * 300 + 10_000,
			what: `the reference list after ${ticks} ticks`,
		});
		return pty.peakRss();
	} finally {
		await pty.stop();
	}
}

export type DemoSession = {
	/** Contacts the demo's sandbox holds, as the contact screen reports them. */
	total: number;
	/** Contacts loaded into the browse list when the keys were typed. */
	loaded: number;
	/** Key written -> frame drawn, ms, for FILTER_KEYS. */
	samples: number[];
	/** CPU time (user + system) of the app process per key typed, ms: what a busy machine does not inflate. */
	cpuPerKey?: number;
	/** VmHWM of the demo process after browsing and typing, bytes. */
	peakRss?: number;
	/** VmHWM after browsing, before typing. */
	peakRssAfterBrowsing?: number;
};

const LOADED = /([\d,]+) of ([\d,]+) loaded/g;
const HINTS = /Enter open · Esc (back|clear) · Ctrl\+C quit/;
const END = '\u001B[F';

function lastLoaded(text: string): {loaded: number; total: number} | undefined {
	const all = [...text.matchAll(LOADED)];
	const last = all.at(-1);
	return last ? {loaded: Number(last[1]!.replaceAll(',', '')), total: Number(last[2]!.replaceAll(',', ''))} : undefined;
}

/** The text the filter line shows for `query` (the placeholder when empty), as a test on plain text. */
function filterShown(query: string): (text: string) => boolean {
	if (query === '') return text => text.includes('Find  name, phone or contact ID') && HINTS.test(text);
	const escaped = query.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const line = new RegExp(`Find {2}${escaped} `);
	return text => line.test(text) && HINTS.test(text);
}

/**
 * Loads every page of the browse list (End, which highlights "Load more"), then types FILTER_KEYS
 * one at a time (`pauseMs` apart, like a person) and times each key: from the write to the pty
 * until the frame that shows the filter text including that key has been read back (a frame for
 * an earlier key does not count).
 */
async function browseAndType(pty: PtyProcess, contacts: number, pauseMs: number): Promise<DemoSession> {
	await pty.waitFor(allOf(FIRST_SCREEN.demo.slice(1)), {what: 'the stream screen'});
	// Keys typed before Ink switches the terminal to raw mode are lost (the line discipline keeps them).
	await sleep(300);
	let from = pty.mark();
	pty.write('\r');
	await pty.waitFor(text => lastLoaded(text) !== undefined && HINTS.test(text), {from, what: 'the contact screen'});
	let state = lastLoaded(stripAnsi(pty.raw().slice(from)))!;
	for (let attempt = 0; state.loaded < state.total; attempt++) {
		// The list takes keys again only once the page is in (and its input handler is back).
		await sleep(50);
		from = pty.mark();
		pty.write(END);
		const before = state.loaded;
		try {
			await pty.waitFor(
				text => {
					const now = lastLoaded(text);
					return now !== undefined && now.loaded > before && HINTS.test(text);
				},
				{from, timeoutMs: 3000, what: `more than ${before} contacts loaded`},
			);
		} catch (error) {
			// A key that arrived while the screen was busy is dropped: press End again.
			if (attempt > 2 * Math.ceil(contacts / 50) + 10) throw error;
			continue;
		}

		state = lastLoaded(stripAnsi(pty.raw().slice(from)))!;
	}

	const peakRssAfterBrowsing = pty.peakRss();
	const cpuBefore = pty.cpuTime();
	const samples: number[] = [];
	let query = '';
	for (const key of FILTER_KEYS) {
		await sleep(pauseMs);
		query = key === BACKSPACE ? [...query].slice(0, -1).join('') : query + key;
		from = pty.mark();
		const written = pty.write(key);
		const drawn = await pty.waitFor(filterShown(query), {
			from,
			what: `the frame showing "${query}" after ${JSON.stringify(key)}`,
		});
		samples.push(drawn - written);
	}

	const cpuAfter = pty.cpuTime();
	const cpuPerKey = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / FILTER_KEYS.length : undefined;
	return {...state, samples, cpuPerKey, peakRss: pty.peakRss(), peakRssAfterBrowsing};
}

/** `kore-contacts --demo` (its built-in sandbox, in the same process, with the demo's contacts). */
export async function demoSession(file: string, contacts: number, pauseMs = 100): Promise<DemoSession> {
	const pty = spawnInPty([process.execPath, file, '--demo'], {
		env: {...process.env, KORE_CONTACTS_DEMO_CONTACTS: String(contacts)},
	});
	try {
		await pty.waitFor(allOf(FIRST_SCREEN.demo), {what: 'the demo stream screen'});
		return await browseAndType(pty, contacts, pauseMs);
	} finally {
		await pty.stop();
	}
}

/**
 * `kore-contacts --profile bench` against a sandbox with `contacts` contacts running in this (the
 * bench's) process, so the figures are the editor's own: a saved profile and a recent stream in a
 * throwaway settings folder, the same keys as the demo session.
 */
export async function browseSession(file: string, contacts: number, pauseMs = 100): Promise<DemoSession> {
	const {startSandbox} = await import('../source/sandbox/index.js');
	const {openStore} = await import('../source/store/config.js');
	const sandbox = await startSandbox({contactCount: contacts, rateLimitPerMinute: 0, port: 0});
	const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
	try {
		const store = openStore({configDir, env: {}});
		store.saveProfile({
			name: 'bench',
			host: sandbox.url,
			accountId: sandbox.accountId,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			protected: false,
		});
		store.setDefaultProfile('bench');
		store.rememberStream('bench', sandbox.streamId, 'bench');
		const env: NodeJS.ProcessEnv = {...process.env, KORE_CONTACTS_CONFIG_DIR: configDir};
		for (const name of Object.keys(env))
			if (/^KORE_(HOST|ACCOUNT_ID|CLIENT_ID|CLIENT_SECRET|PROFILE)$/.test(name)) delete env[name];
		// KC_NODE_ARGS: extra Node flags for the editor, to profile this session (e.g. --cpu-prof);
		// KC_WRAP: a command to run it under (e.g. heaptrack). Both split on spaces.
		const words = (name: string) => (process.env[name] ? process.env[name].split(' ') : []);
		const pty = spawnInPty([...words('KC_WRAP'), process.execPath, ...words('KC_NODE_ARGS'), file, '--profile', 'bench'], {env});
		try {
			return await browseAndType(pty, contacts, pauseMs);
		} finally {
			await pty.stop();
		}
	} finally {
		await sandbox.close();
		fs.rmSync(configDir, {recursive: true, force: true});
	}
}
