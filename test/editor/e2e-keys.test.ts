/**
 * The one key path in a real terminal (the bundle under tmux, 80×24, against a sandbox started
 * here): an arrow key split across two reads, a lone Esc, typed-ahead Enters, and bracketed pastes.
 * A save needs a `y` pressed on the review itself.
 */
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {PASTE_IGNORED} from '../../source/editor/terminal/keys.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {sandboxProfile, tempConfigDir} from './helpers/services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = [...cliCommand(), '--profile', 'sandbox'];

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

async function start(): Promise<Pty> {
	const sandbox = getSandbox();
	const configDir = tempConfigDir();
	const store = openStore({configDir, env: {}});
	store.saveProfile(sandboxProfile(sandbox));
	store.rememberStream('sandbox', sandbox.streamId, 'sandbox');
	pty = await startPty(CLI, {cols: 80, rows: 24, cwd: ROOT, env: {KORE_CONTACTS_CONFIG_DIR: configDir}});
	await pty.waitFor('› sandbox · st-5a1e0c9d');
	return pty;
}

/**
 * ESC, then "[B" about 5 ms later: one tmux command list, so the gap is the server's own (a short
 * sleep), not two client start-ups on a loaded machine.
 */
async function splitDownArrow(term: Pty): Promise<void> {
	const socket = await term.paneInfo('#{socket_path}');
	const target = await term.paneInfo('#{pane_id}');
	await promisify(execFile)('tmux', [
		'-S',
		socket,
		'send-keys',
		'-t',
		target,
		'-H',
		'1b',
		';',
		'run-shell',
		'sleep 0.005',
		';',
		'send-keys',
		'-t',
		target,
		'-l',
		'[B',
	]);
}

const puts = () => getSandbox().requests.filter(request => request.method === 'PUT');

/** Stream → contact list → the card of an active contact with a plain first name; returns it. */
async function openCard(term: Pty) {
	const contact = getSandbox()
		.contacts()
		.find(c => c.status === 'ACTIVE' && /^[A-Za-z]{2,10}$/.test(String(c.firstName)))!;
	await term.key('Enter');
	await term.waitFor(/\d+ of 30 loaded/);
	await term.send(contact.id);
	await term.waitFor(new RegExp(`› .*${contact.id}`));
	await term.key('Enter');
	await term.waitFor(`Contact ${contact.id}`);
	await term.waitFor('› Name');
	return contact;
}

describe('keys in a real terminal', () => {
	it('joins an arrow key whose bytes arrive in two reads; a lone Esc still goes back', {timeout: 60_000}, async () => {
		const term = await start();
		await splitDownArrow(term);
		await term.waitFor('› Enter a stream ID…');
		expect(await term.screen()).toContain('Choose a stream');
		await term.key('Escape');
		await term.waitFor('Choose a profile');
	});

	it('Enter×3 typed ahead from a form sends nothing; y on the drawn review saves', {timeout: 60_000}, async () => {
		const term = await start();
		const contact = await openCard(term);
		await term.key('Enter');
		await term.waitFor('Edit name');
		// End first: the prefilled first name is edited in place, not replaced.
		await term.key('End');
		await term.send('Y');
		await term.key('Enter', 3);
		await term.waitFor('y send');
		expect(puts()).toHaveLength(0);
		await term.send('y');
		await term.waitFor(`Saved ${contact.id}`, 15_000);
		expect(puts()).toHaveLength(1);
		expect(getSandbox().getContact(contact.id)?.firstName).toBe(`${String(contact.firstName)}Y`);
	});

	it('a paste is text: into a field its newline does not submit; on the review it sends nothing', {timeout: 60_000}, async () => {
		const term = await start();
		const contact = await openCard(term);
		await term.key('Enter');
		await term.waitFor('Edit name');
		await term.key('End');
		await term.send('\u001B[200~Pa\rste\r\u001B[201~');
		const form = await term.waitFor(`${String(contact.firstName)}Pa ste`);
		expect(form).toContain('Edit name');
		await term.key('Enter');
		await term.waitFor('› Review changes (1)');
		await term.key('Enter');
		await term.waitFor('y send');
		await term.send('\u001B[200~y\r\u001B[201~');
		await term.waitFor(PASTE_IGNORED);
		expect(puts()).toHaveLength(0);
		expect(await term.screen()).toContain('y send');
	});
});
