import {describe, expect, it} from 'vitest';
import {Menu, type MenuItem} from '../../../source/editor/components/Menu.js';
import {frameRows, KEY, renderInk} from '../helpers/render.js';

const items: Array<MenuItem<number>> = Array.from({length: 30}, (_, i) => ({key: `k${i}`, label: `Item ${i}`, value: i}));

describe('Menu', () => {
	it('moves with arrows and j/k, selects with Enter', async () => {
		const selected: number[] = [];
		const r = await renderInk(
			<Menu items={items.slice(0, 3)} onSelect={item => selected.push(item.value)} height={10} columns={80} />,
		);
		expect(r.frame()).toBe('› Item 0\n  Item 1\n  Item 2');
		await r.press(KEY.down);
		await r.press('j');
		expect(r.frame()).toBe('  Item 0\n  Item 1\n› Item 2');
		await r.press('k');
		await r.press(KEY.enter);
		expect(selected).toEqual([1]);
		await r.unmount();
	});

	it('keys arriving together (before the handler is re-registered) each count', async () => {
		const r = await renderInk(<Menu items={items.slice(0, 5)} onSelect={() => {}} height={10} columns={80} />);
		await r.burst([KEY.down, KEY.down, KEY.down]);
		expect(r.frame()).toContain('› Item 3');
		await r.unmount();
	});

	it('never renders taller than its height, scrolls, and says how many are hidden', async () => {
		const highlighted: number[] = [];
		const r = await renderInk(
			<Menu items={items} onSelect={() => {}} onHighlight={item => highlighted.push(item.value)} height={6} columns={80} />,
		);
		expect(frameRows(r.frame())).toBe(6);
		expect(r.frame()).toContain('↓ 26 more');
		for (let i = 0; i < 6; i++) {
			await r.press(KEY.down);
		}

		const frame = r.frame();
		expect(frameRows(frame)).toBe(6);
		expect(frame).toContain('› Item 6');
		expect(frame).toMatch(/↑ \d+ more/);
		expect(highlighted.at(-1)).toBe(6);
		await r.press(KEY.end);
		expect(r.frame()).toContain('› Item 29');
		await r.unmount();
	});

	it('ignores j/k when vimKeys is off (a text input shares the keyboard)', async () => {
		const r = await renderInk(<Menu items={items.slice(0, 3)} onSelect={() => {}} height={5} columns={80} vimKeys={false} />);
		await r.press('j');
		expect(r.frame()).toMatch(/^› Item 0/);
		await r.unmount();
	});

	it('starts at initialKey and shows a note', async () => {
		const r = await renderInk(
			<Menu
				items={[
					{key: 'a', label: 'A', value: 1},
					{key: 'b', label: 'B', value: 2, note: 'recent'},
				]}
				onSelect={() => {}}
				height={5}
				columns={80}
				initialKey="b"
			/>,
		);
		expect(r.frame()).toBe('  A\n› B  recent');
		await r.unmount();
	});
});
