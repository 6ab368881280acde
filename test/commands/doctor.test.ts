import {describe, expect, it} from 'vitest';
import {useSandbox} from '../helpers/sandbox.js';
import {runCli} from '../helpers/run-cli.js';
import {sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('kore-contacts doctor', () => {
	it('reports the setup and a passing live check (exit 0), and names the failing piece (exit 1)', async () => {
		const sb = sandbox();
		const env = {
			HTTPS_PROXY: 'http://proxyuser:proxy-pass-9@proxy.example:3128',
			NO_PROXY: 'localhost,127.0.0.1',
			NO_COLOR: '1',
		};
		const [ok, bad] = await Promise.all([
			runCli(['doctor', '--stream', sb.streamId], {env: sandboxEnv(sb, env)}),
			runInProcess(['doctor', '--stream', sb.streamId], {env: sandboxEnv(sb, {KORE_CLIENT_SECRET: 'not-the-secret'})}),
		]);

		expect(ok.code).toBe(0);
		// Long sentences are wrapped at 80 columns, continuing under the text: join them to match.
		const okText = ok.stdout.replace(/\n {6}(?=\S)/g, ' ');
		expect(ok.stdout).toMatch(/^ok +Node v\d+/m);
		expect(ok.stdout).toMatch(/^ok +Settings: .*config\.json$/m);
		expect(ok.stdout).toMatch(/file 600, folder 700/);
		expect(ok.stdout).toContain('host: from KORE_HOST');
		expect(ok.stdout).toContain('clientSecret: from KORE_CLIENT_SECRET');
		expect(ok.stdout).toContain('HTTPS_PROXY=http://proxy.example:3128');
		expect(ok.stdout).toContain(`${sb.url} is reached directly`);
		expect(ok.stdout).toContain('NODE_EXTRA_CA_CERTS');
		expect(okText).toMatch(/Terminal: stdin not a terminal, stdout not a terminal; colour off \(NO_COLOR is set\)/);
		expect(okText).toMatch(/^ok +Live check: listed 1 contact .*\(150 in total\)/m);
		expect(ok.stdout).toContain('All checks passed.');
		expect(ok.stdout + ok.stderr).not.toContain('proxy-pass-9');
		expect(ok.stdout + ok.stderr).not.toContain('proxyuser');
		expect(ok.stdout + ok.stderr).not.toContain(sb.clientSecret);

		expect(bad.code).toBe(1);
		expect(bad.stdout).toMatch(/^FAIL +Live check failed at the credentials/m);
		expect(bad.stdout).toContain('1 check failed.');
		expect(bad.stdout + bad.stderr).not.toContain('not-the-secret');
	});
});
