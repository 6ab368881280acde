import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useSandbox} from '../helpers/sandbox.js';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommandLine, REPO_ROOT, tempDir} from '../helpers/run-cli.js';
import {plainContactFrom, puts, sandboxEnv} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});
const ptys: Pty[] = [];
afterEach(async () => {
	await Promise.all(ptys.splice(0).map(async pty => pty.kill()));
});

/**
 * kore-contacts on a real terminal (tmux), run by `sh`, which prints "[exit N]" when it ends: tmux
 * sometimes marks the pane dead before it has reaped the process, and then has no exit status.
 */
async function cliOnTerminal(args: string[], env: Record<string, string>): Promise<Pty> {
	const home = tempDir('kc-home-');
	const script = `${cliCommandLine()} "$@"; echo "[exit $?]"`;
	const pty = await startPty(['sh', '-c', script, 'kore-contacts', ...args], {
		cols: 100,
		rows: 40,
		cwd: REPO_ROOT,
		env: {HOME: home, KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config'), ...env},
	});
	ptys.push(pty);
	return pty;
}

async function exitCodeOf(pty: Pty): Promise<number> {
	const screen = await pty.waitFor(/\[exit \d+\]/);
	return Number(/\[exit (\d+)\]/.exec(screen)![1]);
}

describe('on a terminal', () => {
	it('update asks "Send this update? [y/N]" and sends on y; colour is on, and off with NO_COLOR', async () => {
		const sb = sandbox();
		const yes = plainContactFrom(sb, 50).contact;
		const plain = plainContactFrom(sb, 55).contact;
		const [colour, noColour] = await Promise.all([
			cliOnTerminal(['update', '--stream', sb.streamId, '--contact', yes.id, '--first-name', 'Yannick'], sandboxEnv(sb)),
			cliOnTerminal(
				['update', '--stream', sb.streamId, '--contact', plain.id, '--first-name', 'Nadia'],
				sandboxEnv(sb, {NO_COLOR: '1'}),
			),
		]);

		await colour.waitFor('Send this update? [y/N]');
		expect(await colour.screen({escapes: true})).toMatch(/\u001B\[[\d;]*m~/);
		expect(puts(sb)).toEqual([]);
		await colour.send('y');
		await colour.key('Enter');
		expect(await exitCodeOf(colour)).toBe(0);
		expect(await colour.screen()).toContain('Verified: the stored values are the ones sent.');
		expect(sb.getContact(yes.id)!.firstName).toBe('Yannick');

		await noColour.waitFor('Send this update? [y/N]');
		expect(await noColour.screen({escapes: true})).not.toMatch(/\u001B\[[\d;]*m/);
		await noColour.key('Enter');
		expect(await exitCodeOf(noColour)).toBe(2);
		expect(await noColour.screen()).toContain('Nothing was sent (you did not answer y).');
		expect(sb.getContact(plain.id)).toEqual(plain);
		expect(puts(sb, plain.id)).toEqual([]);
	});

	it('Ctrl+C at the question exits 130 and sends nothing', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 65);
		const pty = await cliOnTerminal(
			['update', '--stream', sb.streamId, '--contact', contact.id, '--salutation', 'Dr', '--json'],
			sandboxEnv(sb),
		);
		await pty.waitFor('Send this update? [y/N]');
		await pty.key('C-c');
		expect(await exitCodeOf(pty)).toBe(130);
		expect(await pty.screen()).toContain('Interrupted; nothing was changed.');
		expect(puts(sb, contact.id)).toEqual([]);
	});

	it('profile add asks for what is missing and masks the secret', async () => {
		const sb = sandbox();
		const configDir = tempDir();
		const pty = await cliOnTerminal(['profile', 'add', 'desk', '--host', sb.url], {KORE_CONTACTS_CONFIG_DIR: configDir});
		await pty.waitFor('Account ID:');
		await pty.send(sb.accountId);
		await pty.key('Enter');
		await pty.waitFor('Client ID:');
		await pty.send(sb.clientId);
		await pty.key('Enter');
		await pty.waitFor('Client secret (Enter to not store it):');
		await pty.send('typed-secret-Q9');
		await pty.key('BSpace');
		await pty.send('8');
		await pty.key('Enter');
		expect(await exitCodeOf(pty)).toBe(0);
		const screen = await pty.screen();
		expect(screen).toContain(`Client secret (Enter to not store it): ${'*'.repeat(15)}\n`);
		expect(screen).not.toContain('typed-secret');
		const saved = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'));
		expect(saved.profiles[0]).toMatchObject({
			name: 'desk',
			accountId: sb.accountId,
			clientId: sb.clientId,
			clientSecret: 'typed-secret-Q8',
		});
	});
});
