import {describe, expect, it} from 'vitest';
import {currentScreen} from '../../../source/editor/flow.js';
import {ContactScreen} from '../../../source/editor/screens/ContactScreen.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, testClient} from '../helpers/services.js';
import {atContactList} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 150});

async function setup(size: {columns?: number; rows?: number} = {}) {
	const sandbox = getSandbox();
	const services = makeServices();
	const client = testClient(sandboxCredentials(sandbox));
	const state = await atContactList(sandbox, client);
	sandbox.requests.length = 0;
	return {sandbox, services, client, state, size};
}

describe('ContactScreen', () => {
	it('shows name · phone · id rows, the loaded count, and stays shorter than the terminal', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client, columns: 80, rows: 24});
		const frame = r.frame();
		expect(frame).toContain('50 of 150 loaded');
		expect(frame).toMatch(/› john doe +· \+91 9550100001 +· /);
		expect(frameRows(frame)).toBeLessThanOrEqual(24 - 2);
		await r.unmount();
	});

	it('filters as you type (name, phone digits) and opens the chosen contact', async () => {
		const {sandbox, services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.type('zoë');
		const frame = r.frame();
		expect(frame).toContain('Zoë Brontë');
		expect(frame).not.toContain('john doe');
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().contact?.firstName).toBe('Zoë');
		expect(services.store.recentContacts('sandbox', sandbox.streamId)[0]).toMatchObject({id: r.state().contact?.id, label: 'Zoë Brontë'});
		expect(sandbox.requests).toHaveLength(0);
		await r.unmount();
	});

	it('loads the next page on demand when the highlight reaches the end', async () => {
		const {sandbox, services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 20});
		await r.press(KEY.end);
		await r.waitFor('100 of 150 loaded');
		expect(sandbox.requests.map(q => `${q.query.skip}/${q.query.limit}`)).toEqual(['50/50']);
		expect(frameRows(r.frame())).toBeLessThanOrEqual(18);
		await r.unmount();
	});

	it('looks a typed ID up on the server with progress, finding a contact on a later page', async () => {
		const {sandbox, services, client, state} = await setup();
		const target = sandbox.contacts()[130]!;
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.paste(target.id);
		expect(r.frame()).toContain(`› Look up contact ID ${target.id} on the server`);
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'card');
		expect(r.state().contact?.id).toBe(target.id);
		await r.unmount();
	});

	it('an unknown ID: says so, keeps what was typed', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.paste('ffffffffffffffffffffffff');
		await r.press(KEY.enter);
		await r.waitFor(() => r.state().error !== undefined);
		expect(r.state().error?.message).toMatch(/No contact with ID 'f{24}'/);
		expect(r.frame()).toContain('ffffffffffffffffffffffff');
		expect(currentScreen(r.state()).name).toBe('contact');
		await r.unmount();
	});

	it('puts recent contacts first, marked as recent', async () => {
		const {sandbox, services, client, state} = await setup();
		const recent = sandbox.contacts()[140]!;
		services.store.rememberContact('sandbox', sandbox.streamId, recent.id, 'Someone Recent');
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		expect(r.frame()).toContain(`› Someone Recent · ${recent.id}  recent`);
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'card');
		expect(r.state().contact?.id).toBe(recent.id);
		await r.unmount();
	});

	it('Esc clears the filter first, then goes back to the stream screen', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.type('xyz');
		await r.press(KEY.escape);
		expect(currentScreen(r.state()).name).toBe('contact');
		expect(r.frame()).not.toContain('xyz');
		await r.press(KEY.escape);
		expect(currentScreen(r.state()).name).toBe('stream');
		await r.unmount();
	});
});
