/**
 * One writer per contact on this machine: two real CLI processes update different fields of one
 * contact at the same time (sharing the settings folder, as two terminals of one operator do).
 * Every PUT sends all fields, so without the lock and the rebuild one change is lost.
 */
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {createKoreClient} from '../../source/kore/client.js';
import {acquireLock} from '../../source/store/lock.js';
import {plainContactFrom, puts, sandboxEnv} from '../commands/helpers.js';
import {cliCommand, collectCli, REPO_ROOT, tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

function kc(args: string[], env: Record<string, string>, onStderr: (text: string) => void) {
	const [node, ...command] = cliCommand();
	const child = spawn(node!, [...command, ...args], {
		cwd: REPO_ROOT,
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tempDir('kc-home-'), ...env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return collectCli(child, args, {timeoutMs: 60_000, onOutput: output => onStderr(output.stderr)});
}

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise(resolve => setTimeout(resolve, 20));
}

describe('two updates of one contact at once', () => {
	it('keep both changes, in 5 pairs out of 5, and neither says Verified for a change the server lost', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const env = {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir};
		const {baseUrl} = createKoreClient({
			...sandboxEnv(sb),
			host: sb.url,
			accountId: sb.accountId,
			clientId: sb.clientId,
			clientSecret: sb.clientSecret,
		});
		for (let pair = 0; pair < 5; pair++) {
			const {contact} = plainContactFrom(sb, 20 + pair * 5);
			// Held here until both processes have read the contact and wait to write: a real overlap every time.
			const held = await acquireLock(dir, {host: baseUrl, accountId: sb.accountId, streamId: sb.streamId, contactId: contact.id});
			const waiting = new Set<string>();
			const update = (flag: string, value: string) =>
				kc(['update', '--stream', sb.streamId, '--contact', contact.id, flag, value, '--yes'], env, stderr => {
					if (stderr.includes('Waiting for another kore-contacts')) waiting.add(flag);
				});
			const runs = Promise.all([update('--first-name', `Ada${pair}`), update('--last-name', `Byron${pair}`)]);
			await until(() => waiting.size === 2);
			held.release();
			const [first, last] = await runs;

			expect([first.code, last.code], `${first.stderr}\n${last.stderr}`).toEqual([0, 0]);
			expect(sb.getContact(contact.id)).toMatchObject({firstName: `Ada${pair}`, lastName: `Byron${pair}`});
			expect(puts(sb, contact.id)).toHaveLength(2);
			sb.requests.length = 0;
			// The one that went second saw the other's change and kept it.
			expect(`${first.stdout}${last.stdout}`).toMatch(/Someone else changed (First|Last) name after it was read/);
			for (const run of [first, last]) expect(run.stdout).toContain('Verified: the stored values are the ones sent.');
		}
	}, 240_000);
});
