/**
 * The editor end to end in a real pseudo-terminal (tmux): `kore-contacts --demo` started as an
 * operator would, driven only through the keyboard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {chooseMenuItem as choose, eventually, SGR_COLOUR as COLOUR, sgrParameters, startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = [...cliCommand(), '--demo'];

let pty: Pty | undefined;
// The CLI's temporary folder (TMPDIR): demo mode's throwaway settings folder must be gone after exit.
let tmp = '';
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-'));
});
afterAll(() => {
	fs.rmSync(tmp, {recursive: true, force: true});
});
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

async function start(cols: number, rows: number, env: Record<string, string> = {}): Promise<Pty> {
	pty = await startPty(DEMO, {cols, rows, cwd: ROOT, env: {TMPDIR: tmp, ...env}});
	return pty;
}

function demoFolders(): string[] {
	return fs.readdirSync(tmp).filter(name => name.startsWith('kore-contacts-demo-'));
}

/** Nothing wider than the terminal (a wrapped line joins up again with -J), nothing scrolled off the top. */
async function expectFits(term: Pty, cols: number, rows: number): Promise<string> {
	const screen = await term.screen({joinWrapped: true});
	const lines = screen.replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows);
	for (const line of lines) {
		expect(stringWidth(line.trimEnd()), `line wider than ${cols} columns: ${JSON.stringify(line)}`).toBeLessThanOrEqual(cols);
	}

	expect(await term.historySize(), `output outgrew the terminal:\n${screen}`).toBe(0);
	expect(lines[0]).toMatch(/^demo · 127\.0\.0\.1:\d+/);
	return screen;
}

describe('kore-contacts --demo in a real terminal', () => {
	it('edits a contact through the keyboard at 80×24 and exits 0', {timeout: 60_000}, async () => {
		const term = await start(80, 24);

		// First screen: the DEMO banner, the sandbox's stream offered, in colour.
		const first = await term.waitFor('Choose a stream');
		expect(demoFolders()).toHaveLength(1);
		expect(first).toContain('DEMO — a built-in sandbox on 127.0.0.1, nothing real is changed');
		expect(first).toContain('› sandbox · st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10');
		expect(sgrParameters(await term.screen({escapes: true})).some(p => COLOUR.test(p))).toBe(true);

		await term.key('Enter');
		await term.waitFor(/\d+ of 150 loaded/);
		await term.send('Zoë');
		await term.waitFor('› Zoë Brontë');
		await term.key('Enter');
		await term.waitFor('Review changes (0)');

		// Typed ahead in one burst, as a fast operator over SSH does: open the name form, Tab to
		// the last name, Backspace it away, type the new one, Enter. Each key must land where it would
		// if typed slowly.
		await term.send(`\r\t${'\u007F'.repeat(10)}Brontë-Smith\r`);
		const card = await term.waitFor('Review changes (1)');
		expect(card).toMatch(/Last name +Brontë-Smith \(edited, was Brontë\)/);
		expect(card).toMatch(/First name +Zoë\n/);

		await choose(term, 'Cell phone');
		await term.key('Enter');
		await term.waitFor(/› Number +7700900123/);
		await term.send(`${'\u007F'.repeat(15)}7700 900 999\r`);
		await term.waitFor('Review changes (2)');
		await choose(term, 'Review changes');
		await term.key('Enter');

		const review = await term.waitFor('y send');
		expect(review).toMatch(/~ Last name +Brontë +Brontë-Smith/);
		expect(review).toMatch(/~ Phone number +7700900123 +7700900999/);
		expect(review).toMatch(/ {2}First name +Zoë +Zoë/);
		expect(review).toContain('"phoneNumber": "7700900999"');
		await expectFits(term, 80, 24);

		await term.send('y');
		const result = await term.waitFor('Saved 65b7b3e6d745a7c0c7e80e01');
		expect(result).toMatch(/Last name +Brontë-Smith\n/);
		expect(result).toMatch(/Cell phone +\+44 7700900999/);
		expect(result).toContain('Verified: the stored values are exactly what you intended.');

		await choose(term, 'Quit');
		await term.key('Enter');
		expect(await term.waitForExit()).toBe(0);
		expect(demoFolders()).toEqual([]);
	});

	it('fits 60×20 (no wrapped line, nothing scrolled off) and redraws after a resize', {timeout: 60_000}, async () => {
		const term = await start(80, 24);
		await term.waitFor('Choose a stream');
		await term.key('Enter');
		await term.waitFor(/\d+ of 150 loaded/);

		await term.resize(60, 20);
		const list = await eventually(async () => expectFits(term, 60, 20));
		expect(list).toContain('Ava Wilson');

		await term.key('Enter');
		await term.waitFor('Review changes (0)');
		await expectFits(term, 60, 20);

		await term.key('Enter');
		await term.waitFor('Edit name');
		await term.send(`\t${'\u007F'.repeat(5)}a surname far too long to fit on one line of sixty columns\r`);
		await term.waitFor('Review changes (1)');
		await expectFits(term, 60, 20);

		await choose(term, 'Review changes');
		await term.key('Enter');
		await term.waitFor('send');
		await expectFits(term, 60, 20);

		// A hang-up (the SSH connection dropped) ends the editor with 128 + 1.
		process.kill(await term.pid(), 'SIGHUP');
		expect(await term.waitForExit()).toBe(129);
		expect(demoFolders()).toEqual([]);
	});
});
