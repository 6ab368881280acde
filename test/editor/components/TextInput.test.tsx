import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {TextInput} from '../../../source/editor/components/TextInput.js';
import {createTheme, ThemeContext} from '../../../source/editor/theme.js';
import {KEY, renderInk} from '../helpers/render.js';

function Field(props: {initial?: string; mask?: string; placeholder?: string; focus?: boolean; onSubmit?: (v: string) => void}) {
	const [value, setValue] = useState(props.initial ?? '');
	return (
		<TextInput
			focus={props.focus ?? true}
			value={value}
			onChange={setValue}
			onSubmit={props.onSubmit}
			mask={props.mask}
			placeholder={props.placeholder}
		/>
	);
}

const coloured = createTheme({color: true});

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
		const r = await renderInk(
			<ThemeContext.Provider value={coloured}>
				<Field mask="•" placeholder="secret" />
			</ThemeContext.Provider>,
		);
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

	it('NO_COLOR: a placeholder never looks like a typed value (in parentheses, "e.g." before a bare value)', async () => {
		const host = await renderInk(<Field focus={false} placeholder="platform.kore.ai" />);
		expect(host.frame()).toBe('(e.g. platform.kore.ai)');
		await host.unmount();

		const find = await renderInk(<Field focus={false} placeholder="name, phone or contact ID" />);
		expect(find.frame()).toBe('(name, phone or contact ID)');
		await find.unmount();

		// Focused: the cursor, then the hint; after Ctrl+U empties the field, the same.
		const code = await renderInk(<Field initial="+91" placeholder="+91" />);
		expect(code.frame()).toBe('+91');
		await code.press('\u0015');
		// The cursor (an inverse space), a space, the hint.
		expect(code.frame()).toBe('  (e.g. +91)');
		await code.type('+4');
		expect(code.frame()).toBe('+4');
		await code.unmount();

		// TERM=dumb: after the visible cursor.
		const dumb = await renderInk(
			<ThemeContext.Provider value={createTheme({color: false, ascii: true})}>
				<Field placeholder="+91" />
			</ThemeContext.Provider>,
		);
		expect(dumb.frame()).toBe('_ (e.g. +91)');
		await dumb.unmount();
	});

	it('with colour, the placeholder is shown as before: dim, no parentheses', async () => {
		const focused = await renderInk(
			<ThemeContext.Provider value={coloured}>
				<Field placeholder="+91" />
			</ThemeContext.Provider>,
		);
		expect(focused.frame()).toBe('+91');
		await focused.unmount();
		const unfocused = await renderInk(
			<ThemeContext.Provider value={coloured}>
				<Field focus={false} placeholder="platform.kore.ai" />
			</ThemeContext.Provider>,
		);
		expect(unfocused.frame()).toBe('platform.kore.ai');
		await unfocused.unmount();
	});

	describe('a prefilled value (gh prompt convention)', () => {
		async function submitAfter(initial: string, keys: string[], how: 'press' | 'burst' = 'press'): Promise<string[]> {
			const submitted: string[] = [];
			const r = await renderInk(<Field initial={initial} onSubmit={v => submitted.push(v)} />);
			if (how === 'burst') await r.burst(keys);
			else for (const key of keys) await r.press(key);
			await r.press(KEY.enter);
			await r.unmount();
			return submitted;
		}

		// Its selected look (inverse video) is checked in a real terminal: test/editor/e2e-deep-link.test.ts.
		it('the first text typed replaces it', async () => {
			const r = await renderInk(<Field initial="john" />);
			await r.type('Jo');
			expect(r.frame()).toBe('Jo');
			await r.unmount();
			expect(await submitAfter('john', ['J', 'o', 'e'])).toEqual(['Joe']);
			// Keys of one burst: the first replaces, the rest insert after it.
			expect(await submitAfter('john', ['a', 'b'], 'burst')).toEqual(['ab']);
		});

		it('an arrow, Home/End, Backspace or Ctrl+U first edits it in place', async () => {
			expect(await submitAfter('john', [KEY.left, 'x'])).toEqual(['johxn']);
			expect(await submitAfter('john', [KEY.home, 'x'])).toEqual(['xjohn']);
			expect(await submitAfter('john', [KEY.end, 'x'])).toEqual(['johnx']);
			expect(await submitAfter('john', [KEY.backspace, 'x'])).toEqual(['johx']);
			expect(await submitAfter('john', ['\u0015', 'x'])).toEqual(['x']);
			// Enter alone keeps it.
			expect(await submitAfter('john', [])).toEqual(['john']);
		});

		it('a paste into it replaces it; a second paste is added', async () => {
			const submitted: string[] = [];
			const r = await renderInk(<Field initial="john" onSubmit={v => submitted.push(v)} />);
			await r.paste('Jane');
			await r.paste(' Doe');
			await r.press(KEY.enter);
			expect(submitted).toEqual(['Jane Doe']);
			await r.unmount();
		});

		it('an empty field and a secret are typed into as before', async () => {
			expect(await submitAfter('', ['a', 'b'])).toEqual(['ab']);
			const r = await renderInk(<Field initial="old-secret" mask="•" />);
			await r.type('n');
			expect(r.frame()).toBe('•');
			await r.unmount();
		});
	});
});
