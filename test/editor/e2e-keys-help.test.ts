/**
 * Keys are discoverable, in a real terminal (the bundle under tmux, 80×24, against a sandbox
 * started here): `?` lists the screen's keys and the next key only closes the list, F1 does it in
 * a text field (where `?` is text), the card's letters choose, and `q` quits with 0.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {sandboxProfile, tempConfigDir} from './helpers/services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

describe('the key list and q in a real terminal', () => {
	it('? on a menu, F1 in the filter, a card letter, then q quits with 0', {timeout: 90_000}, async () => {
		const sandbox = getSandbox();
		const configDir = tempConfigDir();
		const store = openStore({configDir, env: {}});
		store.saveProfile(sandboxProfile(sandbox));
		store.rememberStream('sandbox', sandbox.streamId, 'sandbox');
		pty = await startPty([...cliCommand(), '--profile', 'sandbox'], {
			cols: 80,
			rows: 24,
			cwd: ROOT,
			env: {KORE_CONTACTS_CONFIG_DIR: configDir},
		});
		const term = pty;
		await term.waitFor('› sandbox · st-5a1e0c9d');
		expect(await term.screen()).toContain('? keys');
		await term.send('?');
		const list = await term.waitFor('Keys on this screen');
		expect(list).toMatch(/q +quit/);
		// Enter closes the list only: still on the stream screen.
		await term.key('Enter');
		await term.waitFor(/^(?![\s\S]*Keys on this screen)[\s\S]*Choose a stream/);
		expect(await term.screen()).toContain('› sandbox · st-5a1e0c9d');

		await term.key('Enter');
		await term.waitFor(/\d+ of 30 loaded/);
		await term.send('?');
		await term.waitFor('Find  ?');
		await term.key('BSpace');
		await term.key('F1');
		await term.waitFor('Keys on this screen');
		await term.send('x');
		await term.waitFor(/^(?![\s\S]*Keys on this screen)[\s\S]*Find a contact/);

		await term.key('Enter');
		await term.waitFor(/Review changes \(0\) +\[r\]/);
		await term.send('s');
		await term.waitFor('Edit salutation');
		await term.key('Escape');
		await term.waitFor('[h]');
		await term.send('q');
		expect(await term.waitForExit()).toBe(0);
	});
});
