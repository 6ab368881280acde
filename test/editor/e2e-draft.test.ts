/**
 * A draft survives the terminal going away (SIGHUP, as when an SSH session drops) and is offered
 * on restart: the real CLI in tmux at 80×24 against a sandbox started here, with a profile in a
 * temp settings folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {openDrafts} from '../../source/store/drafts.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {sandboxProfile, tempConfigDir} from './helpers/services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = [...cliCommand(), '--profile', 'sandbox'];

const getSandbox = useSandbox({contactCount: 30});

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

async function start(configDir: string): Promise<Pty> {
	pty = await startPty(CLI, {cols: 80, rows: 24, cwd: ROOT, env: {KORE_CONTACTS_CONFIG_DIR: configDir}});
	return pty;
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

describe('a draft in a real terminal', () => {
	it('is kept when the CLI gets SIGHUP mid-edit, and offered and restored on restart', {timeout: 60_000}, async () => {
		const sandbox = getSandbox();
		const contact = sandbox.contacts().find(c => c.status === 'ACTIVE' && /^[A-Za-z]{2,10}$/.test(String(c.firstName)))!;
		const configDir = tempConfigDir();
		const store = openStore({configDir, env: {}});
		store.saveProfile(sandboxProfile(sandbox));
		store.rememberStream('sandbox', sandbox.streamId, 'sandbox');
		const drafts = openDrafts(configDir);

		let term = await start(configDir);
		await term.waitFor('› sandbox · st-5a1e0c9d');
		await term.key('Enter');
		await term.waitFor(/\d+ of 30 loaded/);
		await term.send(contact.id);
		await term.waitFor(new RegExp(`› .*${contact.id}`));
		await term.key('Enter');
		await term.waitFor(`Contact ${contact.id}`);
		await term.waitFor('› Name');
		await term.key('Enter');
		await term.waitFor('Edit name');
		// End first: the prefilled first name is edited in place, not replaced.
		await term.key('End');
		await term.send('Hup');
		await term.key('Enter');
		await term.waitFor('Review changes (1)');
		await until(() => fs.existsSync(drafts.path), 'the draft file');

		process.kill(await term.pid(), 'SIGHUP');
		expect(await term.waitForExit(10_000)).toBe(129);
		expect(drafts.load()).toMatchObject({
			profile: 'sandbox',
			host: sandbox.url,
			streamId: sandbox.streamId,
			contactId: contact.id,
			edits: {firstName: `${String(contact.firstName)}Hup`},
		});
		await term.kill();

		term = await start(configDir);
		const prompt = await term.waitFor('Unsent edit found');
		expect(prompt.replace(/\s+/g, ' ')).toContain(`(${contact.id}) in stream ${sandbox.streamId}, saved `);
		await term.waitFor('› Resume');
		await term.key('Enter');
		// The draft opens on its review, saying how old it is; Esc goes back to its card.
		const review = await term.waitFor(`Review 1 change to ${contact.id}`);
		expect(review).toContain(`"firstName": "${String(contact.firstName)}Hup"`);
		expect(review.replace(/\s+/g, ' ')).toMatch(/this edit is \d+ minutes? old/);
		await term.key('Escape');
		const card = await term.waitFor(`${String(contact.firstName)}Hup (edited, was ${String(contact.firstName)})`);
		expect(card).toContain('Review changes (1)');
		// Nothing was sent along the way.
		expect(sandbox.requests.filter(request => request.method === 'PUT')).toHaveLength(0);
		expect(sandbox.getContact(contact.id)?.firstName).toBe(contact.firstName);
	});
});
