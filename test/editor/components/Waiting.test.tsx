import {describe, expect, it} from 'vitest';
import {Waiting} from '../../../source/editor/components/Waiting.js';
import {createTheme, ThemeContext} from '../../../source/editor/theme.js';
import {renderInk, stringWidth} from '../helpers/render.js';

const now = () => 1_000_000;
const twelveSeconds = {seconds: 12, reason: 'client' as const, until: 1_012_000};

describe('Waiting', () => {
	it('shows a spinner and what is happening', async () => {
		const r = await renderInk(<Waiting label="Loading contacts…" />);
		expect(r.frame()).toMatch(/^. Loading contacts…$/);
		await r.unmount();
	});

	it('puts the rate-limit countdown first while the client holds the request back', async () => {
		const r = await renderInk(<Waiting label="Loading contacts…" wait={twelveSeconds} now={now} />);
		expect(r.frame()).toMatch(/^. Rate limit: waiting 12 s · Loading contacts…$/);
		await r.unmount();

		const over = await renderInk(<Waiting label="Loading…" wait={{seconds: 1, reason: 'server', until: 999_000}} now={now} />);
		expect(over.frame()).not.toContain('Rate limit');
		await over.unmount();
	});

	it.each([60, 80])('keeps the seconds visible at %i columns: the label is cut, never the countdown', async columns => {
		const label = 'Waiting: another kore-contacts on this machine is saving this contact…';
		const r = await renderInk(<Waiting label={label} wait={twelveSeconds} now={now} />, {columns});
		const frame = r.frame();
		expect(frame).toContain('Rate limit: waiting 12 s');
		expect(frame.split('\n')).toHaveLength(1);
		expect(stringWidth(frame)).toBeLessThan(columns);
		expect(frame).toMatch(/· Waiting: another kore-.*…$/);
		await r.unmount();
	});

	it('with ASCII only: an ASCII spinner, separator and ellipsis, also in a label written elsewhere', async () => {
		const r = await renderInk(
			<ThemeContext.Provider value={createTheme({color: false, ascii: true})}>
				<Waiting
					label="Re-reading the contact — once more, with a very long explanation of why…"
					wait={twelveSeconds}
					now={now}
				/>
			</ThemeContext.Provider>,
			{columns: 60},
		);
		const frame = r.frame();
		expect(frame).toMatch(/^[-\\|/] Rate limit: waiting 12 s \| Re-reading the contact - \S*\.\.\.$/);
		expect(stringWidth(frame)).toBeLessThan(60);
		await r.unmount();
	});
});
