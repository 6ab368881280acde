import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {createProxy, type ProxyServer} from 'proxy';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createDispatcher, proxyFor, redactProxyUrl} from '../../source/kore/proxy.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, closedPort, koreFailure} from './kore-test-helpers.js';

describe('proxy environment', () => {
	it('picks the variable like EnvHttpProxyAgent does, honouring NO_PROXY', async () => {
		expect(proxyFor('https://platform.kore.ai', {})).toBeUndefined();
		expect(proxyFor('https://platform.kore.ai', {HTTPS_PROXY: 'http://u:p@proxy:3128'})).toEqual({
			variable: 'HTTPS_PROXY',
			display: 'http://proxy:3128',
		});
		expect(proxyFor('https://platform.kore.ai', {https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2'})?.variable).toBe(
			'https_proxy',
		);
		expect(proxyFor('https://platform.kore.ai', {HTTP_PROXY: 'http://p:1'})?.variable).toBe('HTTP_PROXY');
		expect(proxyFor('http://127.0.0.1:9', {HTTPS_PROXY: 'http://p:1'})).toBeUndefined();
		expect(proxyFor('https://platform.kore.ai', {HTTPS_PROXY: 'http://p:1', NO_PROXY: 'kore.ai'})).toBeUndefined();
		expect(proxyFor('https://platform.kore.ai', {HTTPS_PROXY: 'http://p:1', no_proxy: '.kore.ai:443'})).toBeUndefined();
		expect(proxyFor('https://platform.kore.ai', {HTTPS_PROXY: 'http://p:1', NO_PROXY: 'kore.ai:8443'})).toBeDefined();
		expect(proxyFor('https://platform.kore.ai', {HTTPS_PROXY: 'http://p:1', NO_PROXY: '*'})).toBeUndefined();
		expect(redactProxyUrl('http://user:secret@proxy.corp:3128/')).toBe('http://proxy.corp:3128');
		// Without a scheme it is not a URL with a host: shown as typed, never as "proxy.corp://".
		expect(redactProxyUrl('proxy.corp:3128')).toBe('proxy.corp:3128');
		expect(redactProxyUrl('user:p@ss@proxy.corp:3128')).toBe('proxy.corp:3128');
		const kore = 'https://platform.kore.ai';
		await expect(createDispatcher({url: kore, env: {}})).resolves.toBeUndefined();
		await expect(createDispatcher({url: kore, env: {HTTPS_PROXY: 'http://proxy.corp:3128'}})).resolves.toBeDefined();
		await expect(
			createDispatcher({url: kore, env: {HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'kore.ai'}}),
		).resolves.toBeUndefined();
		// Only the variable that applies to the host is checked: a bad one for the other scheme, or
		// one NO_PROXY bypasses, is no reason to refuse.
		await expect(
			createDispatcher({url: kore, env: {HTTPS_PROXY: 'http://corp:3128', HTTP_PROXY: 'socks5://corp:1080'}}),
		).resolves.toBeDefined();
		await expect(createDispatcher({url: kore, env: {https_proxy: 'socks5://corp:1080', NO_PROXY: '*'}})).resolves.toBeUndefined();
	});

	it('refuses a proxy variable that is not an http(s) URL with one sentence naming it, without its login', async () => {
		const kore = 'https://platform.kore.ai';
		const cases: Array<[string, Record<string, string>, RegExp]> = [
			[
				kore,
				{HTTPS_PROXY: 'proxy.corp:3128'},
				/^HTTPS_PROXY is set to 'proxy\.corp:3128', which is not a proxy URL\. Set HTTPS_PROXY to the proxy's http:\/\/ or https:\/\/ URL/,
			],
			[
				kore,
				// A password with an "@" in it: nothing of it is shown.
				{https_proxy: 'socks5://u:p@ss-secret@127.0.0.1:1080'},
				/^https_proxy is a SOCKS proxy \(socks5:\/\/127\.0\.0\.1:1080\), and kore-contacts works through HTTP proxies only\./,
			],
			[
				'http://kore.internal:8080',
				{HTTP_PROXY: 'ftp://proxy:21', HTTPS_PROXY: 'http://proxy:3128'},
				/^HTTP_PROXY is set to 'ftp:\/\/proxy:21'/,
			],
		];
		for (const [url, env, message] of cases) {
			const error = await createDispatcher({url, env}).catch((error_: unknown) => error_);
			expect(error).toMatchObject({name: 'KoreError', kind: 'proxy'});
			expect((error as Error).message).toMatch(message);
			expect((error as Error).message).not.toMatch(/secret|ss-/);
		}
	});
});

describe('through a real proxy', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});
	let proxy: ProxyServer;
	let proxyUrl = '';
	let seen = 0;
	const sockets = new Set<import('node:net').Socket>();

	beforeAll(async () => {
		proxy = createProxy(http.createServer());
		proxy.on('connect', () => seen++);
		proxy.on('request', () => seen++);
		proxy.on('connection', socket => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
		proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise(resolve => proxy.close(resolve));
	});
	beforeEach(() => {
		seen = 0;
	});

	it('goes through HTTP_PROXY', async () => {
		const sb = sandbox();
		const page = await clientFor(sb, {env: {HTTP_PROXY: proxyUrl}}).listContacts(sb.streamId, {skip: 0, limit: 5});
		expect(page.results).toHaveLength(5);
		expect(seen).toBeGreaterThanOrEqual(1);
		expect(sb.requests).toHaveLength(1);
	});

	it('a redirect is not followed through it either: the other host gets nothing', async () => {
		const sb = sandbox();
		let elsewhere = 0;
		const other = http.createServer((_req, res) => {
			elsewhere++;
			res.end('{}');
		});
		await new Promise<void>(resolve => other.listen(0, '127.0.0.1', resolve));
		try {
			const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
			sb.faults.redirect(302, `${target}/agentassist/api/v1/public/${sb.streamId}/contacts`);
			const error = await koreFailure(
				clientFor(sb, {env: {HTTP_PROXY: proxyUrl}}).listContacts(sb.streamId, {skip: 0, limit: 5}),
				'redirect',
			);
			expect(error.message).toContain(`The request to ${sb.url} was redirected to ${target} (302)`);
			expect(elsewhere).toBe(0);
			expect(seen).toBe(1);
			expect(sb.requests).toHaveLength(1);
		} finally {
			await new Promise(resolve => other.close(resolve));
		}
	});

	it('NO_PROXY bypasses it', async () => {
		const sb = sandbox();
		const page = await clientFor(sb, {env: {HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1'}}).listContacts(sb.streamId, {
			skip: 0,
			limit: 5,
		});
		expect(page.results).toHaveLength(5);
		expect(seen).toBe(0);
	});

	it('a proxy that refuses the connection is a proxy error naming the variable, without its password', async () => {
		const sb = sandbox();
		const port = await closedPort();
		const error = await koreFailure(
			clientFor(sb, {env: {http_proxy: `http://alice:pa55word@127.0.0.1:${port}`}, retries: 1}).listContacts(sb.streamId, {
				skip: 0,
				limit: 5,
			}),
			'proxy',
		);
		expect(error.message).toContain('http_proxy');
		expect(error.message).toContain(`http://127.0.0.1:${port}`);
		expect(error.message).not.toContain('pa55word');
		expect(error.message).not.toContain('alice');
		expect(sb.requests).toHaveLength(0);
	});

	it('a SOCKS proxy fails the request with that sentence before anything is sent, and nothing is printed', async () => {
		const sb = sandbox();
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.message);
		process.on('warning', onWarning);
		try {
			const error = await koreFailure(
				clientFor(sb, {env: {HTTP_PROXY: `socks5://127.0.0.1:${await closedPort()}`}}).listContacts(sb.streamId, {
					skip: 0,
					limit: 5,
				}),
				'proxy',
			);
			expect(error.message).toMatch(
				/^HTTP_PROXY is a SOCKS proxy \(socks5:\/\/127\.0\.0\.1:\d+\), and kore-contacts works through HTTP proxies only\./,
			);
			expect(sb.requests).toHaveLength(0);
			await new Promise(resolve => setImmediate(resolve));
			expect(warnings).toEqual([]);
		} finally {
			process.off('warning', onWarning);
		}
	});

	it('a proxy that wants a login (407) is a proxy error, and a PUT is not sent', async () => {
		const sb = sandbox();
		proxy.authenticate = () => false;
		try {
			const client = clientFor(sb, {env: {HTTP_PROXY: proxyUrl}});
			const error = await koreFailure(client.listContacts(sb.streamId, {skip: 0, limit: 5}), 'proxy');
			expect(error.message).toContain('407');
			expect(error.message).toContain('HTTP_PROXY');
			const put = await koreFailure(
				client.updateContact(sb.streamId, sb.contacts()[0]!.id, {
					firstName: 'A',
					lastName: 'B',
					salutation: 'Mr',
					cellPhone: {phoneNumber: '', countryCode: '+1', extension: ''},
				}),
				'proxy',
			);
			expect(put.outcomeUnknown).toBe(false);
			expect(sb.requests).toHaveLength(0);
		} finally {
			delete proxy.authenticate;
		}
	});
});
