import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer} from '../../../source/editor/state/flow.js';
import {EditForm} from '../../../source/editor/screens/EditForm.js';
import {checkPhone} from '../../../source/editor/screens/PhoneForm.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';
import {cardState} from '../helpers/fixtures.js';

const atForm = () => flowReducer(cardState(), {type: 'open', screen: {name: 'phone'}});

async function clear(r: {press: (key: string) => Promise<void>}, count: number) {
	for (let i = 0; i < count; i++) {
		await r.press(KEY.backspace);
	}
}

describe('PhoneForm', () => {
	it('starts on the number, prefilled without the country code', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices()});
		const frame = r.frame();
		expect(frame).toMatch(/ {2}Country code +\+91/);
		expect(frame).toMatch(/› Number +9550100001/);
		expect(frame).toMatch(/ {2}Extension +\+/);
		await r.unmount();
	});

	it('splits a pasted +91 95501 00001 into the country code and the digits', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices()});
		await clear(r, 10);
		await r.paste('+44 7700 900123');
		const frame = r.frame();
		expect(frame).toMatch(/Country code +\+44/);
		expect(frame).toMatch(/Number +7700900123/);
		expect(frame).toContain('Split the pasted number into +44 and 7700900123.');
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({countryCode: '+44', phoneNumber: '7700900123'});
		await r.unmount();
	});

	it('validates while typing, keeps the text, and refuses to submit', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices()});
		await r.press(KEY.end);
		await r.type('x');
		expect(r.frame()).toContain('9550100001x');
		expect(r.frame()).toMatch(/digits only/);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('phone');
		await r.press(KEY.up);
		await clear(r, 3);
		await r.type('91');
		expect(r.frame()).toContain('Country code needs a leading +: type +91.');
		await r.unmount();
	});

	it('typed international numbers are split on Enter', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices()});
		await clear(r, 10);
		await r.type('+14155550100');
		expect(r.frame()).toContain('Enter splits it into +1 and 4155550100.');
		await r.press(KEY.tab);
		await clear(r, 1);
		await r.paste('+1');
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({countryCode: '+1', phoneNumber: '4155550100', extension: '+1'});
		await r.unmount();
	});

	it('checkPhone: errors by field and the split', () => {
		expect(checkPhone({countryCode: '+91', phoneNumber: '95501 00001', extension: '+'})).toEqual({errors: {}, split: undefined});
		expect(checkPhone({countryCode: '', phoneNumber: '+91 95501 00001', extension: ''}).split).toEqual({
			countryCode: '+91',
			phoneNumber: '9550100001',
		});
		expect(Object.keys(checkPhone({countryCode: '91', phoneNumber: '12', extension: 'x'}).errors).sort()).toEqual([
			'countryCode',
			'extension',
			'phoneNumber',
		]);
		expect(checkPhone({countryCode: '', phoneNumber: '', extension: ''}).errors).toEqual({});
	});
});

describe('PhoneForm: numbering-plan advice', () => {
	it('warns about a kept trunk 0 and Ctrl+F applies the fix', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices(), columns: 60, rows: 20});
		expect(r.frame()).not.toContain('Ctrl+F');
		await clear(r, 10);
		await r.type('07700 900123');
		await r.press(KEY.up);
		await clear(r, 3);
		await r.type('+44');
		await r.press(KEY.down);
		const frame = await r.waitFor('Kore would store +4407700900123');
		expect(frame.replace(/\s+/g, ' ')).toContain('type 7700900123 (+44 7700 900123).');
		expect(frame).toContain('Ctrl+F apply the fix');
		expect(frameRows(frame)).toBeLessThanOrEqual(18);
		await r.press('\u0006');
		const fixed = await r.waitFor(f => !f.includes('Kore would store'));
		expect(fixed).toMatch(/Number +7700900123/);
		expect(fixed).not.toContain('Ctrl+F');
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({countryCode: '+44', phoneNumber: '7700900123'});
		await r.unmount();
	});

	it('a number not valid for the country is only a warning: Enter still takes it, no fix offered', async () => {
		const r = await renderScreen(<EditForm form="phone" />, {state: atForm(), services: makeServices()});
		await clear(r, 10);
		await r.type('12345');
		const frame = await r.waitFor('is not a valid number for');
		expect(frame).not.toContain('Ctrl+F');
		await r.press('\u0006');
		expect(r.frame()).toMatch(/Number +12345/);
		await r.press(KEY.enter);
		expect(r.state().edits).toEqual({phoneNumber: '12345'});
		await r.unmount();
	});
});
