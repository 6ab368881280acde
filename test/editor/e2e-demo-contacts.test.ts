/** KORE_CONTACTS_DEMO_CONTACTS: the demo's sandbox seeds that many contacts; a bad value is refused in one sentence. */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {DEMO_CONTACTS_VARIABLE} from '../../source/editor/demo.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = [...cliCommand(), '--demo'];

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

describe(DEMO_CONTACTS_VARIABLE, () => {
	it('seeds the demo with that many contacts', {timeout: 30_000}, async () => {
		pty = await startPty(DEMO, {cols: 80, rows: 24, cwd: ROOT, env: {[DEMO_CONTACTS_VARIABLE]: '2000'}});
		await pty.waitFor('› sandbox · st-5a1e0c9d');
		await pty.key('Enter');
		await pty.waitFor('50 of 2,000 loaded');
		process.kill(await pty.pid(), 'SIGTERM');
		expect(await pty.waitForExit()).toBe(143);
	});

	it('exits 2 with one sentence for a value that is not a positive whole number', {timeout: 30_000}, async () => {
		pty = await startPty(DEMO, {cols: 80, rows: 24, cwd: ROOT, env: {[DEMO_CONTACTS_VARIABLE]: 'lots'}});
		expect(await pty.waitForExit()).toBe(2);
		const raw = await pty.screen({joinWrapped: true, history: true});
		// One sentence, however the terminal wrapped it.
		const screen = raw.replace(/\n(?!\n)/g, '');
		expect(screen).toContain(
			`${DEMO_CONTACTS_VARIABLE} must be a whole number from 1 to 100000 (how many contacts the demo seeds), not "lots"`,
		);
		expect(raw).not.toMatch(/\n\s+at /);
	});
});
