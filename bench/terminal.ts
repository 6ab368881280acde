/**
 * The benchmarks that run the built bundle in a real pty: the first frame (kore-contacts --demo
 * against the reference app), and a demo session that browses the whole contact list, types in
 * the filter and reports its peak memory.
 */
import stripAnsi from 'strip-ansi';
import {FILTER_KEYS} from './keys.js';
import {spawnInPty} from './pty.js';

export type FirstFrame = {ms: number; peakRss?: number};

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
		return {ms: drawn - pty.startedAt, peakRss: pty.peakRss()};
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
	/** VmHWM of the demo process after browsing and typing, bytes. */
	peakRss?: number;
	/** VmHWM after browsing, before typing. */
	peakRssAfterBrowsing?: number;
};

const LOADED = /([\d,]+) of ([\d,]+) loaded/g;
const HINTS = /type filter or ID .*Ctrl\+C quit/;
const END = '\u001B[F';

function lastLoaded(text: string): {loaded: number; total: number} | undefined {
	const all = [...text.matchAll(LOADED)];
	const last = all.at(-1);
	return last ? {loaded: Number(last[1]!.replaceAll(',', '')), total: Number(last[2]!.replaceAll(',', ''))} : undefined;
}

/**
 * `kore-contacts --demo` with KORE_CONTACTS_DEMO_CONTACTS=contacts: opens the sandbox stream, loads
 * every page of the browse list (End, which highlights "Load more"), then types FILTER_KEYS one
 * at a time (`pauseMs` apart, like a person: Ink draws at most every 33 ms) and times each frame.
 */
export async function demoSession(file: string, contacts: number, pauseMs = 100): Promise<DemoSession> {
	const pty = spawnInPty([process.execPath, file, '--demo'], {env: {...process.env, KORE_CONTACTS_DEMO_CONTACTS: String(contacts)}});
	try {
		await pty.waitFor(allOf(FIRST_SCREEN.demo), {what: 'the stream screen'});
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
		const samples: number[] = [];
		for (const key of FILTER_KEYS) {
			await sleep(pauseMs);
			from = pty.mark();
			const written = pty.write(key);
			const drawn = await pty.waitFor(text => HINTS.test(text), {from, what: `the frame after ${JSON.stringify(key)}`});
			samples.push(drawn - written);
		}

		return {...state, samples, peakRss: pty.peakRss(), peakRssAfterBrowsing};
	} finally {
		await pty.stop();
	}
}
