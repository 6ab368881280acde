import {describe, expect, it} from 'vitest';
import {ErrorBox, errorBoxRows} from '../../../source/editor/components/ErrorBox.js';
import {frameRows, renderInk} from '../helpers/render.js';

describe('ErrorBox', () => {
	it('shows what happened and what to do, without control characters', async () => {
		const r = await renderInk(<ErrorBox message={'Kore.ai said "bad\u001B[2J thing".'} hint="Check the host." columns={80} />);
		expect(r.frame()).toBe('✖ Kore.ai said "bad thing".\nCheck the host.');
		await r.unmount();
	});

	it('does not repeat a hint that the message already ends with', async () => {
		const r = await renderInk(<ErrorBox message="It failed. Check the host." hint="Check the host." columns={80} />);
		expect(r.frame()).toBe('✖ It failed. Check the host.');
		await r.unmount();
	});

	it('wraps long messages within the width, and says how many rows it takes', async () => {
		const message =
			'Kore.ai did not accept the credentials for stream st-1 at https://platform.kore.ai (401: "Invalid SDK credentials"). Check the host, account ID, client ID and client secret.';
		const r = await renderInk(<ErrorBox message={message} columns={60} />, {columns: 60});
		const frame = r.frame();
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThan(60);
		}

		expect(frameRows(frame)).toBeLessThanOrEqual(errorBoxRows({message}, 60));
		expect(errorBoxRows({message}, 60)).toBeLessThanOrEqual(frameRows(frame) + 1);
		expect(frame.replace(/\s+/g, ' ')).toContain('client secret.');
		await r.unmount();
	});
});
