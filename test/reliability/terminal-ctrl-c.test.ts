/**
 * Reliability matrix, terminal rows: Ctrl+C on every screen of the editor (issue 7). The whole
 * <Editor/> against the sandbox over real HTTP, a real settings folder, rendered with Ink through
 * ink-testing-library-style helpers (every render and key inside act()).
 *
 * The promise: Ctrl+C quits with 130 at once when nothing typed would be lost; when edits (or typed,
 * not yet submitted text) would be lost it asks first, "n" stays with everything kept, "y" (or a
 * second Ctrl+C) quits with 130. During the PUT it aborts the request instead (SendScreen test and
 * terminal-pty.test.ts).
 */
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import type {EditorServices} from '../../source/editor/services.js';
import {QUIT_QUESTION} from '../../source/editor/components/ScreenLayout.js';
import {openStore} from '../../source/store/config.js';
import {KEY, renderInk, type Rendered} from '../editor/helpers/render.js';
import {tempConfigDir, testClient} from '../editor/helpers/services.js';
import {putArrived, useSandbox} from '../helpers/sandbox.js';
import {chooseMenuRow as choose, sandboxStore} from './ink-editor.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

type Started = {r: Rendered; codes: number[]; services: EditorServices};

/** The editor with a saved profile "sandbox"; `at: 'stream'` opens it on that profile's streams. */
async function start(options: {at?: 'profile' | 'stream'; profile?: 'none' | 'full' | 'no-secret'} = {}): Promise<Started> {
	const sandbox = getSandbox();
	const store =
		options.profile === 'none'
			? openStore({configDir: tempConfigDir(), env: {}})
			: sandboxStore(sandbox, options.profile === 'no-secret' ? {clientSecret: undefined} : {});

	const services: EditorServices = {
		store,
		env: {},
		color: false,
		createClient: (credentials, hooks) => testClient(credentials, hooks),
		...(options.at === 'stream' ? {initialProfile: 'sandbox'} : {}),
	};
	const codes: number[] = [];
	const r = await renderInk(createElement(Editor, {services, onExit: (code: number) => codes.push(code)}), {
		columns: 80,
		rows: 24,
	});
	return {r, codes, services};
}

async function toCard(s: Started): Promise<void> {
	await s.r.waitFor('› bot');
	await s.r.press(KEY.enter);
	await s.r.waitFor(/30 of 30 loaded/);
	await s.r.press(KEY.enter);
	await s.r.waitFor('Review changes (0)');
}

/** Card -> name form -> last name + "zz" -> card with one edit. */
async function toDirtyCard(s: Started): Promise<void> {
	await toCard(s);
	await s.r.press(KEY.enter);
	await s.r.waitFor('Edit name');
	await s.r.press(KEY.tab);
	// End first: added to the prefilled last name (a change every time), not replacing it.
	await s.r.press(KEY.end);
	await s.r.paste('zz');
	await s.r.press(KEY.enter);
	await s.r.waitFor('Review changes (1)');
}

async function toReview(s: Started): Promise<void> {
	await toDirtyCard(s);
	await choose(s.r, 'Review changes');
	await s.r.press(KEY.enter);
	await s.r.waitFor('y send');
}

async function quitsAtOnce(s: Started): Promise<void> {
	expect(s.codes).toEqual([]);
	await s.r.press(KEY.ctrlC);
	expect(s.codes).toEqual([130]);
	expect(s.r.frame()).not.toContain(QUIT_QUESTION);
	await s.r.unmount();
}

/**
 * Asks first; "n" stays on the same screen with `kept` still shown; then Ctrl+C and "y" quit
 * with 130, and on a second run Ctrl+C twice does too.
 */
async function asksFirst(s: Started, kept: string | RegExp): Promise<void> {
	// Line 0 is the header, line 1 the screen's title.
	const before = s.r.frame().split('\n')[1];
	await s.r.press(KEY.ctrlC);
	await s.r.waitFor(QUIT_QUESTION);
	expect(s.codes).toEqual([]);
	await s.r.press('n');
	await s.r.waitFor(frame => !frame.includes(QUIT_QUESTION));
	expect(s.r.frame().split('\n')[1], 'the same screen after "n"').toBe(before);
	expect(s.r.frame()).toMatch(kept);
	expect(s.codes).toEqual([]);
	await s.r.press(KEY.ctrlC);
	await s.r.waitFor(QUIT_QUESTION);
	await s.r.press(KEY.ctrlC);
	expect(s.codes).toEqual([130]);
	await s.r.unmount();
}

describe('Ctrl+C on every screen of the editor', () => {
	it('profile screen: quits at once with 130', async () => {
		const s = await start({at: 'profile'});
		await s.r.waitFor('Choose a profile');
		await quitsAtOnce(s);
	});

	it('profile form: untouched quits at once; with typed text asks first and keeps it', async () => {
		const untouched = await start({profile: 'none'});
		await untouched.r.waitFor('Create a profile…');
		await untouched.r.press(KEY.enter);
		await untouched.r.waitFor('Create a profile');
		await untouched.r.waitFor('Tab/↑↓ field');
		await quitsAtOnce(untouched);

		const typed = await start({profile: 'none'});
		await typed.r.waitFor('Create a profile…');
		await typed.r.press(KEY.enter);
		await typed.r.waitFor('Tab/↑↓ field');
		await typed.r.paste('night-shift');
		await typed.r.waitFor('night-shift');
		await asksFirst(typed, 'night-shift');
	});

	it('client secret screen: quits at once (nothing typed is an edit of a contact)', async () => {
		const s = await start({at: 'stream', profile: 'no-secret'});
		await s.r.waitFor('Client secret for profile sandbox');
		await quitsAtOnce(s);
	});

	it('stream screen: quits at once; a stream ID being typed asks first', async () => {
		const list = await start({at: 'stream'});
		await list.r.waitFor('› bot');
		await quitsAtOnce(list);

		const typing = await start({at: 'stream'});
		await typing.r.waitFor('› bot');
		await choose(typing.r, 'Enter a stream ID');
		await typing.r.press(KEY.enter);
		await typing.r.waitFor('Stream ID');
		await typing.r.paste('st-typed-half');
		await typing.r.waitFor('st-typed-half');
		await asksFirst(typing, 'st-typed-half');
	});

	it('contact screen (with a filter typed): quits at once', async () => {
		const s = await start({at: 'stream'});
		await s.r.waitFor('› bot');
		await s.r.press(KEY.enter);
		await s.r.waitFor(/30 of 30 loaded/);
		await s.r.paste('jo');
		await quitsAtOnce(s);
	});

	it('contact card: quits at once without edits, asks first with one', async () => {
		const clean = await start({at: 'stream'});
		await toCard(clean);
		await quitsAtOnce(clean);

		const dirty = await start({at: 'stream'});
		await toDirtyCard(dirty);
		await asksFirst(dirty, /Last name +\w*zz \(edited, was/);
	});

	it('name form: untouched quits at once; typed text asks first and is kept on "n"', async () => {
		const untouched = await start({at: 'stream'});
		await toCard(untouched);
		await untouched.r.press(KEY.enter);
		await untouched.r.waitFor('Edit name');
		await quitsAtOnce(untouched);

		const typed = await start({at: 'stream'});
		await toCard(typed);
		await typed.r.press(KEY.enter);
		await typed.r.waitFor('Edit name');
		await typed.r.paste('qq');
		await typed.r.waitFor('qq');
		await asksFirst(typed, 'qq');
	});

	it('salutation form: asks first when the contact has unsaved edits', async () => {
		const s = await start({at: 'stream'});
		await toDirtyCard(s);
		await choose(s.r, 'Salutation');
		await s.r.press(KEY.enter);
		await s.r.waitFor('Edit salutation');
		await asksFirst(s, 'Edit salutation');
	});

	it('salutation form: "Other…" text being typed asks first', async () => {
		const s = await start({at: 'stream'});
		await toCard(s);
		await choose(s.r, 'Salutation');
		await s.r.press(KEY.enter);
		await s.r.waitFor('Edit salutation');
		await choose(s.r, 'Other');
		await s.r.press(KEY.enter);
		await s.r.paste('Prof');
		await s.r.waitFor('Prof');
		await asksFirst(s, 'Prof');
	});

	it('cell phone form: typed digits ask first and are kept on "n"', async () => {
		const s = await start({at: 'stream'});
		await toCard(s);
		await choose(s.r, 'Cell phone');
		await s.r.press(KEY.enter);
		await s.r.waitFor('Edit cell phone');
		await s.r.paste('77');
		await s.r.waitFor(/Number +\d*77/);
		await asksFirst(s, /Number +\d*77/);
	});

	it('review: asks first, and the edit is still there on "n"', async () => {
		const s = await start({at: 'stream'});
		await toReview(s);
		await asksFirst(s, /zz/);
	});

	it('curl view: asks first, and the edit is still there on "n"', async () => {
		const s = await start({at: 'stream'});
		await toReview(s);
		await s.r.press('c');
		await s.r.waitFor('$KORE_JWT');
		await asksFirst(s, /zz/);
	});

	it('review: Ctrl+C then "n" leaves the review on the view it showed (diff stays diff)', async () => {
		const s = await start({at: 'stream'});
		await toReview(s);
		expect(s.r.frame()).not.toContain('$KORE_JWT');
		await s.r.press(KEY.ctrlC);
		await s.r.waitFor(QUIT_QUESTION);
		await s.r.press('n');
		await s.r.waitFor(frame => !frame.includes(QUIT_QUESTION));
		try {
			expect(s.r.frame()).not.toContain('$KORE_JWT');
		} finally {
			await s.r.unmount();
		}
	});

	it('result after a save: quits at once (nothing unsaved any more)', async () => {
		const s = await start({at: 'stream'});
		await toReview(s);
		await s.r.press('y');
		await s.r.waitFor(/Saved \w+/, 8000);
		await quitsAtOnce(s);
	});

	it('conflict screen (someone else changed the contact): asks first, nothing sent', async () => {
		const sandbox = getSandbox();
		const s = await start({at: 'stream'});
		await toReview(s);
		const first = sandbox.contacts()[0]!;
		// The same field as ours (the name): a conflict.
		sandbox.editContact(first.id, {firstName: 'Someone', lastName: 'Else'});
		sandbox.requests.length = 0;
		await s.r.press('y');
		await s.r.waitFor('changed since you loaded it', 8000);
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toEqual([]);
		await asksFirst(s, 'changed since you loaded it');
	});

	it('result with the outcome unknown (Ctrl+C during the PUT): the first Ctrl+C aborted, the next quits', async () => {
		const sandbox = getSandbox();
		const s = await start({at: 'stream'});
		await toReview(s);
		sandbox.faults.latency(3000, {method: 'PUT'});
		await s.r.press('y');
		await s.r.waitFor('Saving (PUT)…', 8000);
		// Once the PUT is at the server: before it leaves, a cancel is a known "nothing was sent".
		await s.r.waitFor(() => putArrived(sandbox));
		await s.r.press(KEY.ctrlC);
		await s.r.waitFor(/Outcome unknown for \w+/);
		expect(s.codes, 'Ctrl+C during the PUT aborts it, it does not quit').toEqual([]);
		expect(s.r.frame()).toContain('kore-contacts get --stream');
		await quitsAtOnce(s);
	});
});
