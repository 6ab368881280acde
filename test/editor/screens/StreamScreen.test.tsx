import {describe, expect, it} from 'vitest';
import {Editor} from '../../../source/editor/editor.js';
import {currentScreen, initialFlowState} from '../../../source/editor/state/flow.js';
import type {Session} from '../../../source/editor/state/navigation.js';
import {StreamScreen} from '../../../source/editor/screens/StreamScreen.js';
import {useSandbox} from '../../helpers/sandbox.js';
import {KEY, renderInk, renderScreen} from '../helpers/render.js';
import {makeServices, sandboxCredentials, sandboxProfile, testClient} from '../helpers/services.js';

const getSandbox = useSandbox({contactCount: 60});

function setup(secret?: string) {
	const sandbox = getSandbox();
	const services = makeServices();
	const profile = sandboxProfile(sandbox, secret ? {clientSecret: secret} : {});
	services.store.saveProfile(profile);
	const credentials = {...sandboxCredentials(sandbox), clientSecret: profile.clientSecret!};
	const session: Session = {profileName: 'sandbox', credentials, protected: false};
	return {sandbox, services, session, client: testClient(credentials), state: initialFlowState({session})};
}

describe('StreamScreen', () => {
	it('lists recent streams with their nicknames; choosing one loads the first page and remembers it', async () => {
		const {sandbox, services, client, state} = setup();
		services.store.rememberStream('sandbox', 'st-other', 'old bot');
		services.store.rememberStream('sandbox', sandbox.streamId, 'support');
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		expect(r.frame()).toContain(`› support · ${sandbox.streamId}`);
		expect(r.frame()).toContain('old bot · st-other');
		expect(r.frame()).toContain('Enter a stream ID…');
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'contact');
		const after = r.state();
		expect(after.streamId).toBe(sandbox.streamId);
		expect(after.list?.contacts).toHaveLength(50);
		expect(after.list).toMatchObject({total: 60, hasMore: true, nextSkip: 50});
		expect(sandbox.requests.map(q => `${q.method} ${q.query.skip}/${q.query.limit}`)).toEqual(['GET 0/50']);
		expect(services.store.recentStreams('sandbox')[0]).toMatchObject({id: sandbox.streamId, nickname: 'support'});
		await r.unmount();
	});

	it('with no recent stream, asks for the ID; bad input stays typed with what is wrong', async () => {
		const {sandbox, services, client, state} = setup();
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		expect(r.frame()).toContain('Stream ID');
		await r.paste('st 5a1e');
		await r.press(KEY.enter);
		expect(r.frame()).toContain('st 5a1e');
		expect(r.frame()).toContain('found a space');
		expect(sandbox.requests).toHaveLength(0);
		for (let i = 0; i < 7; i++) {
			await r.press(KEY.backspace);
		}

		await r.paste(sandbox.streamId);
		await r.press(KEY.tab);
		await r.paste('demo bot');
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'contact');
		expect(services.store.recentStreams('sandbox')[0]).toMatchObject({id: sandbox.streamId, nickname: 'demo bot'});
		await r.unmount();
	});

	it('on 401 opens the profile form saying what to check, with the stream screen one Esc below', async () => {
		const {sandbox, services, client, state} = setup('wrong-secret');
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		await r.press(KEY.enter);
		await r.waitFor(() => currentScreen(r.state()).name === 'profile-form');
		const after = r.state();
		expect(after.error?.message).toMatch(/did not accept the credentials/);
		expect(after.error?.message).toMatch(/host, account ID, client ID and client secret/);
		expect(after.error?.message).not.toContain('wrong-secret');
		expect(currentScreen(after)).toMatchObject({initial: {name: 'sandbox', host: sandbox.url, clientSecret: 'wrong-secret'}});
		expect(after.stack.map(s => s.name)).toEqual(['profile', 'stream', 'profile-form']);
		await r.unmount();
	});

	it('a network failure stays on the screen with the reason', async () => {
		const {sandbox, services, client, state} = setup();
		sandbox.faults.fail(500, {times: 10});
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		await r.press(KEY.enter);
		await r.waitFor(() => r.state().error !== undefined);
		expect(currentScreen(r.state()).name).toBe('stream');
		expect(r.state().error?.message).toMatch(/server error \(500/);
		await r.unmount();
	});

	it('the recent-stream list says "Enter choose", as the other lists do', async () => {
		const {sandbox, services, client, state} = setup();
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		expect(r.frame().split('\n').at(-1)).toContain('↑↓ move · Enter choose · Esc back');
		expect(r.frame()).not.toContain('Enter open');
		await r.unmount();
	});

	it('a typed stream ID survives the profile form: after Esc, and after fixing the secret', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox, {clientSecret: 'wrong-secret'}));
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />);
		await r.waitFor('Stream ID');
		await r.paste(sandbox.streamId);
		await r.press(KEY.tab);
		await r.paste('support bot');
		await r.press(KEY.enter);
		// No stream of this profile ever opened, so a 401 cannot be told apart from bad credentials.
		await r.waitFor('did not accept the credentials');
		await r.press(KEY.escape);
		await r.waitFor('Choose a stream');
		expect(r.frame()).toContain(sandbox.streamId);
		expect(r.frame()).toContain('support bot');

		await r.press(KEY.enter);
		await r.waitFor('did not accept the credentials');
		// Fix the secret (the fifth field) and save: the stream screen comes back with the ID.
		for (let i = 0; i < 4; i++) {
			await r.press(KEY.down);
		}

		for (let i = 0; i < 'wrong-secret'.length; i++) {
			await r.press(KEY.backspace);
		}

		await r.paste(sandbox.clientSecret);
		await r.press(KEY.enter);
		await r.waitFor('Choose a stream');
		expect(r.frame()).toContain(sandbox.streamId);
		await r.press(KEY.enter);
		await r.waitFor('Find a contact');
		expect(services.store.recentStreams('sandbox')[0]).toMatchObject({id: sandbox.streamId, nickname: 'support bot'});
		await r.unmount();
	});

	it('a wrong stream ID with good credentials is said next to the field, not in the profile form', async () => {
		const {sandbox, services, client, state} = setup();
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.paste('st-00000000-wrong');
		await r.press(KEY.enter);
		await r.waitFor(f => f.replace(/\s+/g, ' ').includes('this stream ID is wrong'));
		const after = r.state();
		expect(after.stack.map(s => s.name)).toEqual(['profile', 'stream']);
		expect(after.session).toBeDefined();
		expect(r.frame()).toContain('st-00000000-wrong');
		expect(r.frame().replace(/\s+/g, ' ')).toContain(`the same credentials open stream '${sandbox.streamId}'`);
		await r.unmount();
	});

	it('a stream the host has no contacts API for (404) is said next to the field, keeping the text', async () => {
		const {sandbox, services, client, state} = setup();
		sandbox.faults.fail(404, {method: 'GET'});
		const r = await renderScreen(<StreamScreen />, {state, services, client});
		await r.paste('st-gone');
		await r.press(KEY.enter);
		await r.waitFor(f => f.replace(/\s+/g, ' ').includes('has no contacts API'));
		expect(currentScreen(r.state()).name).toBe('stream');
		expect(r.state().error).toBeUndefined();
		expect(r.frame()).toContain('st-gone');
		// Typing again clears the message.
		await r.press(KEY.backspace);
		expect(r.frame()).not.toContain('has no contacts API');
		await r.unmount();
	});
});
