import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer} from '../../../source/editor/state/flow.js';
import type {ContactFields} from '../../../source/contact/contact.js';
import {EditForm} from '../../../source/editor/screens/EditForm.js';
import {NameForm} from '../../../source/editor/screens/NameForm.js';
import {KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState} from '../helpers/fixtures.js';

const atForm = () => flowReducer(cardState(), {type: 'open', screen: {name: 'name'}});

describe('NameForm', () => {
	it('takes its values as props and reports the edit through onSubmit, Esc through onCancel', async () => {
		const submitted: Array<Partial<ContactFields>> = [];
		let cancelled = 0;
		const fields: ContactFields = {
			firstName: 'Ann',
			lastName: 'Lee',
			salutation: '',
			phoneNumber: '',
			countryCode: '',
			extension: '',
		};
		const form = (
			<NameForm
				fields={fields}
				onSubmit={edits => submitted.push(edits)}
				onCancel={() => {
					cancelled++;
				}}
			/>
		);
		const r = await renderScreen(form, {state: atForm(), services: makeServices()});
		expect(r.frame()).toContain('Ann');
		await r.press(KEY.tab);
		await r.press(KEY.end);
		await r.type(' Jr');
		await r.press(KEY.enter);
		expect(submitted).toEqual([{firstName: 'Ann', lastName: 'Lee Jr'}]);
		await r.press(KEY.escape);
		expect(cancelled).toBe(1);
		await r.unmount();
	});

	it('edits first and last name; Tab moves, Enter submits both', async () => {
		const r = await renderScreen(<EditForm form="name" />, {state: atForm(), services: makeServices()});
		for (let i = 0; i < 4; i++) {
			await r.press(KEY.backspace);
		}

		await r.type('John');
		await r.press(KEY.tab);
		await r.press(KEY.backspace);
		await r.press(KEY.backspace);
		await r.press(KEY.backspace);
		await r.paste('Doe-Smith');
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({firstName: 'John', lastName: 'Doe-Smith'});
		await r.unmount();
	});

	it('an empty first name keeps the form open and says what to type', async () => {
		const r = await renderScreen(<EditForm form="name" />, {state: atForm(), services: makeServices()});
		for (let i = 0; i < 4; i++) {
			await r.press(KEY.backspace);
		}

		await r.press(' ');
		expect(r.frame()).toContain("First name can't be empty: type at least one letter.");
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('name');
		expect(r.state().edits).toEqual({});
		await r.unmount();
	});

	it('↑↓ move too; Esc cancels without changing anything', async () => {
		const r = await renderScreen(<EditForm form="name" />, {state: atForm(), services: makeServices()});
		await r.press(KEY.down);
		await r.press(KEY.end);
		await r.paste('x');
		expect(r.frame()).toContain('doex');
		await r.press(KEY.escape);
		expect(currentScreen(r.state()).name).toBe('card');
		expect(r.state().edits).toEqual({});
		await r.unmount();
	});
});
