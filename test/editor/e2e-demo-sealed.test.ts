/**
 * `--demo` talks to its built-in sandbox only: with KORE_* variables and proxies pointing at a
 * second loopback listener, and every way to make a profile tried, that listener gets no connection.
 */
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {startPty, type Pty} from '../helpers/pty.js';
import {cliCommand} from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let pty: Pty | undefined;
let listener: net.Server | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
	await new Promise(resolve => {
		listener?.close(resolve);
	});
	listener = undefined;
});

describe('the demo is sealed', () => {
	it('offers no way to make or edit a profile, and opens no socket to another address', {timeout: 60_000}, async () => {
		let connections = 0;
		listener = net.createServer(socket => {
			connections++;
			socket.destroy();
		});
		await new Promise<void>(resolve => {
			listener!.listen(0, '127.0.0.1', resolve);
		});
		const {port} = listener.address() as net.AddressInfo;
		const elsewhere = `http://127.0.0.1:${port}`;
		pty = await startPty([...cliCommand(), '--demo'], {
			cols: 80,
			rows: 24,
			cwd: ROOT,
			env: {
				KORE_HOST: elsewhere,
				KORE_ACCOUNT_ID: 'acct-real',
				KORE_CLIENT_ID: 'cs-real',
				KORE_CLIENT_SECRET: 'real-secret-value',
				HTTP_PROXY: elsewhere,
				HTTPS_PROXY: elsewhere,
				http_proxy: elsewhere,
				https_proxy: elsewhere,
			},
		});
		const term = pty;
		await term.waitFor('› sandbox · st-5a1e0c9d');
		await term.key('Escape');
		const profiles = await term.waitFor('Choose a profile');
		expect(profiles).not.toContain('Create a profile');
		expect(profiles).not.toContain('KORE_* environment');
		expect(profiles).not.toContain('e edit');
		await term.send('e');
		await term.key('End');
		await term.key('Enter');
		// The only choice is the demo's own profile: on to its stream and its contacts.
		await term.waitFor('› sandbox · st-5a1e0c9d');
		await term.key('Enter');
		await term.waitFor(/\d+ of 150 loaded/);
		expect(await term.screen()).not.toContain('Host');
		expect(connections).toBe(0);
	});
});
