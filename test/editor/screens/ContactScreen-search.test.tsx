import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {contactMatcher} from '../../../source/contact/match.js';
import {currentScreen} from '../../../source/editor/state/flow.js';
import {ContactScreen} from '../../../source/editor/screens/ContactScreen.js';
import type {Sandbox} from '../../../source/sandbox/index.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../helpers/services.js';
import {atContactList} from '../helpers/states.js';

const CONTACTS = 260;
const PAGES = Math.ceil(CONTACTS / 50);
const getSandbox = useSandbox({contactCount: CONTACTS, rateLimitPerMinute: 0});
const WAIT = 20_000;

const listGets = (sb: Sandbox) => sb.requests.filter(r => r.method === 'GET' && r.path.endsWith('/contacts'));

/** A contact on a page not loaded yet whose "first last" (plain letters) matches it alone in the whole stream. */
function loneContact(sb: Sandbox, from: number, to: number): {contact: Contact; text: string} {
	const all = sb.contacts();
	for (const contact of all.slice(from, to)) {
		const text = `${contact.firstName ?? ''} ${contact.lastName ?? ''}`.toLowerCase();
		if (!/^[a-z]+ [a-z]+$/.test(text)) continue;
		if (all.filter(contactMatcher(text)).length === 1) return {contact, text};
	}
	throw new Error(`no contact between ${from} and ${to} has a name of its own`);
}

async function setup() {
	const sandbox = getSandbox();
	const services = makeServices();
	const client = testClient(sandboxCredentials(sandbox));
	const state = await atContactList(sandbox, client);
	sandbox.requests.length = 0;
	return {sandbox, services, client, state};
}

describe('ContactScreen: Search all pages', () => {
	it('offers the search when nothing loaded matches, reads ⌈N/50⌉ pages, lists the match, opens it', async () => {
		const {sandbox, services, client, state} = await setup();
		const {contact, text} = loneContact(sandbox, 120, CONTACTS);
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 30});
		await r.type(text);
		expect(r.frame()).toContain(`› Search all pages for '${text}'`);
		expect(r.frame()).toContain('no match among the 50 loaded');
		await r.press(KEY.enter);
		const done = await r.waitFor(`Searched all ${CONTACTS} contacts (${PAGES} pages): 1 found`, WAIT);
		expect(done).toContain(contact.id);
		expect(done).not.toContain('Search all pages for');
		expect(listGets(sandbox).map(q => `${q.query.skip}/${q.query.limit}`)).toEqual(
			Array.from({length: PAGES}, (_, i) => `${i * 50}/50`),
		);
		// The match is highlighted: Enter opens it.
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().contact?.id).toBe(contact.id);
		await r.unmount();
	});

	it('shows a match as its page arrives, with progress; Esc stops and keeps it; it goes on from there; results last for the session', async () => {
		const {sandbox, services, client, state} = await setup();
		const {contact, text} = loneContact(sandbox, 50, 100);
		// Slow pages: the search is still running when the match (page 2) is on the screen.
		sandbox.faults.latency(300, {method: 'GET', times: 1000});
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 30});
		await r.type(text);
		await r.press(KEY.enter);
		const early = await r.waitFor(frame => frame.includes(contact.id), WAIT);
		expect(early).toMatch(new RegExp(`Searching all pages… page [2-${PAGES - 1}] of ${PAGES} · 1 found · ≤ \\d s left`));
		expect(early).toContain('Esc stop searching');

		await r.press(KEY.escape);
		const stopped = await r.waitFor(/Search stopped at page \d of 6 \(\d+ contacts\): 1 found/, WAIT);
		expect(stopped).toContain(contact.id);
		const done = Number(/Search stopped at page (\d)/.exec(stopped)![1]);
		expect(stopped).toContain(`Go on searching for '${text}' from page ${done + 1} of ${PAGES}`);
		expect(currentScreen(r.state()).name).toBe('contact');
		sandbox.faults.clear();
		const asked = sandbox.arrivals.length;
		expect(asked).toBeLessThan(PAGES);

		// Cleared and typed again: what was found is back at once, from the session's cache.
		await r.press(KEY.escape);
		expect(r.frame()).not.toContain(contact.id);
		await r.type(text);
		expect(r.frame()).toContain(contact.id);
		expect(r.frame()).toMatch(/Search stopped at page/);
		expect(sandbox.arrivals).toHaveLength(asked);

		// Gone on with, it reads only the pages after the last one it had read, and finishes.
		sandbox.requests.length = 0;
		await r.press(KEY.down);
		await r.press(KEY.enter);
		const finished = await r.waitFor(`Searched all ${CONTACTS} contacts (${PAGES} pages): 1 found`, WAIT);
		expect(finished).toContain(contact.id);
		expect(listGets(sandbox).map(q => q.query.skip)).toEqual(
			Array.from({length: PAGES - done}, (_, i) => String((done + i) * 50)),
		);
		expect(sandbox.arrivals).toHaveLength(asked + PAGES - done);
		await r.unmount();

		// Another visit to the screen in the same session: the finished search is shown, nothing is asked.
		const again = await renderScreen(<ContactScreen />, {state, services, client, rows: 30});
		await again.type(text);
		expect(again.frame()).toContain(contact.id);
		expect(again.frame()).toContain(`Searched all ${CONTACTS} contacts`);
		expect(again.frame()).not.toContain('Search all pages for');
		expect(sandbox.arrivals).toHaveLength(asked + PAGES - done);
		await again.unmount();
	});

	it('finds a phone typed in national format on a later page, and is not offered once every page is loaded', async () => {
		const {sandbox, services, client, state} = await setup();
		const target = sandbox.contacts().find((c, i) => i >= 200 && c.cellPhone?.countryCode === '+44')!;
		const national = `0${String(target.cellPhone!.phoneNumber).slice(3)}`;
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 30});
		await r.paste(national);
		await r.waitFor(`› Search all pages for '${national}'`);
		await r.press(KEY.enter);
		const done = await r.waitFor(`Searched all ${CONTACTS} contacts`, WAIT);
		expect(done).toContain(target.id);

		const everything = {...state, list: {contacts: sandbox.contacts(), hasMore: false, nextSkip: CONTACTS, total: CONTACTS}};
		const loaded = await renderScreen(<ContactScreen />, {
			state: everything,
			services,
			client: testClient(sandboxCredentials(sandbox)),
		});
		await loaded.type('zzzz');
		expect(loaded.frame()).not.toContain('Search all pages');
		await loaded.unmount();
		await r.unmount();
	});
});
