import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {Header} from '../../../source/editor/components/Header.js';
import {createTheme, ThemeContext} from '../../../source/editor/theme.js';
import {renderInk} from '../helpers/render.js';

describe('Header', () => {
	it('shows profile · host · stream · contact on one line', async () => {
		const r = await renderInk(
			<Header profile="prod-us" host="https://platform.kore.ai" streamId="st-5a1e0c9d" contact="Jane Doe · 667e" columns={80} />,
		);
		expect(r.frame()).toBe('prod-us · platform.kore.ai · st-5a1e0c9d · Jane Doe · 667e');
		await r.unmount();
	});

	it('spells PROTECTED out and shows the DEMO banner', async () => {
		const r = await renderInk(<Header profile="prod" protected demo="sandbox on 127.0.0.1:4010" columns={80} />);
		const [first, second] = r.frame().split('\n');
		expect(first).toMatch(/^PROTECTED prod/);
		expect(second).toBe('DEMO · sandbox on 127.0.0.1:4010');
		await r.unmount();
	});

	it('does not repeat DEMO when the banner starts with it', async () => {
		const r = await renderInk(<Header profile="demo" demo="DEMO — a built-in sandbox" columns={80} />);
		expect(r.frame().split('\n')[1]).toBe('DEMO — a built-in sandbox');
		await r.unmount();
	});

	it('never wraps: long values are cut with … to the width, escape codes from the server removed', async () => {
		const r = await renderInk(
			<Header
				profile="a-very-long-profile-name-indeed"
				host="de-platform.kore.ai"
				streamId="st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10"
				contact={'\u001B]0;pwned\u0007Zoë 王小明 with a very long surname'}
				columns={60}
			/>,
			{columns: 60},
		);
		const frame = r.frame();
		expect(frame.split('\n')).toHaveLength(1);
		expect(stringWidth(frame)).toBeLessThan(60);
		expect(frame).toContain('…');
		expect(r.rawFrame()).not.toContain('pwned');
		await r.unmount();
	});

	it('uses colour only when the theme has colour', async () => {
		const plain = await renderInk(<Header profile="p" protected columns={80} />);
		expect(plain.rawFrame()).not.toMatch(/\u001B\[3\dm/);
		await plain.unmount();
		const coloured = await renderInk(
			<ThemeContext.Provider value={createTheme({color: true})}>
				<Header profile="p" protected columns={80} />
			</ThemeContext.Provider>,
		);
		// chalk may decide the level itself; with colour allowed, the frame text is unchanged.
		expect(coloured.frame()).toMatch(/^PROTECTED p/);
		await coloured.unmount();
	});
});
