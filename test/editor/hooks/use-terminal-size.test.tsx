import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {useTerminalSize} from '../../../source/editor/hooks/use-terminal-size.js';
import {renderInk} from '../helpers/render.js';

function Size() {
	const {columns, rows} = useTerminalSize();
	return (
		<Text>
			{columns}×{rows}
		</Text>
	);
}

describe('useTerminalSize', () => {
	it('reads the size and follows resizes', async () => {
		const r = await renderInk(<Size />, {columns: 80, rows: 24});
		expect(r.frame()).toBe('80×24');
		await r.resize(60, 20);
		expect(r.frame()).toBe('60×20');
		await r.unmount();
	});

	it('falls back to 80×24 when the stream does not say', async () => {
		const r = await renderInk(<Size />, {columns: 0, rows: 0});
		expect(r.frame()).toBe('80×24');
		await r.unmount();
	});
});
