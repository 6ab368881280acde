import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {currentScreen, type FlowState} from '../../../source/editor/state/flow.js';
import {ConflictScreen} from '../../../source/editor/screens/ConflictScreen.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState, john} from '../helpers/fixtures.js';
import {run} from '../helpers/states.js';

const theirs: Contact = {...john, firstName: 'Johnny', salutation: 'Dr', updatedAt: '2026-02-01T10:00:00.000Z'};

function atConflict(): FlowState {
	return run(
		cardState(),
		{type: 'edit', fields: {lastName: 'Doe', salutation: 'Ms'}},
		{type: 'review'},
		{type: 'send'},
		{
			type: 'conflict',
			conflict: {
				current: theirs,
				theirs: [
					{field: 'firstName', label: 'First name', before: 'john', after: 'Johnny', changed: true},
					{field: 'salutation', label: 'Salutation', before: 'mr', after: 'Dr', changed: true},
				],
			},
		},
	);
}

describe('ConflictScreen', () => {
	it('shows loaded / theirs / yours per field, marking fields both changed', async () => {
		const r = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices()});
		const frame = r.frame();
		expect(frame).toContain('667e48f7c8b972fc69100001 changed since you loaded it');
		expect(frame).toContain('! Nothing was sent. Someone else saved it (updated 2026-02-01T10:00:00.000Z).');
		expect(frame).toMatch(/Field +Loaded +Theirs \(now\) +Yours/);
		// Only they changed the first name: no "you edited" mark on it.
		expect(frame).toMatch(/^ {2}First name +john +Johnny +\(unchanged\)/m);
		expect(frame).toContain('~ you edited · ! changed by someone else too · no mark: only theirs');
		expect(frame).toMatch(/~ Last name +doe +doe +Doe/);
		expect(frame).toMatch(/! Salutation +mr +Dr +Ms/);
		// Never preselected: applying on top of their save takes a deliberate Down.
		expect(frame).toContain('› Cancel (keep my edits, send nothing)');
		await r.unmount();
	});

	it('apply: the review shows my changes on top of theirs', async () => {
		const r = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices()});
		await r.press(KEY.down);
		await r.press(KEY.enter);
		const state = r.state();
		expect(currentScreen(state).name).toBe('review');
		expect(state.prepared?.body).toMatchObject({firstName: 'Johnny', lastName: 'Doe', salutation: 'Ms'});
		await r.unmount();
	});

	it('reload drops my edits; cancel keeps them', async () => {
		const reload = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices()});
		await reload.press(KEY.down);
		await reload.press(KEY.down);
		await reload.press(KEY.enter);
		expect(currentScreen(reload.state()).name).toBe('card');
		expect(reload.state().contact).toBe(theirs);
		expect(reload.state().edits).toEqual({});
		await reload.unmount();

		const cancel = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices()});
		await cancel.press(KEY.escape);
		expect(currentScreen(cancel.state()).name).toBe('card');
		expect(cancel.state().edits).toEqual({lastName: 'Doe', salutation: 'Ms'});
		await cancel.unmount();
	});

	it('marks rows the same at every width, with a legend line', async () => {
		for (const columns of [40, 60, 80, 120]) {
			const r = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices(), columns, rows: 24});
			const lines = r.frame().split('\n');
			const row = (label: string) => lines.find(line => line.slice(2).startsWith(label)) ?? '';
			expect(row('First name').slice(0, 2), `${columns} columns`).toBe('  ');
			expect(row('Last name').slice(0, 2), `${columns} columns`).toBe('~ ');
			expect(row('Salutation').slice(0, 2), `${columns} columns`).toBe('! ');
			const legend = columns >= 46 ? '~ you edited · ! changed by someone else too' : '~ you edited · ! someone else too';
			expect(
				lines.some(line => line.startsWith(legend)),
				`${columns} columns`,
			).toBe(true);
			await r.unmount();
		}
	});

	it('fits 60×20', async () => {
		const r = await renderScreen(<ConflictScreen />, {state: atConflict(), services: makeServices(), columns: 60, rows: 20});
		const frame = r.frame();
		expect(frameRows(frame)).toBeLessThanOrEqual(18);
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(60);
		}

		await r.unmount();
	});
});
