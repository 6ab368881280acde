import {describe, expect, it} from 'vitest';
import {currentScreen, type FlowState} from '../../../source/editor/state/flow.js';
import {ReviewScreen, wrapJson} from '../../../source/editor/screens/ReviewScreen.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices, testClient} from '../helpers/services.js';
import {cardState, session} from '../helpers/fixtures.js';
import {run} from '../helpers/states.js';

function atReview(isProtected = false): FlowState {
	return run(
		cardState(undefined, {protected: isProtected}),
		{type: 'edit', fields: {firstName: 'John', salutation: 'Dr', phoneNumber: '9550100002'}},
		{type: 'review'},
	);
}

const client = testClient(session.credentials);

describe('ReviewScreen', () => {
	it('shows the diff (changed rows marked ~) and the exact JSON body', async () => {
		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, rows: 30});
		const frame = r.frame();
		expect(frame).toContain('Review 3 changes to 667e48f7c8b972fc69100001');
		expect(frame).toMatch(/~ First name +john +John/);
		expect(frame).toMatch(/ {2}Last name +doe +doe/);
		expect(frame).toMatch(/~ Salutation +mr +Dr/);
		expect(frame).toMatch(/~ Phone number +9550100001 +9550100002/);
		expect(frame).toContain(
			[
				'{',
				'  "firstName": "John",',
				'  "lastName": "doe",',
				'  "salutation": "Dr",',
				'  "cellPhone": {',
				'    "phoneNumber": "9550100002",',
				'    "countryCode": "+91",',
				'    "extension": "+"',
				'  }',
				'}',
			].join('\n'),
		);
		expect(frame).toContain('y send · e edit · c curl · Esc back');
		await r.unmount();
	});

	it('c shows the equivalent curl with $KORE_JWT, never the secret', async () => {
		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, rows: 30});
		await r.press('c');
		const frame = r.frame();
		// Long quoted words are split as 'abc'\ + newline + 'def', which the shell joins back.
		expect(frame.replaceAll("'\\\n'", '')).toContain(
			"curl --request PUT 'https://platform.kore.ai/agentassist/api/v1/public/st-1/contacts/667e48f7c8b972fc69100001' \\",
		);
		expect(frame).toContain('"auth: $KORE_JWT"');
		expect(frame).not.toContain(session.credentials.clientSecret);
		await r.press('c');
		expect(r.frame()).toContain('~ First name');
		await r.unmount();
	});

	it('y sends, Enter does not; e and Esc go back to the card', async () => {
		const held = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client});
		await held.press(KEY.enter);
		expect(currentScreen(held.state()).name).toBe('review');
		await held.unmount();
		for (const key of ['y', 'Y']) {
			const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client});
			await r.press(key);
			expect(currentScreen(r.state()).name).toBe('send');
			await r.unmount();
		}

		for (const key of ['e', KEY.escape]) {
			const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client});
			await r.press(key);
			expect(currentScreen(r.state()).name).toBe('card');
			expect(r.state().edits).toMatchObject({firstName: 'John'});
			await r.unmount();
		}
	});

	it('fits 60×20: the body goes on one line when the pretty form would not fit', async () => {
		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, columns: 60, rows: 20});
		const frame = r.frame();
		expect(frameRows(frame)).toBeLessThanOrEqual(18);
		expect(frame.replace(/\n/g, '')).toContain('{"firstName":"John","lastName":"doe","salutation":"Dr","cellPhone":');
		await r.unmount();
	});

	it('the curl view fits a small terminal too (the body on one line) and stays a valid command', async () => {
		// 60×18 leaves 16 rows for the screen: too few for the pretty body.
		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, columns: 60, rows: 18});
		await r.press('c');
		const frame = r.frame();
		expect(frameRows(frame)).toBeLessThanOrEqual(16);
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(60);
		}

		const joined = frame.replaceAll("'\\\n'", '');
		expect(joined).toContain(
			`--data '{"firstName": "John","lastName": "doe","salutation": "Dr","cellPhone": {"phoneNumber": "9550100002",`,
		);
		await r.unmount();
	});

	it('a protected profile asks for the whole contact ID before sending (its last 4 characters are refused)', async () => {
		const r = await renderScreen(<ReviewScreen />, {state: atReview(true), services: makeServices(), client, rows: 30});
		await r.press('y');
		expect(currentScreen(r.state()).name).toBe('review');
		expect(r.frame()).toContain('PROTECTED profile: type the whole contact ID to send.');
		const id = r.state().prepared!.contactId;
		await r.paste(id.slice(-4));
		await r.press(KEY.enter);
		expect(r.frame()).toContain('does not match the contact ID');
		expect(currentScreen(r.state()).name).toBe('review');
		await r.press('\u0015');
		await r.paste(id);
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('send');
		await r.unmount();
	});

	it('on a narrow terminal the one-line body breaks after commas, never inside a key or value', async () => {
		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, columns: 60, rows: 20});
		const lines = r.frame().split('\n');
		const start = lines.findIndex(line => line.startsWith('{"firstName"'));
		expect(start).toBeGreaterThan(-1);
		const body = lines.slice(start, start + 4).filter(line => line.startsWith('{') || line.startsWith('"'));
		for (const line of body) expect(line.length).toBeLessThanOrEqual(59);
		expect(JSON.parse(body.join(''))).toMatchObject({firstName: 'John', cellPhone: {phoneNumber: '9550100002'}});
		await r.unmount();
	});
});

describe('wrapJson', () => {
	it('packs comma-separated pieces into lines of the width, and they join back to the same JSON', () => {
		const json = JSON.stringify({
			firstName: 'John',
			lastName: 'Doe',
			salutation: 'Mr',
			cellPhone: {phoneNumber: '7700900123', countryCode: '+44', extension: '+'},
		});
		const lines = wrapJson(json, 40);
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
		expect(lines.join('')).toBe(json);
		expect(wrapJson('{"a":"' + 'x'.repeat(50) + '"}', 20)).toEqual(['{"a":"' + 'x'.repeat(50) + '"}']);
	});
});

describe('ReviewScreen: the number Kore will store', () => {
	it('says it when the phone changes, within 60×20 and 80×24', async () => {
		for (const [columns, rows] of [
			[60, 20],
			[80, 24],
		] as const) {
			const state = run(cardState(), {type: 'edit', fields: {countryCode: '+44', phoneNumber: '7700900123'}}, {type: 'review'});
			const r = await renderScreen(<ReviewScreen />, {state, services: makeServices(), client, columns, rows});
			const frame = r.frame();
			expect(frame).toContain('Kore will store the phone as +447700900123');
			expect(frameRows(frame)).toBeLessThanOrEqual(rows - 2);
			await r.unmount();
		}

		const r = await renderScreen(<ReviewScreen />, {state: atReview(), services: makeServices(), client, columns: 60, rows: 20});
		expect(r.frame()).toContain('Kore will store the phone as +919550100002');
		expect(frameRows(r.frame())).toBeLessThanOrEqual(18);
		await r.unmount();
	});

	it('says nothing about the phone when it does not change', async () => {
		const state = run(cardState(), {type: 'edit', fields: {firstName: 'John'}}, {type: 'review'});
		const r = await renderScreen(<ReviewScreen />, {state, services: makeServices(), client});
		expect(r.frame()).toContain('Review 1 change');
		expect(r.frame()).not.toContain('Kore will store');
		await r.unmount();
	});
});
