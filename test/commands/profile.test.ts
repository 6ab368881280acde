import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {profileAddArgs, useSandbox} from '../helpers/sandbox.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: 'profile-test-secret-7Hq2'});

describe('kore-contacts profile', () => {
	it('add with --client-secret-stdin, list without the secret, use, and the profile works for list', async () => {
		const sb = sandbox();
		const configDir = tempDir();
		const env = {KORE_CONTACTS_CONFIG_DIR: configDir};
		const add = (name: string, extra: string[] = [], run = runCli) =>
			run(profileAddArgs(sb, name, extra), {env, input: `${sb.clientSecret}\n`});
		const first = await add('staging');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('Saved profile "staging" (the default)');
		const second = await add('prod', ['--protected'], runInProcess);
		expect(second.code).toBe(0);

		const stored = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'));
		expect(stored.profiles.map((p: {name: string}) => p.name)).toEqual(['staging', 'prod']);
		expect(stored.profiles[1]).toMatchObject({clientSecret: sb.clientSecret, protected: true});
		expect(fs.statSync(path.join(configDir, 'config.json')).mode & 0o777).toBe(0o600);

		const [list, json] = await Promise.all([
			runCli(['profile', 'list'], {env}),
			runInProcess(['profile', 'list', '--json'], {env}),
		]);
		expect(list.code).toBe(0);
		expect(list.stdout).toContain(
			`* staging (default)\n    host        ${sb.url}\n    account ID  ${sb.accountId}\n    client ID   ${sb.clientId}\n    secret      stored (not shown)\n`,
		);
		expect(list.stdout).toContain('  prod (protected)\n');
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toMatchObject({
			defaultProfile: 'staging',
			profiles: [
				{name: 'staging', clientSecret: '••••'},
				{name: 'prod', protected: true},
			],
		});
		for (const result of [first, second, list, json]) expect(result.stdout + result.stderr).not.toContain(sb.clientSecret);

		// `use` and a command run with the other profile (neither touches the other's state).
		const [use, listed] = await Promise.all([
			runInProcess(['profile', 'use', 'prod'], {env}),
			runInProcess(['--profile', 'staging', 'list', '--stream', sb.streamId, '--limit', '1', '--json'], {env}),
		]);
		expect(use.code).toBe(0);
		expect(use.stdout).toContain('The default profile is now "prod"');
		expect(JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')).defaultProfile).toBe('prod');
		expect(listed.code).toBe(0);
		expect(JSON.parse(listed.stdout).results).toHaveLength(1);
	});

	it('refuses what it cannot save or find, with exit 2; removes', async () => {
		const configDir = tempDir();
		const env = {KORE_CONTACTS_CONFIG_DIR: configDir};
		const noTty = await runInProcess(['profile', 'add', 'ci', '--host', 'platform.kore.ai'], {env});
		const badName = await runInProcess(['profile', 'add', 'no spaces', '--host', 'h', '--account-id', 'a', '--client-id', 'c'], {
			env,
		});
		const badHost = await runInProcess(
			['profile', 'add', 'x', '--host', 'http://example.com', '--account-id', 'a', '--client-id', 'c'],
			{env},
		);
		const useUnknown = await runInProcess(['profile', 'use', 'ghost'], {env});
		const removeUnknown = await runInProcess(['profile', 'remove', 'ghost'], {env});
		expect(noTty.code).toBe(2);
		expect(noTty.stderr).toContain('--account-id is missing');
		expect(badName.code).toBe(2);
		expect(badName.stderr).toContain('profile name');
		expect(badHost.code).toBe(2);
		expect(badHost.stderr).toContain('http://example.com');
		expect(useUnknown.code).toBe(2);
		expect(useUnknown.stderr).toContain('ghost');
		expect(removeUnknown.code).toBe(2);
		expect(removeUnknown.stderr).toContain('no profile named "ghost"');
		for (const result of [noTty, badName, badHost, useUnknown, removeUnknown]) {
			expect(result.stderr).not.toMatch(/\n\s+at /);
			expect(result.stdout).toBe('');
		}
		// And a profile can be removed.
		const added = await runInProcess(
			['profile', 'add', 'old', '--host', 'platform.kore.ai', '--account-id', 'a', '--client-id', 'c'],
			{env},
		);
		expect(added.code).toBe(0);
		expect(added.stdout).toContain('No client secret stored');
		const removed = await runInProcess(['profile', 'remove', 'old'], {env});
		expect(removed).toMatchObject({code: 0, stdout: 'Removed profile "old".\n'});
		expect(JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')).profiles).toEqual([]);
	});
});
