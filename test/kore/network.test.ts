import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it, vi} from 'vitest';
import type {UpdateBody} from '../../source/contact/contact.js';
import {createKoreClient} from '../../source/kore/client.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, closedPort, koreFailure, selfSignedCert} from './kore-test-helpers.js';

const body: UpdateBody = {
	firstName: 'Timed',
	lastName: 'Out',
	salutation: 'Mr',
	cellPhone: {phoneNumber: '9550100002', countryCode: '+91', extension: '+'},
};
const puts = (sb: Sandbox) => sb.arrivals.filter(r => r.method === 'PUT').length;

/** Resolves once the sandbox holds `count` requests of this method (arrived, maybe held by a latency fault). */
const arrived = (sb: Sandbox, method: 'GET' | 'PUT', count = 1) =>
	vi.waitFor(() => expect(sb.arrivals.filter(r => r.method === method).length).toBeGreaterThanOrEqual(count), {
		timeout: 10_000,
		interval: 5,
	});

const credentials = {accountId: 'acc', clientId: 'cid', clientSecret: 'a-secret-value-42', env: {}, retryDelayMs: 10};

describe('timeouts, drops and cancelling', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('a GET that times out is retried and succeeds', async () => {
		const sb = sandbox();
		sb.faults.latency(5000, {method: 'GET'});
		const page = await clientFor(sb, {timeoutMs: 1000}).listContacts(sb.streamId, {skip: 0, limit: 5});
		expect(page.results).toHaveLength(5);
		expect(sb.arrivals.map(r => r.method)).toEqual(['GET', 'GET']);
	});

	it('a GET that keeps timing out fails with the limit and how to raise it', async () => {
		const sb = sandbox();
		sb.faults.latency(1000, {method: 'GET', times: 2});
		const error = await koreFailure(
			clientFor(sb, {timeoutMs: 200, retries: 1}).listContacts(sb.streamId, {skip: 0, limit: 5}),
			'timeout',
		);
		expect(error.message).toContain('0.2 s');
		expect(error.message).toContain('--timeout');
		expect(error.outcomeUnknown).toBe(false);
	});

	it('a PUT that times out is sent once and its outcome is unknown', async () => {
		const sb = sandbox();
		const id = sb.contacts()[5]!.id;
		// Armed for two PUTs: if the client sent the PUT again, the second would use up the rest.
		sb.faults.latency(800, {method: 'PUT', times: 2});
		const error = await koreFailure(clientFor(sb, {timeoutMs: 300}).updateContact(sb.streamId, id, body), 'timeout');
		expect(error.outcomeUnknown).toBe(true);
		expect(error.message).toContain('may or may not have been saved');
		expect(error.message).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${id}`);
		// The client returns only after its last try; a GET answered after that is a barrier for any PUT in transit.
		await clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 1});
		expect(puts(sb)).toBe(1);
		expect(sb.faults.pending()).toEqual([{type: 'latency', ms: 800, method: 'PUT', times: 1}]);
	});

	it('a dropped connection mid-response is retried for a GET', async () => {
		const sb = sandbox();
		sb.faults.drop({when: 'mid-response', method: 'GET'});
		const page = await clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5});
		expect(page.results).toHaveLength(5);
		expect(sb.requests).toHaveLength(2);
	});

	it('a dropped connection without retries is a connection error', async () => {
		const sb = sandbox();
		sb.faults.drop({when: 'mid-response', method: 'GET'});
		await koreFailure(clientFor(sb, {retries: 0}).listContacts(sb.streamId, {skip: 0, limit: 5}), 'connection');
	});

	it('a PUT whose connection is reset is not retried', async () => {
		const sb = sandbox();
		const id = sb.contacts()[6]!.id;
		sb.faults.drop({when: 'before-response', method: 'PUT'});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, id, body), 'connection');
		expect(error.outcomeUnknown).toBe(true);
		expect(error.message).toContain('may or may not have been saved');
		expect(sb.requests.filter(r => r.method === 'PUT')).toHaveLength(1);
	});

	it('a PUT cut mid-response is not retried either', async () => {
		const sb = sandbox();
		sb.faults.drop({when: 'mid-response', method: 'PUT'});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[7]!.id, body), 'connection');
		expect(error.outcomeUnknown).toBe(true);
		expect(sb.requests.filter(r => r.method === 'PUT')).toHaveLength(1);
	});

	it('cancelling by the caller is aborted, not retried', async () => {
		const sb = sandbox();
		sb.faults.latency(5000, {method: 'GET'});
		const controller = new AbortController();
		const pending = clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5}, {signal: controller.signal});
		await arrived(sb, 'GET');
		controller.abort();
		const error = await koreFailure(pending, 'aborted');
		expect(error.outcomeUnknown).toBe(false);
		expect(sb.arrivals).toHaveLength(1);
		const already = await koreFailure(clientFor(sb).findContact(sb.streamId, 'x', {signal: AbortSignal.abort()}), 'aborted');
		expect(already.message).toContain('Cancelled');
		expect(sb.arrivals).toHaveLength(1);
	});

	it('cancelling a PUT in flight leaves its outcome unknown', async () => {
		const sb = sandbox();
		sb.faults.latency(5000, {method: 'PUT'});
		const controller = new AbortController();
		const pending = clientFor(sb).updateContact(sb.streamId, sb.contacts()[8]!.id, body, {signal: controller.signal});
		await arrived(sb, 'PUT');
		controller.abort();
		const error = await koreFailure(pending, 'aborted');
		expect(error.outcomeUnknown).toBe(true);
	});

	it('a PUT cancelled at any moment never crashes the process, and says nothing was sent only when nothing was', async () => {
		const sb = sandbox();
		const id = sb.contacts()[9]!.id;
		const client = clientFor(sb, {retries: 0});
		// Everything loaded once, so a cancel can land while the JWT is being signed, just before the
		// request would leave (node-fetch crashed the process there: node-fetch#1801).
		await client.listContacts(sb.streamId, {skip: 0, limit: 1});
		const moments: Array<[string, (abort: () => void) => void]> = [
			['next turn', abort => setImmediate(abort)],
			['two turns', abort => setImmediate(() => setImmediate(abort))],
			['0 ms', abort => setTimeout(abort, 0)],
			['1 ms', abort => setTimeout(abort, 1)],
			['in flight', abort => void arrived(sb, 'PUT', puts(sb) + 1).then(abort)],
		];
		const outcomes: string[] = [];
		for (const [moment, schedule] of moments) {
			for (let round = 0; round < 4; round++) {
				sb.faults.latency(400, {method: 'PUT'});
				const before = puts(sb);
				const controller = new AbortController();
				schedule(() => controller.abort());
				// eslint-disable-next-line no-await-in-loop
				const error = await koreFailure(client.updateContact(sb.streamId, id, body, {signal: controller.signal}), 'aborted');
				// A barrier instead of a sleep: a PUT written before this GET has arrived by the time the GET is answered.
				// eslint-disable-next-line no-await-in-loop
				await client.listContacts(sb.streamId, {skip: 0, limit: 1});
				const reached = puts(sb) > before;
				// "Nothing was sent" must be true; "may or may not" is always allowed.
				if (!error.outcomeUnknown) expect(reached, `${moment}: said not sent, but the PUT arrived`).toBe(false);
				outcomes.push(error.outcomeUnknown ? 'unknown' : 'not sent');
				sb.faults.clear();
			}
		}

		// The PUT was at the server (held by the latency) when cancelled in flight.
		expect(outcomes.slice(-4)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
		expect(puts(sb)).toBeGreaterThanOrEqual(4);
		expect(outcomes).toContain('not sent');
	});
});

describe('connection failures', () => {
	it('an unknown host is a DNS error naming the host', async () => {
		const client = createKoreClient({...credentials, host: 'kore-contacts-test.invalid', retries: 1});
		const error = await koreFailure(client.listContacts('st-1', {skip: 0, limit: 1}), 'dns');
		expect(error.message).toContain('kore-contacts-test.invalid');
	});

	it('a closed port is connection refused (a PUT may be retried: nothing was sent)', async () => {
		const port = await closedPort();
		const client = createKoreClient({...credentials, host: `http://127.0.0.1:${port}`, retries: 1});
		const error = await koreFailure(client.listContacts('st-1', {skip: 0, limit: 1}), 'connection');
		expect(error.message).toContain(`127.0.0.1:${port}`);
		expect(error.message).toContain('ECONNREFUSED');
		const put = await koreFailure(client.updateContact('st-1', 'c1', body), 'connection');
		expect(put.outcomeUnknown).toBe(false);
	});
});

describe('TLS', () => {
	const tls = selfSignedCert();
	afterAll(() => fs.rmSync(tls.dir, {recursive: true, force: true}));
	const sandbox = useSandbox({rateLimitPerMinute: 0, tls: {key: tls.key, cert: tls.cert}});

	it('a self-signed certificate is a tls error pointing at NODE_EXTRA_CA_CERTS', async () => {
		const sb = sandbox();
		expect(sb.url).toMatch(/^https:/);
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 1}), 'tls');
		expect(error.message).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
		expect(sb.requests).toHaveLength(0);
	});

	it('trusting the CA with NODE_EXTRA_CA_CERTS (in a child process) makes it work', async () => {
		const sb = sandbox();
		const client = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../source/kore/client.ts')).href;
		const script = path.join(tls.dir, 'child.mts');
		fs.writeFileSync(
			script,
			`import {createKoreClient} from ${JSON.stringify(client)};
const client = createKoreClient({host: ${JSON.stringify(sb.url)}, accountId: ${JSON.stringify(sb.accountId)}, clientId: ${JSON.stringify(sb.clientId)}, clientSecret: process.env.KC_SECRET, env: {}});
try {
	const page = await client.listContacts(${JSON.stringify(sb.streamId)}, {skip: 0, limit: 3});
	console.log(JSON.stringify({ok: true, n: page.results.length}));
} catch (error) {
	console.log(JSON.stringify({ok: false, kind: error.kind, message: error.message}));
}
`,
		);
		const run = (extraCa: string | undefined) =>
			new Promise<string>((resolve, reject) => {
				const env: NodeJS.ProcessEnv = {...process.env, KC_SECRET: sb.clientSecret};
				delete env['NODE_EXTRA_CA_CERTS'];
				if (extraCa) env['NODE_EXTRA_CA_CERTS'] = extraCa;
				execFile(
					process.execPath,
					['--import', 'tsx', script],
					{env, cwd: process.cwd(), timeout: 20_000},
					(error, stdout, stderr) => {
						if (error) reject(new Error(`child failed: ${stderr}`));
						else resolve(stdout.trim());
					},
				);
			});
		expect(JSON.parse(await run(tls.certPath))).toEqual({ok: true, n: 3});
	});
});
