import {describe, expect, it} from 'vitest';
import type {ContactFields} from '../../../source/contact/contact.js';
import {currentScreen} from '../../../source/editor/state/flow.js';
import {SendScreen} from '../../../source/editor/screens/SendScreen.js';
import {acquireLock} from '../../../source/store/lock.js';
import {putArrived, useSandbox} from '../../helpers/sandbox.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {atSend as atSendAt} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 30});

async function atSend(index: number, fields: Partial<ContactFields> = {firstName: 'Changed'}): ReturnType<typeof atSendAt> {
	const sandbox = getSandbox();
	const at = await atSendAt(sandbox, index, fields);
	sandbox.requests.length = 0;
	return at;
}

describe('SendScreen', () => {
	it('re-reads, sends one PUT, and shows the verified result', async () => {
		const sandbox = getSandbox();
		// Contact 3 has a +34 number: the server stores +34 and the digits, which verification accepts.
		const {state, client, id} = await atSend(3, {firstName: 'Changed', phoneNumber: '612345000'});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor(() => currentScreen(r.state()).name === 'result', 8000);
		const outcome = r.state().outcome;
		expect(outcome?.kind).toBe('saved');
		expect(outcome?.kind === 'saved' && outcome.verification.ok).toBe(true);
		expect(sandbox.getContact(id)).toMatchObject({
			firstName: 'Changed',
			cellPhone: {phoneNumber: '+34612345000', countryCode: '+34'},
		});
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(1);
		expect(sandbox.requests[0]?.method).toBe('GET');
		await r.unmount();
	});

	it('someone else changed the same field meanwhile: the conflict screen, nothing sent', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(4);
		sandbox.editContact(id, {firstName: 'TheirEdit'});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor(() => currentScreen(r.state()).name === 'conflict', 8000);
		expect(r.state().conflict?.theirs.map(c => c.field)).toEqual(['firstName']);
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(0);
		await r.unmount();
	});

	it('someone else changed another field meanwhile: saved on their copy, keeping theirs, and the result says so', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(11);
		sandbox.editContact(id, {lastName: 'TheirEdit'});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor(() => currentScreen(r.state()).name === 'result', 8000);
		const outcome = r.state().outcome;
		expect(outcome?.kind === 'saved' && outcome.note).toContain('Someone else changed Last name meanwhile');
		expect(outcome?.update.body).toMatchObject({firstName: 'Changed', lastName: 'TheirEdit'});
		expect(sandbox.getContact(id)).toMatchObject({firstName: 'Changed', lastName: 'TheirEdit'});
		await r.unmount();
	});

	it('Ctrl+C during the PUT aborts it and says the outcome is unknown and how to check', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(1);
		sandbox.faults.latency(3000, {method: 'PUT'});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor('Saving (PUT)…', 8000);
		// Ctrl+C aborts here (it does not quit): the footer says that, once.
		const footer = r.frame().split('\n').at(-1) ?? '';
		expect(footer).toBe('Ctrl+C abort (outcome unknown)');
		expect(r.frame().match(/Ctrl\+C/g)).toHaveLength(1);
		// Once the PUT is at the server: before it leaves, a cancel is a known "nothing was sent".
		await r.waitFor(() => putArrived(sandbox));
		await r.press(KEY.ctrlC);
		await r.waitFor(() => currentScreen(r.state()).name === 'result');
		const outcome = r.state().outcome;
		expect(outcome?.kind).toBe('unknown');
		expect(outcome?.kind === 'unknown' && outcome.message).toMatch(/may or may not have stored the change/);
		expect(outcome?.kind === 'unknown' && outcome.message).toContain(
			`kore-contacts get --stream ${sandbox.streamId} --contact ${id}`,
		);
		expect(r.state().unknownOutcome).toBe(true);
		await r.unmount();
	});

	it('a rejected PUT (412) goes back to the review with the server message, edits kept', async () => {
		const sandbox = getSandbox();
		const {state, client} = await atSend(6);
		sandbox.faults.fail(412, {method: 'PUT', body: JSON.stringify({errors: [{msg: 'Invalid phone number', code: 412}]})});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor(() => currentScreen(r.state()).name === 'review', 8000);
		expect(r.state().error?.message).toMatch(/^Not saved: .*Invalid phone number/);
		expect(r.state().edits).toMatchObject({firstName: 'Changed'});
		await r.unmount();
	});

	it("waits while another kore-contacts holds the contact's lock, says so, and sends once it is free", async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(13);
		const services = makeServices();
		const key = {
			host: client.baseUrl,
			accountId: state.session!.credentials.accountId,
			streamId: sandbox.streamId,
			contactId: id,
		};
		const held = await acquireLock(services.store.dir, key);
		const r = await renderScreen(<SendScreen />, {state, services, client});
		await r.waitFor('Waiting: another kore-contacts on this machine is saving this contact');
		expect(sandbox.requests).toEqual([]);
		held.release();
		await r.waitFor(() => currentScreen(r.state()).name === 'result', 8000);
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(1);
		await r.unmount();
	});

	it('Esc while re-reading cancels: nothing was sent', async () => {
		const sandbox = getSandbox();
		const {state, client} = await atSend(7);
		sandbox.faults.latency(3000, {method: 'GET'});
		const r = await renderScreen(<SendScreen />, {state, services: makeServices(), client});
		await r.waitFor('Checking that nobody changed this contact');
		expect(r.frame().split('\n').at(-1)).toBe('Esc cancel (nothing sent) · Ctrl+C cancel');
		expect(r.frame()).not.toContain('quit');
		await r.press(KEY.escape);
		await r.waitFor(() => currentScreen(r.state()).name === 'review');
		expect(r.state().error?.message).toMatch(/nothing was sent/);
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(0);
		await r.unmount();
	});
});
