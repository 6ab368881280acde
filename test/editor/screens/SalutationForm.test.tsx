import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer} from '../../../source/editor/state/flow.js';
import {EditForm} from '../../../source/editor/screens/EditForm.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';

const atForm = (contact = john) => flowReducer(cardState(contact), {type: 'open', screen: {name: 'salutation'}});

describe('SalutationForm', () => {
	it('offers Mr, Mrs, Ms, Mx, Dr, none, Other…, starting at the current one', async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {state: atForm(), services: makeServices()});
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
		const r = await renderScreen(<EditForm form="salutation" />, {state: atForm(), services: makeServices()});
		for (let i = 0; i < 5; i++) {
			await r.press(KEY.down);
		}

		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: ''});
		await r.unmount();
	});

	it('Other… takes free text, prefilled with an unusual current value', async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: 'Prof.'}),
			services: makeServices(),
		});
		expect(r.frame()).toMatch(/› Other… +current: Prof\./);
		await r.press(KEY.enter);
		expect(r.frame()).toContain('Prof.');
		await r.press(KEY.backspace);
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: 'Prof'});
		await r.unmount();
	});

	it("Other… left empty is the same as none: the same value, and the list says so in the card's words", async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: 'Prof.'}),
			services: makeServices(),
		});
		await r.press(KEY.enter);
		for (let i = 0; i < 5; i++) {
			await r.press(KEY.backspace);
		}

		await r.paste('   ');
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({salutation: ''});
		await r.unmount();

		// The form again, on the edited value: "none (empty)" is current, Other… holds nothing.
		const again = flowReducer(r.state(), {type: 'open', screen: {name: 'salutation'}});
		const list = await renderScreen(<EditForm form="salutation" />, {state: again, services: makeServices()});
		expect(list.frame()).toMatch(/› none \(empty\) +current/);
		expect(list.frame()).not.toMatch(/Other… +current/);
		await list.unmount();
	});

	it('a stored value of spaces only counts as none', async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: '  '}),
			services: makeServices(),
		});
		expect(r.frame()).toMatch(/› none \(empty\) +current/);
		expect(r.frame()).not.toContain('current: ');
		await r.unmount();
	});

	it.each([
		['mr', 'Mr'],
		['MRS.', 'Mrs'],
		[' dr ', 'Dr'],
	])('marks the stored %j as %s current, whatever its case', async (stored, label) => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: stored}),
			services: makeServices(),
		});
		expect(r.frame()).toMatch(new RegExp(`› ${label} +current`));
		expect(r.frame().match(/current/g)).toHaveLength(1);
		await r.unmount();
	});

	it('Esc from free text returns to the list, Esc again cancels', async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {state: atForm(), services: makeServices()});
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

describe('SalutationForm: case only is no edit', () => {
	it.each([
		['Mr', 'mr'],
		['Prof.', 'prof.'],
	])('typing %j again as %j under Other… leaves no edit', async (stored, typed) => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: stored}),
			services: makeServices(),
		});
		await r.press(KEY.end);
		await r.press(KEY.enter);
		await r.waitFor('Salutation');
		for (let i = 0; i < stored.length; i++) {
			await r.press(KEY.backspace);
		}

		await r.type(typed);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({});
		await r.unmount();
	});

	it('choosing Mr from the list for a stored "mr" leaves no edit', async () => {
		const r = await renderScreen(<EditForm form="salutation" />, {
			state: atForm({...john, salutation: 'mr'}),
			services: makeServices(),
		});
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({});
		await r.unmount();
	});
});
