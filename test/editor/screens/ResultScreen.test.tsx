import {describe, expect, it} from 'vitest';
import type {ContactFields} from '../../../source/contact/contact.js';
import {verifyStored} from '../../../source/contact/diff.js';
import {currentScreen, type FlowState} from '../../../source/editor/state/flow.js';
import {ResultScreen} from '../../../source/editor/screens/ResultScreen.js';
import {SendScreen} from '../../../source/editor/screens/SendScreen.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {KEY, renderScreen, stringWidth} from '../helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';
import {atContactList, run} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 20});

function afterSave(storedOverrides = {}): FlowState {
	const reviewed = run(
		cardState(),
		{type: 'edit', fields: {firstName: 'John', phoneNumber: '9550100002'}},
		{type: 'review'},
		{type: 'send'},
	);
	const stored = {
		...john,
		firstName: 'John',
		cellPhone: {phoneNumber: '+919550100002', countryCode: '+91', extension: '+'},
		...storedOverrides,
	};
	return run(reviewed, {type: 'sent', stored, verification: verifyStored(reviewed.prepared!.body, stored)});
}

describe('ResultScreen', () => {
	it('shows the stored values and that they are exactly what was intended', async () => {
		const r = await renderScreen(<ResultScreen />, {state: afterSave(), services: makeServices()});
		const frame = r.frame();
		expect(frame).toContain('Saved 667e48f7c8b972fc69100001');
		expect(frame).toContain('  First name    John');
		expect(frame).toContain('  Cell phone    +91 9550100002 · ext +');
		expect(frame).toContain('✔ Verified: the stored values are exactly what you intended.');
		for (const item of ['› Edit this contact again', 'Another contact', 'Another stream', 'Quit']) {
			expect(frame).toContain(item);
		}

		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().contact?.firstName).toBe('John');
		await r.unmount();
	});

	it('says plainly when the server stored something else', async () => {
		const r = await renderScreen(<ResultScreen />, {state: afterSave({firstName: 'JOHN'}), services: makeServices()});
		expect(r.frame().replace(/\s+/g, ' ')).toContain(
			'The server stored something other than what you sent: First name: sent John, stored JOHN.',
		);
		await r.unmount();
	});

	it('another stream, and quit (exit 0)', async () => {
		const r = await renderScreen(<ResultScreen />, {state: afterSave(), services: makeServices()});
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('stream');
		await r.unmount();

		const q = await renderScreen(<ResultScreen />, {state: afterSave(), services: makeServices()});
		await q.press(KEY.end);
		await q.press(KEY.enter);
		expect(q.state().exit).toEqual({code: 0});
		await q.unmount();
	});

	it('an unknown outcome offers to check the contact now, by re-reading it', async () => {
		const sandbox = getSandbox();
		const client = testClient(sandboxCredentials(sandbox));
		const list = await atContactList(sandbox, client);
		const contact = list.list!.contacts[1]!;
		const state = run(
			list,
			{type: 'contact-loaded', contact},
			{type: 'edit', fields: {firstName: 'Checked'}},
			{type: 'review'},
			{type: 'send'},
			{type: 'send-unknown', message: 'The save was interrupted after the request went out.'},
		);
		// As if the interrupted PUT did arrive.
		sandbox.editContact(contact.id, {firstName: 'Checked'});
		const r = await renderScreen(<ResultScreen />, {state, services: makeServices(), client});
		expect(r.frame()).toContain(`Outcome unknown for ${contact.id}`);
		expect(r.frame()).toContain('! The save was interrupted after the request went out.');
		expect(r.frame()).toContain('› Check this contact now');
		await r.press(KEY.enter);
		await r.waitFor('the save went through');
		await r.unmount();
	});
});

/** The result of a real send whose connection dropped before the answer (outcome unknown). */
async function afterUnknownSend(index: number, fields: Partial<ContactFields>) {
	const sandbox = getSandbox();
	const client = testClient(sandboxCredentials(sandbox));
	const list = await atContactList(sandbox, client);
	const contact = list.list!.contacts[index]!;
	const state = run(list, {type: 'contact-loaded', contact}, {type: 'edit', fields}, {type: 'review'}, {type: 'send'});
	const services = makeServices();
	sandbox.faults.drop({when: 'before-response', method: 'PUT'});
	const send = await renderScreen(<SendScreen />, {state, services, client});
	await send.waitFor(() => currentScreen(send.state()).name === 'result', 8000);
	const after = send.state();
	await send.unmount();
	expect(after.outcome?.kind).toBe('unknown');
	return {sandbox, client, services, contact, state: after};
}

/** The screen's rows under a one-row header must leave the terminal's last row free. */
function expectFits(frame: string, columns: number, rows: number, title: string) {
	const lines = frame.split('\n');
	expect(lines.length, frame).toBeLessThanOrEqual(rows - 2);
	expect(lines[0], frame).toContain(title);
	expect(lines.at(-1), frame).toContain('Ctrl+C quit');
	for (const line of lines) {
		expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
	}
}

describe('ResultScreen: fitting and retrying after an unknown outcome', () => {
	it('says how to check with kore-contacts get once, not twice', async () => {
		const {state, services, client} = await afterUnknownSend(2, {firstName: 'Once'});
		const message = state.outcome?.kind === 'unknown' ? state.outcome.message : '';
		expect(message.match(/kore-contacts get/g)).toHaveLength(1);
		expect(message).toMatch(/may or may not/);
		const r = await renderScreen(<ResultScreen />, {state, services, client});
		expect(
			r
				.frame()
				.replace(/\s+/g, ' ')
				.match(/kore-contacts get/g),
		).toHaveLength(1);
		await r.unmount();
	});

	it('every variant stays shorter than the terminal at 80×24 and 60×20, also after "Check this contact now"', async () => {
		const {sandbox, state, services, client, contact} = await afterUnknownSend(3, {firstName: 'Fitting', lastName: 'Everywhere'});
		// Someone else (or the lost PUT and then someone else) leaves values that differ from what was sent.
		sandbox.editContact(contact.id, {firstName: 'Somebody', lastName: 'Else'});
		for (const [columns, rows] of [
			[80, 24],
			[60, 20],
		] as const) {
			for (const variant of [afterSave(), afterSave({firstName: 'JOHN', lastName: 'DOE-STORED-DIFFERENTLY'})]) {
				const r = await renderScreen(<ResultScreen />, {state: variant, services: makeServices(), columns, rows});
				expectFits(r.frame(), columns, rows, 'Saved');
				await r.unmount();
			}

			const r = await renderScreen(<ResultScreen />, {state, services, client, columns, rows});
			expectFits(r.frame(), columns, rows, 'Outcome unknown');
			await r.press(KEY.enter);
			await r.waitFor(f => f.replace(/\s+/g, ' ').includes('the save did not go through'));
			expectFits(r.frame(), columns, rows, 'Outcome unknown');
			// The menu is still reachable below the check's result.
			expect(r.frame()).toContain('Check this contact now');
			await r.unmount();
		}
	});

	it('"Edit this contact again" re-reads the contact and opens its card with what did not arrive still to send', async () => {
		const {sandbox, state, services, client, contact} = await afterUnknownSend(4, {firstName: 'Retry', lastName: 'Me'});
		// The lost PUT did not arrive for the first name; someone else changed the salutation meanwhile.
		sandbox.editContact(contact.id, {firstName: contact.firstName ?? '', lastName: 'Me', salutation: 'Dr'});
		sandbox.requests.length = 0;
		const r = await renderScreen(<ResultScreen />, {state, services, client});
		await r.press(KEY.down);
		expect(r.frame()).toContain('› Edit this contact again');
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'card');
		const after = r.state();
		expect(sandbox.requests.map(q => q.method)).toEqual(['GET']);
		expect(after.contact).toMatchObject({id: contact.id, lastName: 'Me', salutation: 'Dr'});
		// Only what still differs from the server is left to send; the card opens on Review.
		expect(after.edits).toEqual({firstName: 'Retry'});
		expect(currentScreen(after)).toEqual({name: 'card', focus: 'review'});
		expect(after.outcome).toBeUndefined();
		expect(after.notice).toMatch(
			/^Re-read the contact: it does not hold all you sent, so your edit is kept on top of its current values\./,
		);
		expect(after.notice).toMatch(/someone else meanwhile: Salutation/);
		expect(after.stack.map(s => s.name)).toEqual(['profile', 'stream', 'contact', 'card']);
		await r.unmount();
	});
});
