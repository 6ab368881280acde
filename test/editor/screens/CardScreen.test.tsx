import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer} from '../../../source/editor/state/flow.js';
import {CardScreen} from '../../../source/editor/screens/CardScreen.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';

describe('CardScreen', () => {
	it('shows the current values and the edit menu', async () => {
		const r = await renderScreen(<CardScreen />, {state: cardState(), services: makeServices()});
		const frame = r.frame();
		expect(frame).toContain(`Contact ${john.id}`);
		expect(frame).toContain('  Salutation    mr');
		expect(frame).toContain('  First name    john');
		expect(frame).toContain('  Last name     doe');
		expect(frame).toContain('  Cell phone    +91 9550100001 · ext +');
		for (const item of ['› Name', 'Salutation', 'Cell phone', 'Review changes (0)', 'Discard changes', 'Back']) {
			expect(frame).toContain(item);
		}

		await r.unmount();
	});

	it('marks edited fields, counts them, and starts on Review', async () => {
		const state = flowReducer(cardState(), {type: 'edit', fields: {firstName: 'John', countryCode: '+1'}});
		const r = await renderScreen(<CardScreen />, {state, services: makeServices()});
		const frame = r.frame();
		expect(frame).toContain('* First name    John (edited, was john)');
		expect(frame).toContain('* Cell phone    +1 9550100001 · ext + (edited, was +91 9550100001 · ext +)');
		expect(frame).toContain('  Last name     doe');
		expect(frame).toContain('› Review changes (2)');
		expect(frame).toMatch(/Name +edited/);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('review');
		await r.unmount();
	});

	it('opens the forms', async () => {
		const r = await renderScreen(<CardScreen />, {state: cardState(), services: makeServices()});
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('phone');
		await r.unmount();
	});

	it('asks before leaving with edits; n stays, y leaves', async () => {
		const state = flowReducer(cardState(), {type: 'edit', fields: {salutation: 'Dr'}});
		const r = await renderScreen(<CardScreen />, {state, services: makeServices()});
		await r.press(KEY.escape);
		expect(r.frame()).toContain('Leave this contact and drop 1 edited field? y leaves · n keeps them');
		await r.press('n');
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({salutation: 'Dr'});
		await r.press(KEY.escape);
		await r.press('y');
		expect(currentScreen(r.state()).name).toBe('contact');
		await r.unmount();
	});

	it('Discard asks first, then drops the edits', async () => {
		const state = flowReducer(cardState(), {type: 'edit', fields: {salutation: 'Dr'}});
		const r = await renderScreen(<CardScreen />, {state, services: makeServices()});
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(r.frame()).toContain('Discard 1 edited field? y discards · n keeps them');
		await r.press('n');
		expect(r.state().edits).toEqual({salutation: 'Dr'});
		await r.press(KEY.enter);
		await r.press('y');
		expect(r.state().edits).toEqual({});
		expect(r.frame()).toContain('Changes discarded.');
		await r.unmount();
	});

	it('fits 60×20: escape sequences drawn as visible symbols (never raw), truncated, shorter than the terminal', async () => {
		const contact = {...john, firstName: '\u001B[31mRED\u001B[0m' + 'Bartholomew-Maximilian'.repeat(4), status: 'INACTIVE'};
		const r = await renderScreen(<CardScreen />, {state: cardState(contact), services: makeServices(), columns: 60, rows: 20});
		const frame = r.frame();
		expect(frame).not.toContain('\u001B[31m');
		// The card shows what the review's diff and body will show: the hidden characters, as symbols.
		expect(frame).toContain('␛[31mRED␛[0mBartholomew');
		expect(frame).toContain('…');
		expect(frame).toContain('Status INACTIVE');
		expect(frameRows(frame)).toBeLessThanOrEqual(18);
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(60);
		}

		await r.unmount();
	});
});
