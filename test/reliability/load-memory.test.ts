/**
 * Reliability matrix, load row (issue 7): all 20,000 contacts of a stream in the editor's browse
 * list, then filtered, moved through and opened. The contact screen against the sandbox over real
 * HTTP with the editor's real reducer (rendered in-process with Ink, every key inside act()): the
 * first 19,000 arrive as the screen would apply them, the last 1,000 through the keyboard (End).
 *
 * The rate limit is off here (sandbox and client): 400 pages at 60 a minute would take 7 minutes;
 * load-rate.test.ts covers the limit in the real CLI. Memory is measured and printed for
 * docs/reliability-terminal.md; responsiveness means the keys are still handled (no timing
 * assertion: timings belong in the bench).
 */
import {createElement} from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {currentScreen} from '../../source/editor/state/flow.js';
import {ContactScreen} from '../../source/editor/screens/ContactScreen.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {KEY, renderScreen, stringWidth} from '../editor/helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../editor/helpers/services.js';
import {atContactList, run} from '../editor/helpers/states.js';

const CONTACTS = 20_000;
/** Pages from here on load through the keyboard. */
const KEYBOARD_FROM = 19_000;
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({contactCount: CONTACTS, rateLimitPerMinute: 0});
});
afterAll(async () => {
	await sandbox?.close();
});

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** "1,234 of 20,000 loaded" -> 1234. */
function loadedCount(frame: string): number {
	const match = /([\d,]+) of 20,000 loaded/.exec(frame);
	return match ? Number(match[1]!.replaceAll(',', '')) : 0;
}

describe('load: 20,000 contacts in the browse list', () => {
	it('with 19,000 contacts in the list, the last pages still load through the keyboard, then filtering, moving and opening work; memory measured', {
		timeout: 90_000,
	}, async () => {
		const baseline = process.memoryUsage();
		const client = testClient(sandboxCredentials(sandbox));
		// The first 380 pages (19,000 contacts) over HTTP and through the editor's own reducer, as
		// the contact screen applies them, but without drawing each one (that part is timing, for the bench).
		let state = await atContactList(sandbox, client);
		while (state.list!.contacts.length < KEYBOARD_FROM) {
			const page = await client.listContacts(sandbox.streamId, {skip: state.list!.nextSkip, limit: 50});
			state = run(state, {type: 'page-loaded', page});
		}

		const r = await renderScreen(createElement(ContactScreen), {state, services: makeServices(), client, columns: 80, rows: 24});
		await r.waitFor('19,000 of 20,000 loaded');

		// The last 20 pages: End highlights "Load more contacts…", which loads the next page.
		let loaded = KEYBOARD_FROM;
		while (loaded < CONTACTS) {
			await r.press(KEY.end);
			const frame = await r.waitFor(f => loadedCount(f) > loaded && !f.includes('Loading more'), 10_000);
			loaded = loadedCount(frame);
		}

		const full = r.frame();
		expect(full).toContain('20,000 of 20,000 loaded');
		expect(full).not.toContain('Load more contacts…');
		expect(r.state().list?.contacts).toHaveLength(CONTACTS);
		expect(sandbox.requests.filter(q => q.method === 'GET')).toHaveLength(CONTACTS / 50);
		// Still one short frame, however long the list.
		expect(full.split('\n').length).toBeLessThan(24);
		expect(Math.max(...full.split('\n').map(line => stringWidth(line)))).toBeLessThanOrEqual(80);
		const memory = process.memoryUsage();

		// Keys are handled on the full list: filter by name (252 matches), move, clear the filter,
		// filter by the ID of the very last contact, open it (no request: it is loaded).
		let t = Date.now();
		await r.paste('Müller');
		const muller = await r.waitFor(/^› \S+ Müller/m);
		const filterMs = Date.now() - t;
		expect(muller).toMatch(/\d+ more/);
		// The highlighted row of the list (the Find field's line also starts with "› ").
		const pointer = (f: string) => f.split('\n').findIndex(line => line.startsWith('› ') && !line.startsWith('› Find'));
		const before = pointer(muller);
		await r.press(KEY.down);
		await r.waitFor(f => pointer(f) === before + 1);
		await r.press(KEY.escape);
		await r.waitFor('name, phone or contact ID');
		const last = sandbox.contacts().at(-1)!;
		t = Date.now();
		await r.paste(last.id);
		await r.waitFor(new RegExp(`^› .*${last.id}`, 'm'));
		const idFilterMs = Date.now() - t;
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'card');
		expect(r.state().contact?.id).toBe(last.id);
		expect(sandbox.requests.filter(q => q.method === 'GET')).toHaveLength(CONTACTS / 50);

		const usage = process.resourceUsage();
		console.info(
			`[load-memory] ${CONTACTS} contacts in the browse list (${CONTACTS / 50} pages, limit off). ` +
				`Test process (vitest worker + sandbox holding 20,000 + editor): RSS ${mb(baseline.rss)} -> ${mb(memory.rss)} MB, ` +
				`heap used ${mb(baseline.heapUsed)} -> ${mb(memory.heapUsed)} MB, peak RSS ${Math.round(usage.maxRSS / 1024)} MB. ` +
				`Filter "Müller" over 20,000: ${filterMs} ms; filter by ID: ${idFilterMs} ms (not asserted).`,
		);
		// Sanity bound, not a benchmark.
		expect(mb(memory.rss)).toBeLessThan(1024);
		await r.unmount();
	});
});
