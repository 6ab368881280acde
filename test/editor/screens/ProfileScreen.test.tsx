import {describe, expect, it} from 'vitest';
import {currentScreen, initialFlowState} from '../../../source/editor/state/flow.js';
import {ProfileScreen} from '../../../source/editor/screens/ProfileScreen.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';

const profile = {
	name: 'prod-us',
	host: 'platform.kore.ai',
	accountId: 'acc-1',
	clientId: 'cs-1',
	clientSecret: 'secret-1',
	protected: true,
};

describe('ProfileScreen', () => {
	it('with no profiles, says so and offers to create one', async () => {
		const services = makeServices();
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		expect(r.frame()).toContain('No profiles saved yet');
		expect(r.frame()).toContain('› Create a profile…');
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('profile-form');
		await r.unmount();
	});

	it('lists saved profiles (default first highlighted, PROTECTED noted) and opens the stream screen', async () => {
		const services = makeServices();
		services.store.saveProfile({...profile, name: 'staging', protected: false});
		services.store.saveProfile(profile);
		services.store.setDefaultProfile('prod-us');
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		const frame = await r.waitFor('› prod-us');
		expect(frame).toContain('staging · platform.kore.ai');
		expect(frame).toMatch(/prod-us · platform\.kore\.ai +default, PROTECTED/);
		expect(frame).toContain('e edit');
		await r.press(KEY.enter);
		const state = r.state();
		expect(state.stack.map(s => s.name)).toEqual(['profile', 'stream']);
		expect(state.session).toEqual({
			profileName: 'prod-us',
			credentials: {host: 'platform.kore.ai', accountId: 'acc-1', clientId: 'cs-1', clientSecret: 'secret-1'},
			protected: true,
		});
		await r.unmount();
	});

	it('asks for the secret when the profile keeps none and KORE_CLIENT_SECRET is unset', async () => {
		const services = makeServices();
		services.store.saveProfile({...profile, clientSecret: undefined});
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		expect(r.frame()).toContain('secret not stored');
		await r.press(KEY.enter);
		expect(currentScreen(r.state())).toEqual({name: 'secret', profileName: 'prod-us'});
		await r.unmount();
	});

	it('takes the secret from KORE_CLIENT_SECRET, and offers the KORE_* variables when they are complete', async () => {
		const env = {KORE_HOST: 'de-platform.kore.ai', KORE_ACCOUNT_ID: 'a', KORE_CLIENT_ID: 'c', KORE_CLIENT_SECRET: 'from-env'};
		const services = makeServices({env});
		services.store.saveProfile({...profile, clientSecret: undefined});
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		await r.press(KEY.down);
		expect(r.frame()).toContain('› Use the KORE_* environment variables');
		await r.press(KEY.enter);
		expect(r.state().session).toMatchObject({
			profileName: 'environment',
			credentials: {host: 'de-platform.kore.ai', clientSecret: 'from-env'},
		});
		await r.unmount();
	});

	it('e opens the form to edit the highlighted profile', async () => {
		const services = makeServices();
		services.store.saveProfile(profile);
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		await r.waitFor('e edit');
		await r.press('e');
		expect(currentScreen(r.state())).toMatchObject({name: 'profile-form', initial: {name: 'prod-us', host: 'platform.kore.ai'}});
		await r.unmount();
	});

	it('shows store warnings (e.g. a corrupt settings file moved aside)', async () => {
		const services = makeServices();
		services.store.warnings.push('Your settings file was moved to /tmp/x.corrupt.');
		const r = await renderScreen(<ProfileScreen />, {state: initialFlowState(), services});
		expect(r.frame()).toContain('! Your settings file was moved to /tmp/x.corrupt.');
		await r.unmount();
	});
});
