/**
 * Reliability matrix, terminal rows (issue 7): the editor at 40 columns, per screen, in-process
 * (Ink through the act()-wrapped helpers; the real-terminal runs are in terminal-pty.test.ts).
 * Every frame must be shorter than the terminal (taller output makes Ink clear and redraw the
 * whole screen on every key, which flickers over SSH) and no line wider than it.
 */
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import {frameRows, KEY, renderInk, stringWidth, type Rendered} from '../editor/helpers/render.js';
import {testClient} from '../editor/helpers/services.js';
import {useSandbox} from '../helpers/sandbox.js';
import {chooseMenuRow as choose, sandboxStore} from './ink-editor.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

async function start(columns: number, rows: number): Promise<Rendered> {
	const sandbox = getSandbox();
	const store = sandboxStore(sandbox);
	return renderInk(
		createElement(Editor, {
			services: {
				store,
				env: {},
				color: false,
				createClient: (credentials, hooks) => testClient(credentials, hooks),
				initialProfile: 'sandbox',
				demo: {banner: 'sandbox on 127.0.0.1, nothing real changes'},
			},
			onExit() {},
		}),
		{columns, rows},
	);
}

function expectFits(frame: string, columns: number, rows: number): void {
	expect(frameRows(frame), `shorter than the terminal (${rows} rows):\n${frame}`).toBeLessThan(rows);
	for (const line of frame.split('\n')) {
		expect(stringWidth(line), `wider than ${columns}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(columns);
	}
}

async function toReview(r: Rendered): Promise<void> {
	await r.waitFor('› bot');
	await r.press(KEY.enter);
	await r.waitFor('30 of 30 loaded');
	await r.press(KEY.enter);
	await r.waitFor('Review changes (0)');
	await r.press(KEY.enter);
	await r.waitFor('Edit name');
	await r.press(KEY.tab);
	// End first: added to the prefilled last name (a change every time), not replacing it.
	await r.press(KEY.end);
	await r.paste('-a-surname-much-longer-than-forty-columns');
	await r.press(KEY.enter);
	await r.waitFor('Review changes (1)');
	await choose(r, 'Review changes (1)');
	await r.press(KEY.enter);
	await r.waitFor('send');
}

describe('the editor at 40 columns', () => {
	it('40×24: stream, contact list, card, name form, review, curl view and result all fit', async () => {
		const r = await start(40, 24);
		expectFits(await r.waitFor('› bot'), 40, 24);
		await r.press(KEY.enter);
		expectFits(await r.waitFor('30 of 30 loaded'), 40, 24);
		await r.press(KEY.enter);
		expectFits(await r.waitFor('Review changes (0)'), 40, 24);
		await r.press(KEY.enter);
		expectFits(await r.waitFor('Edit name'), 40, 24);
		await r.press(KEY.escape);
		await r.waitFor('Review changes (0)');
		await r.press(KEY.escape);
		await r.waitFor('30 of 30 loaded');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		await r.unmount();

		const s = await start(40, 24);
		await toReview(s);
		expectFits(s.frame(), 40, 24);
		await s.press('c');
		expectFits(await s.waitFor('KORE_JWT'), 40, 24);
		await s.press('c');
		await s.press('y');
		expectFits(await s.waitFor('Verified'), 40, 24);
		await s.unmount();
	});

	it('40×20: the review fits', async () => {
		const r = await start(40, 20);
		await toReview(r);
		expectFits(r.frame(), 40, 20);
		await r.unmount();
	});

	it('40×20: the curl view fits', async () => {
		const r = await start(40, 20);
		await toReview(r);
		await r.press('c');
		const frame = await r.waitFor('KORE_JWT');
		try {
			expectFits(frame, 40, 20);
		} finally {
			await r.unmount();
		}
	});
});
