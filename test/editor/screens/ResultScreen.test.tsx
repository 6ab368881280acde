import {describe, expect, it} from 'vitest';
import {verifyStored} from '../../../source/contact/diff.js';
import {currentScreen, type FlowState} from '../../../source/editor/flow.js';
import {ResultScreen} from '../../../source/editor/screens/ResultScreen.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';
import {atContactList, run} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 20});

function afterSave(storedOverrides = {}): FlowState {
	const reviewed = run(cardState(), {type: 'edit', fields: {firstName: 'John', phoneNumber: '9550100002'}}, {type: 'review'}, {type: 'send'});
	const stored = {...john, firstName: 'John', cellPhone: {phoneNumber: '+919550100002', countryCode: '+91', extension: '+'}, ...storedOverrides};
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
		expect(r.frame().replace(/\s+/g, ' ')).toContain('The server stored something other than what you sent: First name: sent John, stored JOHN.');
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
