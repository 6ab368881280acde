import {describe, expect, it} from 'vitest';
import {currentScreen} from '../../../source/editor/state/flow.js';
import {ContactScreen} from '../../../source/editor/screens/ContactScreen.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, sandboxProfile, testClient} from '../helpers/services.js';
import {atContactList} from '../helpers/states.js';

const getSandbox = useSandbox({contactCount: 150});

async function setup(size: {columns?: number; rows?: number} = {}) {
	const sandbox = getSandbox();
	const services = makeServices();
	// The session's profile, saved as the editor's sessions are: recents are kept for saved profiles only.
	services.store.saveProfile(sandboxProfile(sandbox));
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
		expect(services.store.recentContacts('sandbox', sandbox.streamId)[0]).toMatchObject({
			id: r.state().contact?.id,
			label: 'Zoë Brontë',
		});
		expect(sandbox.requests).toHaveLength(0);
		await r.unmount();
	});

	it('the filter finds a phone typed in its national format, trunk 0 and spaces included', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.type('0 95501 00001');
		const frame = await r.waitFor(/john doe +· \+91 9550100001/);
		expect(frame.split('\n').filter(line => line.includes(' · +'))).toHaveLength(1);
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
		// Not loaded yet: the same columns as a loaded row, the phone column left blank.
		const frame = r.frame();
		const recentLine = frame.split('\n').find(line => line.includes('Someone Recent'))!;
		const loadedLine = frame.split('\n').find(line => line.includes('john doe'))!;
		expect(recentLine).toMatch(new RegExp(`^› Someone Recent +· +· ${recent.id.slice(0, 12)}\\S*  recent, now$`));
		expect(recentLine.indexOf('·')).toBe(loadedLine.indexOf('·'));
		expect(recentLine.lastIndexOf('·')).toBe(loadedLine.lastIndexOf('·'));
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

	it('a name search offers no lookup by ID: Enter opens the first match', async () => {
		const {sandbox, services, client, state} = await setup();
		const target = state.list!.contacts.find(c => /^[a-z]{4,}$/i.test(c.lastName ?? '') && c.id !== state.list!.contacts[0]!.id)!;
		const name = target.lastName!.toLowerCase();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.type(name);
		expect(r.frame()).not.toContain('Look up contact ID');
		// The first '› ' is the focused Find field; the second the highlighted row.
		expect(
			r
				.frame()
				.split('\n')
				.filter(line => line.startsWith('› '))[1],
		).toContain(target.lastName);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().contact?.lastName).toBe(target.lastName);
		expect(sandbox.requests).toHaveLength(0);
		await r.unmount();
	});

	it('a new filter text moves the highlight back to the first match', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 40});
		const highlighted = () =>
			r
				.frame()
				.split('\n')
				.find(line => line.startsWith('› ') && !line.startsWith('› Find'));
		await r.press(KEY.down);
		await r.press(KEY.down);
		const second = state.list!.contacts[2]!;
		expect(highlighted()).toContain(second.id);
		// Text every loaded ID starts with: the same rows, the highlight on the first.
		const ids = state.list!.contacts.map(c => c.id);
		let shared = ids[0]!;
		while (!ids.every(id => id.startsWith(shared))) shared = shared.slice(0, -1);
		expect(shared.length).toBeGreaterThan(0);
		await r.paste(shared);
		expect(highlighted()).toContain(state.list!.contacts[0]!.id);
		await r.press(KEY.enter);
		expect(r.state().contact?.id).toBe(state.list!.contacts[0]!.id);
		await r.unmount();
	});

	it('ID-shaped text matching loaded contacts: the matches first, the lookup row last', async () => {
		const {services, client, state} = await setup();
		const prefix = state.list!.contacts[0]!.id.slice(0, 14);
		const r = await renderScreen(<ContactScreen />, {state, services, client, rows: 40});
		await r.paste(prefix);
		const lines = r.frame().split('\n');
		const first = lines.findIndex(line => line.startsWith('› ') && !line.startsWith('› Find'));
		const lookup = lines.findIndex(line => line.includes(`Look up contact ID ${prefix} on the server`));
		expect(lines[first]).toContain(state.list!.contacts[0]!.id);
		expect(lookup).toBeGreaterThan(first);
		await r.press(KEY.enter);
		expect(r.state().contact?.id).toBe(state.list!.contacts[0]!.id);
		await r.unmount();
	});

	it('the "No contact with ID" error goes away when the filter text changes', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.paste('ffffffffffffffffffffffff');
		await r.press(KEY.enter);
		await r.waitFor('No contact with ID');
		await r.press(KEY.backspace);
		expect(r.state().error).toBeUndefined();
		expect(r.frame()).not.toContain('No contact with ID');
		await r.unmount();
	});

	it('a lookup that read the whole list leaves it loaded: the count and the filter cover every contact', async () => {
		const {sandbox, services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.paste('ffffffffffffffffffffffff');
		await r.press(KEY.enter);
		await r.waitFor('No contact with ID');
		expect(r.state().error?.message).toMatch(/No contact with ID 'f{24}'.*searched 150 contacts/);
		expect(r.frame()).toContain('150 of 150 loaded');
		const late = sandbox.contacts()[140]!;
		await r.press(KEY.escape);
		await r.paste(late.id);
		expect(r.frame()).not.toContain('Look up contact ID');
		expect(r.frame()).toContain(late.id);
		await r.unmount();
	});

	it('after --resume the count is of list pages loaded, not the resumed contact', async () => {
		const {sandbox, services, client, state} = await setup();
		const resumed = sandbox.contacts()[130]!;
		const r = await renderScreen(<ContactScreen />, {
			state: {...state, list: {contacts: [resumed], hasMore: true, nextSkip: 0}},
			services,
			client,
			rows: 30,
		});
		expect(r.frame()).not.toContain('1 loaded');
		expect(r.frame()).toContain('List not loaded yet');
		await r.press(KEY.end);
		await r.waitFor('50 of 150 loaded');
		expect(r.state().list?.contacts).toHaveLength(51);
		await r.unmount();
	});

	it('ignores accents: lukasz finds Łukasz', async () => {
		const {services, client, state} = await setup();
		const r = await renderScreen(<ContactScreen />, {state, services, client});
		await r.type('lukasz');
		expect(r.frame()).toContain('Łukasz Wiśniewski');
		expect(r.frame()).not.toContain('Look up contact ID');
		await r.unmount();
	});
});
