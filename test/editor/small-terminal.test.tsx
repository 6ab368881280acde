/**
 * Every screen at 60×20 with the DEMO banner: the live area stays shorter than the terminal (taller
 * output makes Ink clear and redraw the whole screen, which flickers over SSH) and no line is wider.
 */
import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import {useSandbox} from '../helpers/sandbox.js';
import {frameRows, KEY, renderInk, stringWidth, type Rendered} from './helpers/render.js';
import {makeServices, sandboxProfile} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 150});

/** On the card: Home, then down to item n (0 Name, 1 Salutation, 2 Cell phone, 3 Review), Enter. */
async function cardItem(r: Rendered, n: number): Promise<void> {
	await r.press(KEY.home);
	for (let i = 0; i < n; i++) {
		await r.press(KEY.down);
	}

	await r.press(KEY.enter);
}

function fits(frame: string, where: string): void {
	const rows = frameRows(frame);
	const wide = frame.split('\n').find(line => stringWidth(line) > 60);
	expect({where, rows: rows < 20, wide}).toEqual({where, rows: true, wide: undefined});
}

describe('60×20 terminal', () => {
	it('the profile form with every field wrong fits', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		for (let i = 0; i < 25; i++) {
			services.store.saveProfile({...sandboxProfile(sandbox), name: `profile-${String(i).padStart(2, '0')}`});
		}

		const r = await renderInk(<Editor services={services} onExit={() => {}} />, {columns: 60, rows: 20});
		await r.waitFor('Choose a profile');
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.waitFor('Create a profile');
		await r.paste('bad name with spaces and far too long to be a profile name');
		await r.press(KEY.tab);
		await r.paste('http://example.com/with/a/path');
		await r.press(KEY.enter);
		await r.waitFor('was not saved');
		fits(r.frame(), 'profile form with errors');
		await r.unmount();
	});

	it('every screen fits', async () => {
		const sandbox = getSandbox();
		const services = makeServices({demo: {banner: 'DEMO — a built-in sandbox on 127.0.0.1, nothing real is changed'}});
		for (let i = 0; i < 25; i++) {
			services.store.saveProfile({...sandboxProfile(sandbox), name: `profile-${String(i).padStart(2, '0')}`});
		}

		services.store.saveProfile(sandboxProfile(sandbox, {name: 'zz-sandbox'}));
		const r = await renderInk(<Editor services={services} onExit={() => {}} />, {columns: 60, rows: 20});
		await r.waitFor('Choose a profile');
		fits(r.frame(), 'profiles');

		// The demo offers no profile form (it is sealed): the sandbox profile, the stream ID form, the contact list.
		expect(r.frame()).not.toContain('Create a profile');
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.waitFor('Stream ID');
		fits(r.frame(), 'stream ID form');
		await r.paste(sandbox.streamId);
		await r.press(KEY.enter);
		await r.waitFor('50 of 150 loaded');
		fits(r.frame(), 'contact list');
		await r.press(KEY.end);
		await r.waitFor('100 of 150 loaded');
		fits(r.frame(), 'contact list, page 2');

		// The card and every form.
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		fits(r.frame(), 'card');
		await cardItem(r, 0);
		await r.waitFor('Edit name');
		await r.press(KEY.backspace.repeat(1));
		await r.paste(' ');
		for (let i = 0; i < 40; i++) {
			await r.press(KEY.backspace);
		}

		await r.press(KEY.tab);
		await r.paste('\u0007'.repeat(1) + 'x'.repeat(120));
		await r.press(KEY.enter);
		fits(r.frame(), 'name form with errors');
		await r.press(KEY.escape);
		await r.waitFor('Review changes (0)');
		await cardItem(r, 1);
		await r.waitFor('Edit salutation');
		fits(r.frame(), 'salutation');
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.paste('y'.repeat(150));
		fits(r.frame(), 'salutation, other');
		await r.press(KEY.escape);
		await r.press(KEY.escape);
		await r.waitFor('Review changes (0)');
		await cardItem(r, 2);
		await r.waitFor('Edit cell phone');
		await r.paste('abc');
		await r.press(KEY.up);
		await r.paste('x');
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.paste('zz');
		await r.press(KEY.enter);
		fits(r.frame(), 'phone form with errors');
		// Start again with valid values: Esc cancels the form.
		await r.press(KEY.escape);
		await r.waitFor('Review changes (0)');
		await cardItem(r, 2);
		await r.waitFor('Edit cell phone');
		for (let i = 0; i < 20; i++) {
			await r.press(KEY.backspace);
		}

		await r.paste('+34 612 345 678');
		await r.press(KEY.enter);
		await r.waitFor(/Review changes \(\d\)/);
		fits(r.frame(), 'card with edits');

		// Review, curl, conflict, result.
		await cardItem(r, 3);
		await r.waitFor('PUT …/contacts/');
		fits(r.frame(), 'review');
		await r.press('c');
		await r.waitFor('$KORE_JWT');
		fits(r.frame(), 'curl');
		await r.press('c');
		const id = /Review \d+ changes? to (\S+)/.exec(r.frame())?.[1];
		expect(id).toBeDefined();
		// The same field as ours (the phone): a conflict (another field would be kept and the edit made on top).
		sandbox.editContact(id!, {cellPhone: {phoneNumber: '2079460123', countryCode: '+44', extension: ''}});
		await r.press('y');
		await r.waitFor('changed since you loaded it');
		fits(r.frame(), 'conflict');
		await r.press(KEY.down);
		await r.waitFor('› Apply my changes');
		await r.press(KEY.enter);
		await r.waitFor('PUT …/contacts/');
		// Slow enough that the send screen is drawn before the answer comes.
		sandbox.faults.latency(400, {method: 'PUT'});
		await r.press('y');
		await r.waitFor('Verified', 15_000);
		fits(r.frame(), 'result');
		expect(sandbox.requests.filter(request => request.method === 'PUT')).toHaveLength(1);
		// The send screen lasts only as long as the PUT: checked in every frame Ink wrote meanwhile.
		const sending = r.stdout.frames.map(frame => stripAnsi(frame)).filter(frame => frame.includes('Saving (PUT)…'));
		expect(sending.length).toBeGreaterThan(0);
		for (const frame of sending) fits(frame, 'send');
		await r.unmount();
	});
});
