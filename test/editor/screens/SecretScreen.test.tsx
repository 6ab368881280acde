import {describe, expect, it} from 'vitest';
import {currentScreen, initialFlowState, type FlowState} from '../../../source/editor/state/flow.js';
import {SecretScreen} from '../../../source/editor/screens/SecretScreen.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';

function atSecret(): FlowState {
	const state = initialFlowState();
	return {...state, stack: [...state.stack, {name: 'secret', profileName: 'prod'}]};
}

describe('SecretScreen', () => {
	it('asks for the secret masked, uses it for the session and never stores it', async () => {
		const services = makeServices();
		services.store.saveProfile({name: 'prod', host: 'platform.kore.ai', accountId: 'a', clientId: 'c', protected: false});
		const r = await renderScreen(<SecretScreen profileName="prod" />, {state: atSecret(), services});
		await r.press(KEY.enter);
		expect(r.frame()).toContain('Type the client secret');
		await r.type('hush');
		expect(r.frame()).not.toContain('hush');
		expect(r.frame()).toContain('••••');
		await r.press(KEY.enter);
		expect(r.state().session?.credentials.clientSecret).toBe('hush');
		expect(currentScreen(r.state()).name).toBe('stream');
		expect(services.store.getProfile('prod')?.clientSecret).toBeUndefined();
		await r.unmount();
	});
});
