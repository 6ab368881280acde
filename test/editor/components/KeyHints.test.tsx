import {describe, expect, it} from 'vitest';
import {KeyHints, type Hint} from '../../../source/editor/components/KeyHints.js';
import {renderInk} from '../helpers/render.js';

describe('KeyHints', () => {
	it('lists the keys of the screen and always Ctrl+C', async () => {
		const r = await renderInk(
			<KeyHints
				hints={[
					['↑↓', 'move'],
					['Enter', 'choose'],
				]}
				columns={80}
			/>,
		);
		expect(r.frame()).toBe('↑↓ move · Enter choose · Ctrl+C quit');
		await r.unmount();
	});

	it('leaves hints out rather than wrapping on a narrow terminal', async () => {
		const r = await renderInk(
			<KeyHints
				hints={[
					['↑↓', 'move'],
					['Enter', 'choose'],
					['Esc', 'back'],
					['e', 'edit'],
				]}
				columns={30}
			/>,
			{columns: 30},
		);
		expect(r.frame()).toBe('↑↓ move · Enter choose');
		await r.unmount();
	});

	it('shows the quit question instead when asked', async () => {
		const r = await renderInk(<KeyHints hints={[['Esc', 'back']]} columns={80} question="Quit? y/n" />);
		expect(r.frame()).toBe('Quit? y/n');
		await r.unmount();
	});

	it('puts extras after Ctrl+C only when they fit, and list-only keys never on the line', async () => {
		const hints: Hint[] = [
			['↑↓', 'move'],
			['Enter', 'open'],
			['?', 'keys', 'extra'],
			['PgUp/Dn Home/End', 'page', 'extra'],
			['n', 'Name', 'list'],
		];
		const wide = await renderInk(<KeyHints hints={hints} columns={80} />);
		expect(wide.frame()).toBe('↑↓ move · Enter open · Ctrl+C quit · ? keys · PgUp/Dn Home/End page');
		await wide.unmount();
		const narrow = await renderInk(<KeyHints hints={hints} columns={50} />, {columns: 50});
		expect(narrow.frame()).toBe('↑↓ move · Enter open · Ctrl+C quit · ? keys');
		await narrow.unmount();
	});
});
