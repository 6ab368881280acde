/**
 * Every editor send is journaled; when its outcome is unknown the result says so, that the journal
 * recorded it, and how to check. Real sandbox, real journal in a temp settings folder.
 */
import {describe, expect, it} from 'vitest';
import type {ContactFields} from '../../../source/contact/contact.js';
import {currentScreen} from '../../../source/editor/state/flow.js';
import {ResultScreen} from '../../../source/editor/screens/ResultScreen.js';
import {SendScreen} from '../../../source/editor/screens/SendScreen.js';
import {journalFor} from '../../../source/editor/store-files.js';
import {putArrived, useSandbox} from '../../helpers/sandbox.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {atSend as atSendAt} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 20, rateLimitPerMinute: 0});

async function atSend(index: number, fields: Partial<ContactFields> = {firstName: 'Journaled'}): ReturnType<typeof atSendAt> {
	const sandbox = getSandbox();
	const at = await atSendAt(sandbox, index, fields);
	return at;
}

describe('SendScreen and the journal', () => {
	it('a saved send leaves a done entry with the profile, host, stream, before and after', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(1);
		const services = makeServices();
		const r = await renderScreen(<SendScreen />, {state, services, client});
		await r.waitFor(() => currentScreen(r.state()).name === 'result', 8000);
		const [entry] = journalFor(services.store).entries({contactId: id});
		expect(entry).toMatchObject({
			kind: 'update',
			status: 'done',
			httpStatus: 200,
			profile: 'sandbox',
			host: sandbox.url,
			streamId: sandbox.streamId,
			contactId: id,
			after: {firstName: 'Journaled'},
		});
		expect(entry!.undoOf).toBeUndefined();
		await r.unmount();
	});

	it('Ctrl+C mid-PUT: outcome unknown, recorded in the journal as such, and how to check', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(2);
		const services = makeServices();
		sandbox.faults.latency(3000, {method: 'PUT'});
		const r = await renderScreen(<SendScreen />, {state, services, client});
		await r.waitFor('Saving (PUT)…', 8000);
		// Once the PUT is at the server (held there by the latency): a cancel before it leaves is a
		// known "nothing was sent" (test/kore/network.test.ts).
		await r.waitFor(() => putArrived(sandbox));
		await r.press(KEY.ctrlC);
		await r.waitFor(() => currentScreen(r.state()).name === 'result');
		const [entry] = journalFor(services.store).entries({contactId: id});
		expect(entry?.status).toBe('unknown');
		const outcome = r.state().outcome;
		const message = outcome?.kind === 'unknown' ? outcome.message : '';
		expect(message).toMatch(/^The outcome is unknown: /);
		expect(message).toContain(`The change journal records it as OUTCOME UNKNOWN (entry ${entry!.id}).`);
		expect(message).toContain(`kore-contacts history --contact ${id}`);
		expect(message).toContain('reopen the contact');
		await r.unmount();

		const result = await renderScreen(<ResultScreen />, {state: r.state(), services, client});
		const flat = result.frame().replace(/\s+/g, ' ');
		expect(flat).toContain('OUTCOME UNKNOWN');
		expect(flat).toContain(`kore-contacts history --contact ${id}`);
		expect(result.frame()).toContain('History / undo');
		expect(frameRows(result.frame())).toBeLessThan(23);
		await result.unmount();

		const small = await renderScreen(<ResultScreen />, {state: r.state(), services, client, columns: 60, rows: 20});
		expect(frameRows(small.frame())).toBeLessThan(19);
		await small.unmount();
	});

	it('a dropped connection mid-PUT: the same, the journal says unknown with the reason', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(3);
		const services = makeServices();
		sandbox.faults.drop({when: 'before-response', method: 'PUT'});
		const r = await renderScreen(<SendScreen />, {state, services, client});
		await r.waitFor(() => currentScreen(r.state()).name === 'result', 8000);
		const [entry] = journalFor(services.store).entries({contactId: id});
		expect(entry?.status).toBe('unknown');
		expect(entry?.error).toBeTruthy();
		const outcome = r.state().outcome;
		expect(outcome?.kind === 'unknown' && outcome.message).toContain('records it as OUTCOME UNKNOWN');
		await r.unmount();
	});

	it('a rejected PUT is journaled as failed and nothing is said to be unknown', async () => {
		const sandbox = getSandbox();
		const {state, client, id} = await atSend(4);
		const services = makeServices();
		sandbox.faults.fail(400, {method: 'PUT'});
		const r = await renderScreen(<SendScreen />, {state, services, client});
		await r.waitFor(() => currentScreen(r.state()).name === 'review', 8000);
		expect(journalFor(services.store).entries({contactId: id})[0]).toMatchObject({status: 'failed', httpStatus: 400});
		expect(r.state().unknownOutcome).toBe(false);
		await r.unmount();
	});
});
