import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer} from '../../../source/editor/flow.js';
import {SalutationForm} from '../../../source/editor/screens/SalutationForm.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';

const atForm = (contact = john) => flowReducer(cardState(contact), {type: 'open', screen: {name: 'salutation'}});

describe('SalutationForm', () => {
	it('offers Mr, Mrs, Ms, Mx, Dr, none, Other…, starting at the current one', async () => {
		const r = await renderScreen(<SalutationForm />, {state: atForm(), services: makeServices()});
		const frame = r.frame();
		expect(frame).toMatch(/› Mr +current/);
		for (const item of ['Mrs', 'Ms', 'Mx', 'Dr', 'none', 'Other…']) {
			expect(frame).toContain(item);
		}

		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: 'Dr'});
		expect(currentScreen(r.state()).name).toBe('card');
		await r.unmount();
	});

	it('none clears it', async () => {
		const r = await renderScreen(<SalutationForm />, {state: atForm(), services: makeServices()});
		for (let i = 0; i < 5; i++) {
			await r.press(KEY.down);
		}

		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: ''});
		await r.unmount();
	});

	it('Other… takes free text, prefilled with an unusual current value', async () => {
		const r = await renderScreen(<SalutationForm />, {state: atForm({...john, salutation: 'Prof.'}), services: makeServices()});
		expect(r.frame()).toMatch(/› Other… +current: Prof\./);
		await r.press(KEY.enter);
		expect(r.frame()).toContain('Prof.');
		await r.press(KEY.backspace);
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: 'Prof'});
		await r.unmount();
	});

	it('Esc from free text returns to the list, Esc again cancels', async () => {
		const r = await renderScreen(<SalutationForm />, {state: atForm(), services: makeServices()});
		await r.press(KEY.end);
		await r.press(KEY.enter);
		expect(r.frame()).toContain('e.g. Prof');
		await r.press(KEY.escape);
		expect(r.frame()).toContain('Other…');
		await r.press(KEY.escape);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({});
		await r.unmount();
	});
});
