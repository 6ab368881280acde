/**
 * The deep link and the phone fix in a real terminal: the bundle under tmux at 80×24, started as an
 * operator coming from a ticket would start it (`--demo --stream ID --contact ID`).
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {SANDBOX_DEFAULTS, seedContacts} from '../../source/sandbox/index.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The demo's contacts (its seed is fixed): one past the first two pages, so it is searched for.
const DEMO_CONTACTS = seedContacts(SANDBOX_DEFAULTS.contactCount, {
	accountId: SANDBOX_DEFAULTS.accountId,
	streamId: SANDBOX_DEFAULTS.streamId,
});
const CONTACT = DEMO_CONTACTS[120]!;
const LINK = [...cliCommand(), '--demo', '--stream', SANDBOX_DEFAULTS.streamId, '--contact', String(CONTACT.id)];

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

/** Every screen seen (polled) until `match` shows. */
async function screensUntil(term: Pty, match: string, timeoutMs = 20_000): Promise<string[]> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = await term.screen();
		if (seen.at(-1) !== screen) seen.push(screen);
		if (screen.includes(match)) return seen;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${match}. Last screen:\n${screen}`);
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}

describe('kore-contacts --demo --stream ID --contact ID in a real terminal', () => {
	it("shows the contact's card first; Esc goes to that stream's contact list", {timeout: 60_000}, async () => {
		pty = await startPty(LINK, {cols: 80, rows: 24, cwd: ROOT});
		const screens = await screensUntil(pty, `Contact ${CONTACT.id}`);
		const card = screens.at(-1)!;
		expect(card).toContain('Review changes (0)');
		expect(card).toContain('st-5a1e0c9d');
		for (const screen of screens) {
			expect(screen).not.toContain('Choose a profile');
			expect(screen).not.toContain('Choose a stream');
			expect(screen).not.toContain('Find a contact');
		}

		await pty.key('Escape');
		const list = await pty.waitFor('Find a contact');
		expect(list).toContain('st-5a1e0c9d');
		await pty.key('C-c');
		expect(await pty.waitForExit()).toBe(130);
	});

	it('--contact without --stream: a usage error (exit 2) and no screen', {timeout: 30_000}, async () => {
		pty = await startPty([...cliCommand(), '--demo', '--contact', String(CONTACT.id)], {cols: 80, rows: 24, cwd: ROOT});
		expect(await pty.waitForExit()).toBe(2);
		// With what scrolled off the top: the message is read whole, wherever the pane left it.
		const screen = await pty.screen({history: true, joinWrapped: true});
		expect(screen).toContain('--contact needs --stream');
		expect(screen).not.toContain('DEMO');
	});

	it('the phone form offers the fix for +44 07700 900123 and Ctrl+F applies it', {timeout: 60_000}, async () => {
		pty = await startPty(LINK, {cols: 80, rows: 24, cwd: ROOT});
		await pty.waitFor(`Contact ${CONTACT.id}`);
		await pty.key('Down', 2);
		await pty.waitFor('› Cell phone');
		await pty.key('Enter');
		const form = await pty.waitFor('Edit cell phone');
		expect(form).toContain('type replaces');
		// The prefilled number is shown selected (inverse video): typing replaces it.
		const numberLine = (await pty.screen({escapes: true})).split('\n').find(line => line.includes('Number')) ?? '';
		expect(numberLine).toMatch(/\u001B\[(?:0;)?7m(?:\u001B\[\d+m)*\d{6,}/);
		// A UK number typed with its trunk 0, then +44 as the country code, each replacing what was there.
		await pty.send('07700 900123');
		await pty.waitFor(/Number +07700 900123\s/);
		await pty.key('Up');
		await pty.waitFor('› Country code');
		await pty.send('+44');
		await pty.waitFor(/Country code +\+44\s/);
		const offered = await pty.waitFor('Ctrl+F apply the fix', 10_000);
		expect(offered.replace(/\s+/g, ' ')).toContain('(+44 7700 900123)');
		await pty.key('C-f');
		const fixed = await pty.waitFor(/Number +7700900123/, 10_000);
		expect(fixed).not.toContain('Ctrl+F');
		expect(fixed).toMatch(/Country code +\+44/);
	});
});
