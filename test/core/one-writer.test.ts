/**
 * One writer per contact on this machine: two real CLI processes update different fields of one
 * contact at the same time (sharing the settings folder, as two terminals of one operator do).
 * Every PUT sends all fields, so without the lock and the rebuild one change is lost.
 */
import {describe, expect, it} from 'vitest';
import {plainContactFrom, puts, sandboxEnv} from '../commands/helpers.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('two updates of one contact at once', () => {
	it('keep both changes, in 5 pairs out of 5, and neither says Verified for a change the server lost', async () => {
		const sb = sandbox();
		const env = {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: tempDir()};
		// Slow PUTs: each process has read the contact before the other's PUT is answered.
		sb.faults.latency(400, {method: 'PUT', times: 10});
		for (let pair = 0; pair < 5; pair++) {
			const {contact} = plainContactFrom(sb, 20 + pair * 5);
			const update = (flag: string, value: string) =>
				runCli(['update', '--stream', sb.streamId, '--contact', contact.id, flag, value, '--yes'], {env, timeoutMs: 60_000});
			const [first, last] = await Promise.all([update('--first-name', `Ada${pair}`), update('--last-name', `Byron${pair}`)]);

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
