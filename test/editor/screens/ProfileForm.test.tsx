import {describe, expect, it} from 'vitest';
import {currentScreen, initialFlowState, type FlowState} from '../../../source/editor/state/flow.js';
import {DEMO_SEALED} from '../../../source/editor/demo.js';
import {ProfileForm} from '../../../source/editor/screens/ProfileForm.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';

function atForm(): FlowState {
	const state = initialFlowState();
	return {...state, stack: [...state.stack, {name: 'profile-form'}]};
}

describe('ProfileForm', () => {
	it('saves a new profile (secret masked, made default) and opens the stream screen', async () => {
		const services = makeServices();
		const r = await renderScreen(<ProfileForm />, {state: atForm(), services});
		expect(r.frame()).toContain('Create a profile');
		await r.type('prod-us');
		await r.press(KEY.tab);
		await r.paste('platform.kore.ai');
		await r.press(KEY.down);
		await r.paste('65f7d49a5dd06e2cefa0d3b1');
		await r.press(KEY.tab);
		await r.type('cs-123');
		await r.press(KEY.tab);
		await r.paste('top-secret');
		const frame = r.frame();
		expect(frame).not.toContain('top-secret');
		expect(frame).toContain('••••••••••');
		await r.press(KEY.enter);
		expect(services.store.getProfile('prod-us')).toEqual({
			name: 'prod-us',
			host: 'platform.kore.ai',
			accountId: '65f7d49a5dd06e2cefa0d3b1',
			clientId: 'cs-123',
			clientSecret: 'top-secret',
			protected: false,
		});
		expect(services.store.getDefaultProfile()).toBe('prod-us');
		expect(r.state().stack.map(s => s.name)).toEqual(['profile', 'stream']);
		expect(r.state().session?.profileName).toBe('prod-us');
		await r.unmount();
	});

	it('in the demo, refuses any host but the sandbox, saving nothing', async () => {
		const services = makeServices({demo: {banner: 'DEMO', host: 'http://127.0.0.1:4010'}});
		const r = await renderScreen(<ProfileForm />, {state: atForm(), services});
		await r.type('real');
		await r.press(KEY.tab);
		await r.paste('platform.kore.ai');
		await r.press(KEY.down);
		await r.paste('65f7d49a5dd06e2cefa0d3b1');
		await r.press(KEY.tab);
		await r.type('cs-123');
		await r.press(KEY.tab);
		await r.paste('top-secret');
		await r.press(KEY.enter);
		expect(r.frame().replace(/\s+/g, ' ')).toContain(DEMO_SEALED);
		expect(services.store.getProfile('real')).toBeUndefined();
		expect(currentScreen(r.state()).name).toBe('profile-form');
		await r.unmount();
	});

	it('keeps what was typed and marks what is wrong: empty fields, an http host', async () => {
		const services = makeServices();
		const r = await renderScreen(<ProfileForm />, {state: atForm(), services});
		await r.type('bad name!');
		await r.press(KEY.tab);
		await r.paste('http://example.com');
		await r.press(KEY.enter);
		const frame = r.frame();
		expect(frame).toContain('bad name!');
		expect(frame).toContain('http://example.com');
		expect(frame).toMatch(/may not contain "\s?"|may not contain/);
		expect(frame).toContain('The profile was not saved: correct the fields marked ✖');
		expect(frame).toMatch(/✖ Host/);
		expect(services.store.listProfiles()).toEqual([]);
		expect(currentScreen(r.state()).name).toBe('profile-form');
		await r.unmount();
	});

	it('rejects a plain-http host that is not loopback, naming the rule', async () => {
		const services = makeServices();
		const r = await renderScreen(
			<ProfileForm initial={{name: 'x', host: 'http://example.com', accountId: 'a', clientId: 'c'}} />,
			{
				state: atForm(),
				services,
			},
		);
		await r.press(KEY.enter);
		expect(r.frame().replace(/\s+/g, ' ')).toMatch(/http:\/\/.*unencrypted/);
		expect(services.store.listProfiles()).toEqual([]);
		await r.unmount();
	});

	it('prefills from a rejected profile with the reason, toggles protected with Space', async () => {
		const services = makeServices();
		const r = await renderScreen(
			<ProfileForm
				initial={{name: 'prod', host: 'platform.kore.ai', accountId: 'a', clientId: 'c', clientSecret: 'old'}}
				reason="Kore.ai did not accept the credentials. Check the client secret."
			/>,
			{state: atForm(), services},
		);
		expect(r.frame()).toContain('Kore.ai did not accept the credentials');
		expect(r.frame()).toContain('Profile prod');
		for (let i = 0; i < 5; i++) {
			await r.press(KEY.down);
		}

		await r.press(' ');
		expect(r.frame()).toMatch(/Protected +yes/);
		await r.press(KEY.enter);
		expect(services.store.getProfile('prod')?.protected).toBe(true);
		expect(r.state().session).toMatchObject({profileName: 'prod', protected: true});
		await r.unmount();
	});

	it('Esc goes back to the profile list', async () => {
		const r = await renderScreen(<ProfileForm />, {state: atForm(), services: makeServices()});
		await r.press(KEY.escape);
		expect(currentScreen(r.state()).name).toBe('profile');
		await r.unmount();
	});
});
