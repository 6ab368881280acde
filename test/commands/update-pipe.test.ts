/** `kore-contacts update … | head -1`: the reader goes away early; the write is still journaled, no stack. */
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {openJournal} from '../../source/store/journal.js';
import {cliCommand, REPO_ROOT, tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {plainContactFrom, sandboxEnv} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('update with its stdout closed early (EPIPE)', () => {
	it('exits quietly with the outcome, and the journal has the write as done', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const {contact} = plainContactFrom(sb, 50);
		// The reader leaves after the first output; the saved card comes after the (slow) PUT.
		sb.faults.latency(500, {method: 'PUT'});
		// A real `| head -1`; the exit status of kore-contacts is reported on stderr.
		const child = spawn(
			'sh',
			[
				'-c',
				'{ "$@"; echo "exit status $?" >&2; } | head -1',
				'sh',
				...cliCommand(),
				'update',
				'--stream',
				sb.streamId,
				'--contact',
				contact.id,
				'--first-name',
				'Piped',
				'--yes',
			],
			{
				cwd: REPO_ROOT,
				env: {
					PATH: process.env['PATH'] ?? '/usr/bin:/bin',
					HOME: tempDir('kc-home-'),
					...sandboxEnv(sb),
					KORE_CONTACTS_CONFIG_DIR: dir,
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		await new Promise(resolve => child.on('close', resolve));

		expect(stdout).toBe(`Contact ${contact.id} in stream\n`);
		expect(stderr).toContain('exit status 0');
		expect(stderr).not.toMatch(/EPIPE|\n\s+at |a bug/);
		expect(sb.getContact(contact.id)!.firstName).toBe('Piped');
		expect(openJournal(dir).entries()[0]).toMatchObject({contactId: contact.id, status: 'done'});
	});
});
