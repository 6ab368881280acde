import {describe, expect, it} from 'vitest';
import type {UpdateBody} from '../../source/contact/contact.js';
import {createKoreClient} from '../../source/kore/client.js';
import {describeError, isKoreError, type KoreError, type KoreErrorKind} from '../../source/kore/errors.js';
import {normalizeHost} from '../../source/kore/host.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, closedPort, koreFailure} from './kore-test-helpers.js';

const body: UpdateBody = {
	firstName: 'S',
	lastName: 'T',
	salutation: 'Mr',
	cellPhone: {phoneNumber: '123456', countryCode: '+1', extension: ''},
};

const ALL_KINDS: KoreErrorKind[] = [
	'bad-host',
	'credentials',
	'scope',
	'stream',
	'contact-not-found',
	'validation',
	'rate-limit',
	'method',
	'server',
	'timeout',
	'dns',
	'tls',
	'proxy',
	'connection',
	'bad-response',
	'redirect',
	'aborted',
];

describe('no error ever shows the client secret or a JWT', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('across every error kind, even when the server echoes them', async () => {
		const sb = sandbox();
		const secret = sb.clientSecret;
		// Only the timeout case has a short time limit: on a loaded machine it would turn other cases into timeouts.
		const client = clientFor(sb, {retries: 0});
		await client.listContacts(sb.streamId, {skip: 0, limit: 1});
		const jwt = sb.requests[0]!.jwt!;
		expect(jwt).toMatch(/^eyJ/);
		const echo = (msg: string) => JSON.stringify({errors: [{msg: `${msg} (auth ${jwt}, secret ${secret})`, code: 1}]});
		const errors: KoreError[] = [];
		const collect = async (run: () => unknown) => {
			try {
				await run();
			} catch (error) {
				if (!isKoreError(error)) throw error;
				errors.push(error);
				return;
			}
			throw new Error('expected a failure');
		};
		const id = sb.contacts()[0]!.id;
		const list = () => client.listContacts(sb.streamId, {skip: 0, limit: 1});

		await collect(() => normalizeHost(`https://admin:${secret}@kore.example.com/x`));
		await collect(() => clientFor(sb, {host: `http://${secret}.example.com`}));
		sb.faults.fail(401, {body: echo('Invalid SDK credentials')});
		await collect(list);
		sb.faults.fail(401, {body: echo('Permission denied. Scope is incorrect!')});
		await collect(list);
		sb.faults.fail(404, {body: echo('Not found')});
		await collect(list);
		sb.faults.fail(400, {body: echo('Invalid contact id'), method: 'PUT'});
		await collect(() => client.updateContact(sb.streamId, id, body));
		await collect(() => client.findContact(sb.streamId, `missing-${secret}-${jwt}`));
		sb.faults.fail(412, {body: echo('firstName is bad')});
		await collect(() => client.updateContact(sb.streamId, id, body));
		sb.faults.rateLimit({retryAfter: 0, times: 9});
		await collect(list);
		sb.faults.fail(405, {body: echo('Method not allowed')});
		await collect(list);
		sb.faults.fail(500, {body: echo('Internal error')});
		await collect(list);
		sb.faults.fail(503, {body: echo('Unavailable'), method: 'PUT'});
		await collect(() => client.updateContact(sb.streamId, id, body));
		sb.faults.latency(5000, {method: 'PUT'});
		await collect(() => clientFor(sb, {timeoutMs: 300, retries: 0}).updateContact(sb.streamId, id, body));
		sb.faults.fail(200, {body: `<html>${secret} ${jwt}</html>`});
		await collect(list);
		sb.faults.fail(200, {body: `{"oops": "${secret} ${jwt}"}`, method: 'PUT'});
		await collect(() => client.updateContact(sb.streamId, id, body));
		await collect(() => client.listContacts(sb.streamId, {skip: 0, limit: 1}, {signal: AbortSignal.abort()}));
		sb.faults.drop({when: 'before-response'});
		await collect(list);
		sb.faults.redirect(302, `https://${secret.toUpperCase()}.example.com/?jwt=${jwt}`);
		await collect(list);

		const port = await closedPort();
		const other = {retries: 0, timeoutMs: 2000};
		await collect(() =>
			clientFor(sb, {...other, host: `http://127.0.0.1:${port}`}).listContacts(sb.streamId, {skip: 0, limit: 1}),
		);
		await collect(() =>
			clientFor(sb, {...other, host: 'kore-secret-test.invalid'}).listContacts(sb.streamId, {skip: 0, limit: 1}),
		);
		// https to a plain-http port: a TLS failure.
		await collect(() =>
			clientFor(sb, {...other, host: sb.url.replace('http:', 'https:').replace('127.0.0.1', 'localhost')}).listContacts(
				sb.streamId,
				{skip: 0, limit: 1},
			),
		);
		await collect(() =>
			clientFor(sb, {...other, env: {HTTP_PROXY: `http://kc:${secret}@127.0.0.1:${port}`}}).listContacts(sb.streamId, {
				skip: 0,
				limit: 1,
			}),
		);
		await collect(() => clientFor(sb, {...other, clientSecret: `${secret}-wrong`}).updateContact(sb.streamId, id, body));

		expect(new Set(errors.map(e => e.kind))).toEqual(new Set(ALL_KINDS));
		for (const error of errors) {
			const texts = [error.message, error.hint, error.summary, error.serverMessage ?? '', describeError(error), String(error)];
			for (const text of texts) {
				expect(text, `${error.kind}: ${text}`).not.toContain(secret);
				expect(text, `${error.kind}: ${text}`).not.toContain(jwt);
				expect(text, `${error.kind}: ${text}`).not.toMatch(/eyJ[\w-]+\.eyJ/);
				expect(text).not.toMatch(/\n\s+at /);
			}
		}
	});
});

describe('a secret in any case or form (issue 13 #5)', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: 'S3cret-XyZ-Pa ss/Wörd+9'});

	it('a host that is the secret (any case) is refused when the client is made, before any request or DNS query', () => {
		const sb = sandbox();
		for (const host of ['S3cret-xyz', 's3cret-XYZ', 'https://S3CRET-xyz/', ' s3cret-xyz ']) {
			let thrown: unknown;
			try {
				createKoreClient({host, accountId: 'a', clientId: 'c', clientSecret: 'S3cret-xyz', env: {}});
			} catch (error) {
				thrown = error;
			}
			expect(isKoreError(thrown) && thrown.kind, host).toBe('bad-host');
			const message = (thrown as KoreError).message;
			expect(message).toContain('The host is (or contains) the client secret');
			expect(message.toLowerCase()).not.toContain('s3cret-xyz');
		}
		// A long secret inside a host name: refused too (its DNS query would carry it).
		expect(() => clientFor(sb, {host: `https://${encodeURIComponent(sb.clientSecret)}.example.com`})).toThrow(
			/contains\) the client secret/,
		);
		expect(sb.requests).toHaveLength(0);
	});

	it('a server echoing the secret lower-cased, upper-cased, percent-encoded or as a query value: never shown', async () => {
		const sb = sandbox();
		const secret = sb.clientSecret;
		const forms = [
			secret.toLowerCase(),
			secret.toUpperCase(),
			encodeURIComponent(secret),
			encodeURIComponent(secret).toLowerCase(),
			new URLSearchParams({s: secret}).toString().slice(2),
		];
		const client = clientFor(sb, {retries: 0});
		for (const form of forms) {
			sb.faults.fail(401, {body: JSON.stringify({errors: [{msg: `Invalid SDK credentials for ${form}`, code: 4002}]})});
			const error = await koreFailure(client.listContacts(sb.streamId, {skip: 0, limit: 1}), 'credentials');
			for (const text of [error.message, error.serverMessage ?? '', describeError(error)]) {
				for (const shown of forms) expect(text.toLowerCase(), form).not.toContain(shown.toLowerCase());
			}
			expect(error.serverMessage).toBe('Invalid SDK credentials for [secret]');
		}
		// Typed as the stream ID in another case: echoed in our sentence, redacted there too.
		const stream = await koreFailure(client.listContacts(secret.toUpperCase(), {skip: 0, limit: 1}), 'stream');
		expect(stream.message.toLowerCase()).not.toContain(secret.toLowerCase());
		expect(stream.message).toContain("'[secret]'");
	});

	it('a short secret in another case withholds the whole server message', async () => {
		const sb = sandbox();
		sb.faults.fail(401, {body: JSON.stringify({errors: [{msg: 'bad key ABC12', code: 4002}]})});
		const error = await koreFailure(
			clientFor(sb, {clientSecret: 'abc12', retries: 0}).listContacts(sb.streamId, {skip: 0, limit: 1}),
			'credentials',
		);
		expect(error.message).not.toMatch(/abc12/i);
		expect(error.serverMessage).toContain('withheld');
	});
});
