// Reliability matrix, network rows (docs/reliability.md): each case runs the real CLI as a child
// process against the sandbox over real HTTP(S) on loopback.
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {createProxy, type ProxyServer} from 'proxy';
import {afterAll, describe, expect, it} from 'vitest';
import {openJournal} from '../../source/store/journal.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {
	closedPort,
	expectCleanFailure,
	plainContactFrom,
	putCount,
	sandboxEnv,
	selfSignedCert,
	sleep,
	withSandbox,
} from './helpers.js';

// Most of these cases wait (retries with backoff, time limits): they run concurrently, each with
// a sandbox of its own.
describe.concurrent('network faults', () => {
	const tls = selfSignedCert();
	afterAll(() => fs.rmSync(tls.dir, {recursive: true, force: true}));

	it('connection refused: exit 1, names the host and port and what to check; nothing sent', async () =>
		withSandbox({}, async sb => {
			const port = await closedPort();
			const [list, update] = await Promise.all([
				runCli(['list', '--stream', sb.streamId], {env: sandboxEnv(sb, {KORE_HOST: `http://127.0.0.1:${port}`})}),
				runCli(['update', '--stream', sb.streamId, '--contact', sb.contacts()[0]!.id, '--first-name', 'Never', '--yes'], {
					env: sandboxEnv(sb, {KORE_HOST: `http://127.0.0.1:${port}`}),
				}),
			]);
			for (const result of [list, update]) {
				expectCleanFailure(result, 1, sb.clientSecret);
				expect(result.stderr).toContain(
					`Could not connect to http://127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`,
				);
				expect(result.stderr).toContain('Check the host and port');
				expect(result.stdout).toBe('');
			}
			expect(sb.requests).toEqual([]);
		}));

	it('DNS failure: exit 1, names the host that could not be found', async () =>
		withSandbox({}, async sb => {
			const result = await runCli(['list', '--stream', sb.streamId, '--timeout', '3'], {
				env: sandboxEnv(sb, {KORE_HOST: 'kore-contacts-test.invalid'}),
			});
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toMatch(/Could not find the host kore-contacts-test\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
			expect(result.stderr).toContain('Check the host spelling');
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
		}));

	it('a GET that times out is retried and the command succeeds', async () =>
		withSandbox({}, async sb => {
			sb.faults.latency(2500, {method: 'GET'});
			const result = await runCli(['list', '--stream', sb.streamId, '--limit', '3', '--timeout', '0.5'], {env: sandboxEnv(sb)});
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toMatch(/^Name\s+Phone/);
			expect(result.stdout).toContain('showing 1–3 of 150');
			expect(sb.faults.pending()).toEqual([]);
		}));

	it('a GET that keeps timing out: exit 1, says the time limit and how to allow more', async () =>
		withSandbox({}, async sb => {
			sb.faults.latency(3000, {method: 'GET', times: 10});
			const result = await runCli(['list', '--stream', sb.streamId, '--timeout', '0.3'], {env: sandboxEnv(sb)});
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain(`Kore.ai at ${sb.url} did not answer within 0.3 s`);
			expect(result.stderr).toContain('--timeout');
			// Sent once and retried three times, then given up: at most 4 of the 10 slow answers used (fewer
			// when a loaded machine gives up on an attempt before it reaches the sandbox).
			const [left] = sb.faults.pending();
			expect(left).toMatchObject({type: 'latency', ms: 3000, method: 'GET'});
			expect(left!.times).toBeGreaterThanOrEqual(6);
			expect(left!.times).toBeLessThan(10);
		}));

	it('a connection reset mid-response is retried for a GET (the command succeeds)', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 60);
			sb.faults.drop({when: 'mid-response', method: 'GET'});
			sb.faults.drop({when: 'before-response', method: 'GET'});
			const result = await runCli(['get', '--stream', sb.streamId, '--contact', contact.id, '--json'], {env: sandboxEnv(sb)});
			expect(result.code, result.stderr).toBe(0);
			expect(JSON.parse(result.stdout)).toEqual(contact);
		}));

	it('a PUT whose connection is reset is not resent; exit 1 says the outcome is unknown and how to check', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 65);
			sb.faults.drop({when: 'before-response', method: 'PUT', times: 2});
			const result = await runCli(['update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Reset', '--yes'], {
				env: sandboxEnv(sb),
			});
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain('The change may or may not have been saved');
			expect(result.stderr).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
			expect(putCount(sb)).toBe(1);
			expect(sb.faults.pending()).toHaveLength(1);
		}));

	it('a proxy that refuses the connection: exit 1 names the variable, never its password; nothing reaches Kore', async () =>
		withSandbox({}, async sb => {
			const port = await closedPort();
			const result = await runCli(['list', '--stream', sb.streamId], {
				env: sandboxEnv(sb, {HTTP_PROXY: `http://alice:pa55word@127.0.0.1:${port}`}),
			});
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain(`through the proxy http://127.0.0.1:${port} set in HTTP_PROXY`);
			expect(result.stderr).toContain('Check HTTP_PROXY');
			expect(result.stderr).not.toContain('pa55word');
			expect(result.stderr).not.toContain('alice');
			expect(sb.requests).toEqual([]);
		}));

	it('a proxy that wants a login (407): exit 1 says so; the PUT is never sent', async () =>
		withSandbox({}, async sb => {
			const proxy: ProxyServer = createProxy(http.createServer());
			proxy.authenticate = () => false;
			await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
			try {
				const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
				const {contact} = plainContactFrom(sb, 70);
				const result = await runCli(
					['update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Proxied', '--yes'],
					{
						env: sandboxEnv(sb, {HTTP_PROXY: proxyUrl}),
					},
				);
				expectCleanFailure(result, 1, sb.clientSecret);
				expect(result.stderr).toContain('407: proxy authentication required');
				expect(sb.requests).toEqual([]);
			} finally {
				proxy.closeAllConnections();
				await new Promise(resolve => proxy.close(resolve));
			}
		}));

	it('TLS failure (self-signed server on loopback): exit 1 points at NODE_EXTRA_CA_CERTS; trusting the CA makes the same command work', async () =>
		withSandbox({tls: {key: tls.key, cert: tls.cert}}, async sb => {
			expect(sb.url).toMatch(/^https:/);
			// runCli's environment is clean: the machine-wide NODE_EXTRA_CA_CERTS does not reach the child.
			const [untrusted, trusted] = await Promise.all([
				runCli(['list', '--stream', sb.streamId, '--limit', '2'], {env: sandboxEnv(sb)}),
				runCli(['list', '--stream', sb.streamId, '--limit', '2'], {env: sandboxEnv(sb, {NODE_EXTRA_CA_CERTS: tls.certPath})}),
			]);
			expectCleanFailure(untrusted, 1, sb.clientSecret);
			expect(untrusted.stderr).toMatch(
				/Could not verify the TLS certificate of 127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
			);
			expect(untrusted.stderr).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
			expect(trusted.code, trusted.stderr).toBe(0);
			expect(trusted.stdout).toContain('showing 1–2 of 150');
			// Only the trusting run's request got through the handshake.
			expect(sb.requests).toHaveLength(1);
		}));

	it('a PUT that times out is not resent; exit 1 says the outcome is unknown and how to check; the journal records it as unknown', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 75);
			const configDir = tempDir();
			// Armed for two PUTs: a second (resent) PUT would use up the rest.
			sb.faults.latency(2500, {method: 'PUT', times: 2});
			const started = Date.now();
			const result = await runCli(
				['update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Slow', '--yes', '--timeout', '1'],
				{
					env: sandboxEnv(sb, {KORE_CONTACTS_CONFIG_DIR: configDir}),
				},
			);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain(`did not answer within 1 s. The change may or may not have been saved`);
			expect(result.stderr).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
			await sleep(Math.max(0, 2700 - (Date.now() - started)));
			expect(sb.faults.pending()).toEqual([{type: 'latency', ms: 2500, method: 'PUT', times: 1}]);
			expect(putCount(sb)).toBeLessThanOrEqual(1);

			const entries = openJournal(configDir).entries({contactId: contact.id});
			expect(entries).toHaveLength(1);
			expect(entries[0]).toMatchObject({status: 'unknown', contactId: contact.id, streamId: sb.streamId, kind: 'update'});
			expect(entries[0]!.after.lastName).toBe('Slow');
			expect(entries[0]!.error).toContain('may or may not have been saved');
			expect(fs.readFileSync(path.join(configDir, 'journal.jsonl'), 'utf8')).not.toContain(sb.clientSecret);
		}));
});
