import {describe, expect, it} from 'vitest';
import {Waiting} from '../../../source/editor/components/Waiting.js';
import {renderInk} from '../helpers/render.js';

describe('Waiting', () => {
	it('shows a spinner and what is happening', async () => {
		const r = await renderInk(<Waiting label="Loading contacts…" />);
		expect(r.frame()).toMatch(/^. Loading contacts…$/);
		await r.unmount();
	});

	it('adds the rate-limit countdown while the client holds the request back', async () => {
		const now = () => 1_000_000;
		const r = await renderInk(
			<Waiting label="Loading contacts…" wait={{seconds: 12, reason: 'client', until: 1_012_000}} now={now} />,
		);
		expect(r.frame()).toContain('Loading contacts… waiting for the rate limit (12 s)');
		await r.unmount();

		const over = await renderInk(<Waiting label="Loading…" wait={{seconds: 1, reason: 'server', until: 999_000}} now={now} />);
		expect(over.frame()).not.toContain('rate limit');
		await over.unmount();
	});
});
