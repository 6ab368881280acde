import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {TextInput} from '../../../source/editor/components/TextInput.js';
import {createTheme, ThemeContext} from '../../../source/editor/theme.js';
import {KEY, renderInk} from '../helpers/render.js';

function Field(props: {initial?: string; mask?: string; placeholder?: string; onSubmit?: (v: string) => void}) {
	const [value, setValue] = useState(props.initial ?? '');
	return <TextInput focus value={value} onChange={setValue} onSubmit={props.onSubmit} mask={props.mask} placeholder={props.placeholder} />;
}

describe('TextInput', () => {
	it('types, moves the cursor and deletes', async () => {
		const submitted: string[] = [];
		const r = await renderInk(<Field onSubmit={v => submitted.push(v)} />);
		await r.type('helo');
		await r.press(KEY.left);
		await r.type('l');
		await r.press(KEY.end);
		await r.press(KEY.backspace);
		await r.press(KEY.enter);
		expect(submitted).toEqual(['hell']);
		await r.unmount();
	});

	it('keeps every key of a burst (keys that arrive before the handler is re-registered)', async () => {
		const submitted: string[] = [];
		const r = await renderInk(<Field onSubmit={v => submitted.push(v)} />);
		await r.burst(['a', 'b', 'c', KEY.backspace, 'd', KEY.left, 'x', KEY.enter]);
		expect(submitted).toEqual(['abxd']);
		await r.unmount();
	});

	it('masks secrets, shows a placeholder, and pastes on one line without control characters', async () => {
		const r = await renderInk(<Field mask="•" placeholder="secret" />);
		expect(r.frame()).toBe('secret');
		await r.paste('top\nse\u0007cret');
		// "top secret": ten characters (Ink trims the cursor's trailing space).
		expect(r.frame()).toBe('••••••••••');
		await r.unmount();
	});

	it('TERM=dumb (no inverse video): the cursor is a visible character', async () => {
		const r = await renderInk(
			<ThemeContext.Provider value={createTheme({color: false, ascii: true})}>
				<Field initial="abc" />
			</ThemeContext.Provider>,
		);
		expect(r.frame()).toBe('abc_');
		await r.press(KEY.left);
		expect(r.frame()).toBe('ab|c');
		await r.unmount();
	});

	it('a prefilled value with escape codes is shown with a visible replacement, never raw', async () => {
		const r = await renderInk(<Field initial={'a\u001B[2Jb\u202E'} />);
		expect(r.rawFrame()).not.toContain('\u001B[2J');
		expect(r.frame()).toBe('a�[2Jb�');
		await r.unmount();
	});

	it('Ctrl+U clears to the start; Ctrl+other keys insert nothing', async () => {
		const submitted: string[] = [];
		const r = await renderInk(<Field initial="abc" onSubmit={v => submitted.push(v)} />);
		await r.press('\u0017');
		await r.press('\u0015');
		await r.type('z');
		await r.press(KEY.enter);
		expect(submitted).toEqual(['z']);
		await r.unmount();
	});
});
