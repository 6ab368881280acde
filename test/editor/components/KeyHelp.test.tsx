import {describe, expect, it} from 'vitest';
import {KEY_HELP_CLOSE, KeyHelp} from '../../../source/editor/components/KeyHelp.js';
import type {Hint} from '../../../source/editor/components/KeyHints.js';
import {frameRows, renderInk} from '../helpers/render.js';

const hints: Hint[] = [
	['↑↓', 'move'],
	['Enter', 'choose'],
	['?', 'keys', 'extra'],
	['n', 'Name', 'list'],
	['s', 'Salutation', 'list'],
];

describe('KeyHelp', () => {
	it('lists every key, list-only ones too, with Ctrl+C and how to close it', async () => {
		const r = await renderInk(<KeyHelp hints={hints} rows={20} columns={60} />, {columns: 60});
		expect(r.frame().split('\n')).toEqual([
			'Keys on this screen',
			'  ↑↓      move',
			'  Enter   choose',
			'  ?       keys',
			'  n       Name',
			'  s       Salutation',
			'  Ctrl+C  quit',
			KEY_HELP_CLOSE,
		]);
		await r.unmount();
	});

	it('never takes more rows than it is given', async () => {
		const r = await renderInk(<KeyHelp hints={hints} rows={5} columns={60} />, {columns: 60});
		expect(frameRows(r.frame())).toBe(5);
		expect(r.frame()).toContain('and 4 more');
		await r.unmount();
	});
});
