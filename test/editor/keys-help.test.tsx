/**
 * Keys are discoverable: `?` (F1 in a text field) lists the screen's keys from the same declaration
 * as the key line, `q` quits from menus through the one quit path, the card has letters, and the
 * lists show PgUp/PgDn/Home/End. The whole editor against the sandbox over HTTP.
 */
import {describe, expect, it} from 'vitest';
import {QUIT_QUESTION} from '../../source/editor/components/ScreenLayout.js';
import {Editor} from '../../source/editor/editor.js';
import type {EditorServices} from '../../source/editor/services.js';
import {useSandbox} from '../helpers/sandbox.js';
import {frameRows, KEY, renderInk, stringWidth, type Rendered} from './helpers/render.js';
import {makeServices, sandboxProfile} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 80, rateLimitPerMinute: 0});
const F1 = '\u001BOP';

function services(): EditorServices {
	const sandbox = getSandbox();
	const made = makeServices();
	made.store.saveProfile(sandboxProfile(sandbox));
	made.store.rememberStream('sandbox', sandbox.streamId);
	return {...made, initialProfile: 'sandbox'};
}

async function open(size: {columns: number; rows: number} = {columns: 80, rows: 24}) {
	const codes: number[] = [];
	const r = await renderInk(<Editor services={services()} onExit={code => codes.push(code)} />, size);
	await r.waitFor('Choose a stream');
	// The recent stream says when it was used.
	expect(r.frame()).toMatch(/st-\S+ +used just now/);
	return {r, codes};
}

async function toCard(r: Rendered) {
	await r.press(KEY.enter);
	await r.waitFor('Find a contact');
	await r.press(KEY.enter);
	await r.waitFor('Review changes (0)');
}

/** The live area stays shorter than the terminal and no line is wider than it. */
function expectFits(frame: string, columns: number, rows: number) {
	expect(frameRows(frame), frame).toBeLessThan(rows);
	for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('the key list (?)', () => {
	it('on the card lists every key of the screen, fits 80×24 and 60×20, and the next key only closes it', async () => {
		for (const [columns, rows] of [
			[80, 24],
			[60, 20],
		] as const) {
			const {r} = await open({columns, rows});
			await toCard(r);
			// The key line offers it.
			expect(r.frame().split('\n').at(-1)).toContain('? keys');
			await r.press('?');
			const list = await r.waitFor('Keys on this screen');
			for (const line of [
				/n +Name/,
				/s +Salutation/,
				/p +Cell phone/,
				/r +Review changes \(0\)/,
				/d +Discard changes/,
				/h +History/,
			]) {
				expect(list).toMatch(line);
			}

			expect(list).toMatch(/Enter +choose/);
			expect(list).toMatch(/Esc +back/);
			expect(list).toMatch(/q +quit/);
			expect(list).toMatch(/Ctrl\+C +quit/);
			expect(list).toContain('Any key closes this list.');
			expect(list).not.toContain('[n]');
			expectFits(list, columns, rows);
			// "n" closes the list; it does not open the name form.
			await r.press('n');
			await r.waitFor(frame => !frame.includes('Keys on this screen'));
			expect(r.frame()).toContain('Review changes (0)');
			expect(r.frame()).not.toContain('Edit name');
			await r.unmount();
		}
	});

	it('on the review, the key that closes the list never sends', async () => {
		const sandbox = getSandbox();
		const {r} = await open();
		await toCard(r);
		await r.press('n');
		await r.waitFor('Edit name');
		await r.paste('Q');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (1)');
		await r.press('r');
		await r.waitFor('Review 1 change');
		await r.press('?');
		await r.waitFor('Keys on this screen');
		expect(r.frame()).toMatch(/y +send/);
		await r.press('y');
		await r.waitFor(frame => frame.includes('Review 1 change') && !frame.includes('Keys on this screen'));
		expect(sandbox.requests.filter(request => request.method === 'PUT')).toHaveLength(0);
		await r.unmount();
	});

	it('in a text field ? is text; F1 shows the list there, and the key line says so', async () => {
		const {r} = await open();
		await r.press(KEY.enter);
		await r.waitFor('Find a contact');
		const line = r.frame().split('\n').at(-1)!;
		expect(line).toContain('F1 keys');
		expect(line).toContain('PgUp/Dn Home/End page');
		await r.press('?');
		await r.press('q');
		await r.waitFor('Find  ?q');
		expect(r.frame()).not.toContain('Keys on this screen');
		await r.press(KEY.backspace);
		await r.press(KEY.backspace);
		await r.press(F1);
		const list = await r.waitFor('Keys on this screen');
		expect(list).toMatch(/type +filter or ID/);
		expect(list).toMatch(/PgUp\/Dn Home\/End +page/);
		expect(list).not.toMatch(/q +quit/);
		expectFits(list, 80, 24);
		await r.press(KEY.escape);
		// Esc closed the list only: still on the contact list.
		await r.waitFor(frame => frame.includes('Find a contact') && !frame.includes('Keys on this screen'));
		await r.unmount();
	});

	it('the contact list pages with PgDn and End', async () => {
		const {r} = await open();
		await r.press(KEY.enter);
		await r.waitFor('50 of 80 loaded');
		const first = r.frame();
		await r.press(KEY.pageDown);
		await r.waitFor(frame => frame !== first && /↑ \d+ more/.test(frame));
		await r.unmount();
	});
});

describe('q quits from menus', () => {
	it('never from the contact list, also while a page loads and the filter waits', async () => {
		const sandbox = getSandbox();
		const {r, codes} = await open();
		await r.press(KEY.enter);
		await r.waitFor('50 of 80 loaded');
		sandbox.faults.latency(1500, {method: 'GET'});
		// End highlights "Load more", which loads the next page at once.
		await r.press(KEY.end);
		await r.waitFor('Loading more contacts');
		await r.press('q');
		await r.press('?');
		await r.waitFor('80 of 80 loaded', 10_000);
		expect(codes).toEqual([]);
		expect(r.frame()).not.toContain('Keys on this screen');
		await r.unmount();
	});

	it('at once (exit 0) when nothing is unsaved', async () => {
		const {r, codes} = await open();
		await r.press('q');
		expect(codes).toEqual([0]);
		await r.unmount();
	});

	it('asks first when edits are unsaved, through the same question as Ctrl+C: n stays, y quits with 0', async () => {
		const {r, codes} = await open();
		await toCard(r);
		await r.press('n');
		await r.waitFor('Edit name');
		// In the form, q is text.
		await r.press(KEY.end);
		await r.press('q');
		await r.waitFor('johnq');
		expect(codes).toEqual([]);
		await r.press(KEY.enter);
		await r.waitFor('Review changes (1)');
		await r.press('q');
		await r.waitFor(QUIT_QUESTION);
		await r.press('n');
		await r.waitFor(frame => !frame.includes(QUIT_QUESTION));
		expect(codes).toEqual([]);
		await r.press('q');
		await r.waitFor(QUIT_QUESTION);
		await r.press('y');
		expect(codes).toEqual([0]);
		await r.unmount();
	});
});

describe('the card', () => {
	it('shows a letter on each action, and the letter chooses it', async () => {
		const {r} = await open();
		await toCard(r);
		const frame = r.frame();
		for (const item of [
			/Name +\[n\]/,
			/Salutation +\[s\]/,
			/Cell phone +\[p\]/,
			/Review changes \(0\) +\[r\]/,
			/History \/ undo +\[h\]/,
		]) {
			expect(frame).toMatch(item);
		}

		await r.press('p');
		await r.waitFor('Edit cell phone');
		await r.press(KEY.escape);
		await r.waitFor('Review changes (0)');
		await r.press('h');
		await r.waitFor('History of');
		expect(r.frame().split('\n').at(-1)).toContain('PgUp/Dn Home/End page');
		await r.unmount();
	});

	it('Discard with nothing changed says so', async () => {
		const {r} = await open();
		await toCard(r);
		await r.press('d');
		await r.waitFor('Nothing to discard: no field has been changed.');
		expect(r.frame()).not.toContain('Changes discarded');
		await r.unmount();
	});
});
