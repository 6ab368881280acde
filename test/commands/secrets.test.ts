import {describe, expect, it} from 'vitest';
import {WITHHELD_MESSAGE} from '../../source/kore/errors.js';
import {profileAddArgs, useSandbox} from '../helpers/sandbox.js';
import {runCli, tempDir, type CliResult} from '../helpers/run-cli.js';
import {plainContactFrom, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const SECRET = 'kc-secret-never-print-Xr7Lq2';
const WRONG_SECRET = 'kc-wrong-secret-never-print-Pw3';
const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: SECRET});

describe('secrets in output', () => {
	it('no run prints the client secret or anything shaped like a JWT (processes and in-process runs)', async () => {
		const sb = sandbox();
		const env = sandboxEnv(sb);
		const configDir = tempDir();
		const a = plainContactFrom(sb, 10).contact;
		const b = plainContactFrom(sb, 15).contact;
		// On a page (skip 100) that no other run of the batch reads, so only its own run trips the edit.
		const c = plainContactFrom(sb, 105).contact;
		sb.faults.editAfterRead(c.id, {lastName: 'Someone'});

		const results: CliResult[] = await Promise.all([
			runCli(['list', '--stream', sb.streamId, '--limit', '5'], {env}),
			runCli(['get', '--stream', sb.streamId, '--contact', a.id, '--json'], {env}),
			runCli(['update', '--stream', sb.streamId, '--contact', a.id, '--last-name', 'Quill', '--dry-run'], {env}),
			runCli(['update', '--stream', sb.streamId, '--contact', c.id, '--last-name', 'Conflict', '--yes'], {env}),
			runCli(['list', '--stream', sb.streamId], {env: {...env, KORE_CLIENT_SECRET: WRONG_SECRET}}),
			runInProcess(['doctor', '--stream', sb.streamId], {env: {...env, DEBUG: 'kore-contacts'}}),
			runInProcess(profileAddArgs(sb, 'p1'), {env: {KORE_CONTACTS_CONFIG_DIR: configDir}, input: SECRET}),
		]);
		// A PUT that fails with a server error whose message carries the secret and a token.
		sb.faults.fail(500, {
			method: 'PUT',
			body: `{"errors":[{"msg":"internal ${SECRET} eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}]}`,
		});
		results.push(
			await runCli(['update', '--stream', sb.streamId, '--contact', b.id, '--first-name', 'Failing', '--yes', '--json'], {
				env: {...env, DEBUG: 'kore-contacts'},
			}),
			await runInProcess(['profile', 'list', '--json'], {env: {KORE_CONTACTS_CONFIG_DIR: configDir}}),
		);

		expect(results.map(r => r.code)).toEqual([0, 0, 0, 3, 1, 0, 0, 1, 0]);
		expect(results[7]!.stderr).toContain('server error (500');
		const all = results.map(r => r.stdout + r.stderr).join('\n');
		expect(all).not.toContain(SECRET);
		expect(all).not.toContain(WRONG_SECRET);
		expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
		// The series did exercise the secret: it was used (the sandbox accepted its tokens).
		expect(sb.requests.filter(r => r.status === 200).length).toBeGreaterThan(5);
	});

	it('a short wrong secret that is an ordinary word leaves our sentences intact', async () => {
		const sb = sandbox();
		const result = await runInProcess(['list', '--stream', sb.streamId], {env: sandboxEnv(sb, {KORE_CLIENT_SECRET: 'wrong'})});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('and the stream ID: a wrong stream also gives 401.');
		expect(result.stderr).not.toContain('[secret]');
	});

	it('a server message that echoes a short secret is withheld, not shown with the secret cut out', async () => {
		const sb = sandbox();
		sb.faults.fail(500, {method: 'GET', body: '{"errors":[{"msg":"internal error near pw9x"}]}'});
		const result = await runInProcess(['get', '--stream', sb.streamId, '--contact', plainContactFrom(sb, 20).contact.id], {
			env: sandboxEnv(sb, {KORE_CLIENT_SECRET: 'pw9x'}),
		});
		expect(result.code).toBe(1);
		expect(result.stderr).not.toContain('pw9x');
		expect(result.stderr).not.toContain('internal error near');
		expect(result.stderr).toContain(WITHHELD_MESSAGE);
	});
});
