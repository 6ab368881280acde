/**
 * Reliability matrix, terminal rows (issue 7), in a real pseudo-terminal (tmux, test/helpers/pty.ts):
 * 40 columns, resizing to 40 columns and back, NO_COLOR, a non-UTF-8 locale. The real CLI
 * (the bundle, dist/cli.js), driven only through the keyboard.
 */
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {NOT_A_TTY_MESSAGE} from '../../source/editor/run.js';
import {chooseMenuItem as choose, eventually, SGR_COLOUR as COLOUR, sgrParameters, type Pty} from '../helpers/pty.js';
import {useSandbox} from '../helpers/sandbox.js';
import {CLI, expectTerminalRestored, usePtyCli} from './pty-session.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});
const {start, startLine} = usePtyCli(getSandbox);

/**
 * The visible screen is one clean frame: it starts with the header line at the top, no line is
 * wider than the terminal (a wrapped line joins up again with -J), the frame is shorter than the
 * terminal (taller output makes Ink clear and redraw everything on each key), and nothing is
 * coloured (NO_COLOR).
 */
async function expectCleanFrame(term: Pty, cols: number, rows: number, header: RegExp): Promise<string> {
	const screen = await term.screen({joinWrapped: true});
	const lines = screen.replace(/\n+$/, '').split('\n');
	expect(lines[0], `the header on top:\n${screen}`).toMatch(header);
	expect(lines.length, `live area shorter than the terminal:\n${screen}`).toBeLessThan(rows);
	for (const line of lines) {
		expect(stringWidth(line.trimEnd()), `line wider than ${cols} columns: ${JSON.stringify(line)}`).toBeLessThanOrEqual(cols);
	}

	expect(sgrParameters(await term.screen({escapes: true})).filter(p => COLOUR.test(p))).toEqual([]);
	return screen;
}

/** Keys on this screen add nothing to the scrollback (no full-screen redraw pushing lines off). */
async function expectNoScrollOnKeys(term: Pty, keys: () => Promise<void>, settled: string | RegExp): Promise<void> {
	const before = await term.historySize();
	await keys();
	await term.waitFor(settled);
	expect(await term.historySize(), 'lines scrolled off while typing').toBe(before);
}

// On 40 columns the header cuts each of its parts, the longest first: the host keeps its start.
const DEMO_HEADER = /^demo · 127\.0\.0/;

describe('terminal: resize and colour', () => {
	it('at 40×24 with NO_COLOR: every screen is one clean frame (no wrapped line, shorter than the terminal, no colour) and an edit saves', {
		timeout: 60_000,
	}, async () => {
		const r = await start(['--demo'], {cols: 40, rows: 24, env: {NO_COLOR: '1'}});
		const {term} = r;
		await term.waitFor('Choose a stream');
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await term.key('Enter');
		const list = await term.waitFor(/\d+ of 150 loaded/);
		expect(list).toMatch(/› john … · \+91 9550100001/);
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await expectNoScrollOnKeys(term, async () => term.key('Down'), /› Ava W/);
		await term.key('Up');
		await term.waitFor(/› john/);

		await term.key('Enter');
		await term.waitFor('Review changes (0)');
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await term.key('Enter');
		await term.waitFor('Edit name');
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		// End first: added to the prefilled last name, not replacing it.
		await expectNoScrollOnKeys(
			term,
			async () => {
				await term.send('\t');
				await term.key('End');
				await term.send('Surname-far-too-long-for-forty-columns');
			},
			'columns',
		);
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await term.key('Enter');
		const card = await term.waitFor('Review changes (1)');
		expect(card).toMatch(/\* Last name +doeSurname.*…/);
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);

		await choose(term, 'Review changes');
		await term.key('Enter');
		await term.waitFor('send');
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await term.send('c');
		await term.waitFor('KORE_JWT');
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await term.send('c');
		await term.waitFor(/Last name/);

		await term.send('y');
		const result = await term.waitFor('Verified: the stored values');
		expect(result).toMatch(/Saved 65952afd/);
		await expectCleanFrame(term, 40, 24, DEMO_HEADER);
		await choose(term, 'Quit');
		await term.key('Enter');
		expect(await r.exit()).toBe(0);
		await expectTerminalRestored(r);
	});

	it('resized 80 -> 40 -> 80 columns on a short screen (the card): each resize leaves one clean frame', {
		timeout: 40_000,
	}, async () => {
		const {term} = await start(['--demo'], {env: {NO_COLOR: '1'}});
		await term.waitFor('Choose a stream');
		await term.key('Enter');
		await term.waitFor(/\d+ of 150 loaded/);
		await term.key('Enter');
		await term.waitFor('Review changes (0)');
		await term.send('\r\tzz\r');
		await term.waitFor('Review changes (1)');
		await expectCleanFrame(term, 80, 24, DEMO_HEADER);

		const oneHeader = (screen: string) => {
			expect(
				screen.split('\n').filter(line => DEMO_HEADER.test(line)),
				`one header line:\n${screen}`,
			).toHaveLength(1);
		};

		await term.resize(40, 24);
		oneHeader(await eventually(async () => expectCleanFrame(term, 40, 24, DEMO_HEADER), 3000));
		await term.resize(80, 24);
		oneHeader(await eventually(async () => expectCleanFrame(term, 80, 24, DEMO_HEADER), 3000));
	});

	it('LC_ALL=C with NO_COLOR: an edit goes through to the saved result in ASCII only and no colour, exit 0', {
		timeout: 60_000,
	}, async () => {
		const sandbox = getSandbox();
		const r = await start(['--profile', 'sandbox'], {env: {LC_ALL: 'C', NO_COLOR: '1'}});
		const {term} = r;
		await term.waitFor('> bot');
		expect(sgrParameters(await term.screen({escapes: true})).filter(p => COLOUR.test(p))).toEqual([]);
		await term.key('Enter');
		await term.waitFor('30 of 30 loaded');
		await term.key('Down');
		await term.waitFor(/^> Ava/m);
		await term.key('Enter');
		await term.waitFor('Review changes (0)');
		await choose(term, 'Salutation', '>');
		await term.key('Enter');
		await term.waitFor('Edit salutation');
		await choose(term, 'Other', '>');
		await term.key('Enter');
		await term.send('Prof\r');
		await term.waitFor('Review changes (1)');
		await choose(term, 'Review changes', '>');
		await term.key('Enter');
		const review = await term.waitFor('send');
		expect(review).toMatch(/Salutation +\S+ +Prof/);
		expect(sgrParameters(await term.screen({escapes: true})).filter(p => COLOUR.test(p))).toEqual([]);
		expect(review).toContain('PUT .../contacts/');
		// Names in the sandbox are ASCII: everything on these screens is.
		expect(await term.screen()).toMatch(/^[\x20-\x7E\n]*$/);
		await term.send('y');
		const result = await term.waitFor('Verified: the stored values are exactly what you intended.');
		expect(result).toMatch(/^[\x20-\x7E\n]*$/);
		expect(result).toContain('ok Verified');
		const ava = sandbox.contacts().find(c => c.firstName === 'Ava');
		expect(ava?.salutation).toBe('Prof');
		await choose(term, 'Quit', '>');
		await term.key('Enter');
		expect(await r.exit()).toBe(0);
		await expectTerminalRestored(r);
	});
});

describe('terminal: no TTY', () => {
	it('stdin redirected, stdout the terminal: exit 2, the one sentence, no stack, the terminal left as it was', {
		timeout: 30_000,
	}, async () => {
		const r = await startLine(`${CLI} --demo < /dev/null`);
		expect(await r.exit()).toBe(2);
		const screen = await r.term.screen({joinWrapped: true, history: true});
		expect(screen).toContain(NOT_A_TTY_MESSAGE);
		expect(screen).not.toMatch(/Raw mode|\n\s+at |Error/);
		expect(r.sttyModes()).toContain('icanon');
		expect(await r.cursorVisible()).toBe(true);
	});
});
