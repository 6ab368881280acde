import {jwtVerify} from 'jose';
import {describe, expect, it} from 'vitest';
import type {UpdateBody} from '../../source/contact/contact.js';
import type {RateLimitWait} from '../../source/kore/types.js';
import {RATE_LIMIT_MESSAGE} from '../../source/sandbox/index.js';
import {USER_AGENT} from '../../source/version.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

const body: UpdateBody = {
	firstName: 'Asha',
	lastName: 'Rao',
	salutation: 'Ms',
	cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: '+'},
};

describe('requests', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, enforceJti: true});

	it('sends a fresh, valid JWT and the documented headers on every request', async () => {
		const sb = sandbox();
		const client = clientFor(sb, {subject: 'tester'});
		await client.listContacts(sb.streamId, {skip: 0, limit: 10});
		await client.listContacts(sb.streamId, {skip: 10, limit: 10});
		const first = sb.contacts()[0]!;
		await client.updateContact(sb.streamId, first.id, body);
		expect(sb.requests.map(r => r.status)).toEqual([200, 200, 200]);

		const key = new TextEncoder().encode(sb.clientSecret);
		const jtis = new Set<unknown>();
		for (const request of sb.requests) {
			const {payload, protectedHeader} = await jwtVerify(request.jwt!, key, {algorithms: ['HS256']});
			expect(protectedHeader.alg).toBe('HS256');
			expect(payload['appId']).toBe(sb.clientId);
			expect(payload.sub).toBe('tester');
			expect(payload.exp).toBe(payload.iat! + 300);
			jtis.add(payload.jti);
			expect(request.headers['accountid']).toBe(sb.accountId);
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.headers['user-agent']).toBe(USER_AGENT);
			expect(request.headers['authorization']).toBeUndefined();
		}
		expect(jtis.size).toBe(3);
	});

	it('returns the page as the server sent it', async () => {
		const sb = sandbox();
		const page = await clientFor(sb).listContacts(sb.streamId, {skip: 20, limit: 10});
		expect(page).toMatchObject({skip: 20, limit: 10, hasMore: true, totalResults: 150, totalPages: 15});
		expect(page.results.map(c => c.id)).toEqual(
			sb
				.contacts()
				.slice(20, 30)
				.map(c => c.id),
		);
		expect(sb.requests[0]!.query).toEqual({skip: '20', limit: '10'});
	});

	it('URL-encodes the stream and contact IDs in the path', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		await koreFailure(client.listContacts('st x?y#z', {skip: 0, limit: 1}), 'credentials');
		await koreFailure(client.updateContact(sb.streamId, 'a b?c#d', body), 'contact-not-found');
		expect(sb.requests[0]!.path).toBe('/agentassist/api/v1/public/st%20x%3Fy%23z/contacts');
		expect(sb.requests[1]!.path).toMatch(/\/contacts\/a%20b%3Fc%23d$/);
	});

	it("refuses IDs that would change the request's path ('.', '..', '/', '\\') before sending anything", async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		for (const bad of ['.', '..', 'a/b', '../../x', 'a\\b']) {
			const stream = await koreFailure(client.listContacts(bad, {skip: 0, limit: 1}), 'stream');
			expect(stream.message).toContain("cannot be a stream ID: it would change the request's path");
			await koreFailure(client.findContact(bad, 'c1'), 'stream');
			const contact = await koreFailure(client.updateContact(sb.streamId, bad, body), 'contact-not-found');
			expect(contact.message).toContain(`'${bad}' cannot be a contact ID`);
			await koreFailure(client.findContact(sb.streamId, bad), 'contact-not-found');
			await koreFailure(client.rereadContact(sb.streamId, bad), 'contact-not-found');
		}
		expect(sb.requests).toHaveLength(0);
	});

	it('updateContact returns what the server stored', async () => {
		const sb = sandbox();
		const id = sb.contacts()[3]!.id;
		const stored = await clientFor(sb).updateContact(sb.streamId, id, body);
		expect(stored).toMatchObject({id, firstName: 'Asha', cellPhone: {phoneNumber: '+919550100001', countryCode: '+91'}});
		expect(sb.getContact(id)?.firstName).toBe('Asha');
	});

	it('refuses to send without credentials', async () => {
		const sb = sandbox();
		const error = await koreFailure(
			clientFor(sb, {clientSecret: ''}).listContacts(sb.streamId, {skip: 0, limit: 1}),
			'credentials',
		);
		expect(error.message).toContain('client secret');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('errors from the server', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});
	const list = (overrides = {}) => clientFor(sandbox(), overrides).listContacts(sandbox().streamId, {skip: 0, limit: 10});

	it('401 with wrong credentials says what to check and shows the server message', async () => {
		const error = await koreFailure(list({clientSecret: 'wrong-secret-123456'}), 'credentials');
		expect(error.status).toBe(401);
		expect(error.code).toBe(4002);
		expect(error.serverMessage).toBe('Invalid SDK credentials');
		for (const part of ['host', 'account ID', 'client ID', 'client secret', 'stream ID', 'Invalid SDK credentials']) {
			expect(error.message).toContain(part);
		}
		await koreFailure(list({accountId: 'someone-else'}), 'credentials');
		await koreFailure(list({clientId: 'cs-other'}), 'credentials');
	});

	it('a wrong stream gives 401 credentials, naming the stream', async () => {
		const error = await koreFailure(clientFor(sandbox()).listContacts('st-wrong', {skip: 0, limit: 1}), 'credentials');
		expect(error.message).toContain("'st-wrong'");
	});

	it('an unknown contact on PUT is contact-not-found', async () => {
		const error = await koreFailure(
			clientFor(sandbox()).updateContact(sandbox().streamId, 'ffffffffffffffffffffffff', body),
			'contact-not-found',
		);
		expect(error.status).toBe(400);
		expect(error.message).toContain("'ffffffffffffffffffffffff'");
		expect(error.outcomeUnknown).toBe(false);
	});

	it('412 shows the server message verbatim', async () => {
		const sb = sandbox();
		const bad = {...body, cellPhone: {...body.cellPhone, countryCode: '91'}};
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[0]!.id, bad), 'validation');
		expect(error.status).toBe(412);
		expect(error.message).toContain('cellPhone.countryCode must be + followed by 1 to 4 digits, e.g. +91.');
	});

	it('412 messages are sanitised', async () => {
		const sb = sandbox();
		sb.faults.fail(412, {body: JSON.stringify({errors: [{msg: 'bad\u001b]0;evil\u0007 name\r\u009b2J', code: 412}]})});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[0]!.id, body), 'validation');
		expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(error.message).toContain('bad');
	});

	it('405 is method, 404 is stream, 500 is server', async () => {
		const sb = sandbox();
		sb.faults.fail(405);
		expect((await koreFailure(list(), 'method')).status).toBe(405);
		sb.faults.fail(404, {body: '<html><body>Not Found</body></html>'});
		const notFound = await koreFailure(list(), 'stream');
		expect(notFound.message).toMatch(/host/);
		sb.faults.fail(500);
		const server = await koreFailure(list(), 'server');
		expect(server.message).toContain('500');
		expect(sb.requests).toHaveLength(3); // a 500 is not retried
	});

	it('502 and 503 on GET recover on retry', async () => {
		const sb = sandbox();
		sb.faults.fail(502, {method: 'GET'});
		sb.faults.fail(503, {method: 'GET'});
		const page = await list();
		expect(page.results).toHaveLength(10);
		expect(sb.requests.map(r => r.status)).toEqual([502, 503, 200]);
	});

	it('gives up after the configured retries', async () => {
		const sb = sandbox();
		sb.faults.fail(504, {method: 'GET', times: 10});
		const error = await koreFailure(list({retries: 2}), 'server');
		expect(error.status).toBe(504);
		expect(sb.requests).toHaveLength(3);
	});

	it('a 503 on PUT is not retried and its outcome is unknown', async () => {
		const sb = sandbox();
		sb.faults.fail(503, {method: 'PUT'});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[0]!.id, body), 'server');
		expect(error.outcomeUnknown).toBe(true);
		expect(error.message).toContain('may or may not have been saved');
		expect(sb.requests).toHaveLength(1);
	});

	it('a 2xx that is not the documented JSON is bad-response', async () => {
		const sb = sandbox();
		sb.faults.fail(200, {body: '<html><head><title>Sign in to the proxy</title></head></html>'});
		const html = await koreFailure(list(), 'bad-response');
		expect(html.message).toMatch(/host/);
		sb.faults.fail(200, {body: '{"results":"nope","hasMore":false}'});
		await koreFailure(list(), 'bad-response');
		sb.faults.fail(200, {body: ''});
		await koreFailure(list(), 'bad-response');
		sb.faults.fail(200, {body: '[1,2,3]', method: 'PUT'});
		const put = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[0]!.id, body), 'bad-response');
		expect(put.outcomeUnknown).toBe(true);
	});

	it('an error status with a non-JSON body still maps by status', async () => {
		const sb = sandbox();
		sb.faults.fail(401, {body: '<html>Unauthorized</html>'});
		const error = await koreFailure(list(), 'credentials');
		expect(error.message).not.toContain('<html>');
		sb.faults.fail(500, {body: 'Internal Server Error'});
		await koreFailure(list(), 'server');
	});
});

describe('the scope', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, scopeGranted: false});

	it('401 "Scope is incorrect" says to add the Configuration scope and publish', async () => {
		const sb = sandbox();
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 1}), 'scope');
		expect(error.message).toContain(
			"The app's credentials lack the Contact Center 'Configuration' API scope: add it to the app in Kore.ai and publish.",
		);
		expect(error.serverMessage).toBe('Permission denied. Scope is incorrect!');
	});
});

describe('the server rate limit', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('429 with Retry-After: waits that long, tells the UI, and retries', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: 1});
		const waits: unknown[] = [];
		const started = Date.now();
		const page = await clientFor(sb, {onRateLimitWait: w => waits.push(w)}).listContacts(sb.streamId, {skip: 0, limit: 5});
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(page.results).toHaveLength(5);
		expect(waits).toEqual([{seconds: 1, reason: 'server', ms: 1000}]);
		expect(sb.requests.map(r => r.status)).toEqual([429, 200]);
	});

	it('429 without Retry-After: waits about 1 s (not the whole minute) and retries, PUT included', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: null, method: 'PUT'});
		const waits: RateLimitWait[] = [];
		const started = Date.now();
		const id = sb.contacts()[1]!.id;
		const stored = await clientFor(sb, {onRateLimitWait: w => waits.push(w)}).updateContact(sb.streamId, id, body);
		expect(stored.firstName).toBe('Asha');
		// One wait, told once a second (twice when the jitter takes it past 1 s).
		expect(new Set(waits.map(w => w.ms)).size).toBe(1);
		expect(waits[0]).toMatchObject({seconds: Math.ceil(waits[0]!.ms! / 1000), reason: 'server'});
		expect(waits[0]!.ms).toBeGreaterThanOrEqual(750);
		expect(waits[0]!.ms).toBeLessThanOrEqual(1250);
		expect(Date.now() - started).toBeGreaterThanOrEqual(waits[0]!.ms! - 20);
		expect(sb.requests.map(r => `${r.method} ${r.status}`)).toEqual(['PUT 429', 'PUT 200']);
	});

	it('a 429 storm without Retry-After: doubling waits with jitter, capped by the window, then a total limit', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: null, times: Number.POSITIVE_INFINITY});
		const waits: RateLimitWait[] = [];
		// A 600 ms window stands for Kore's 60 s one: the first wait is 1/60 of it, the total limit 2 windows.
		const window = 600;
		const error = await koreFailure(
			clientFor(sb, {rateLimitWindowMs: window, onRateLimitWait: w => waits.push(w)}).listContacts(sb.streamId, {
				skip: 0,
				limit: 5,
			}),
			'rate-limit',
		);
		const lengths = waits.filter(w => w.reason === 'server').map(w => w.ms!);
		expect(lengths.length).toBeGreaterThanOrEqual(5);
		lengths.forEach((ms, n) => {
			const base = Math.min(window, (window / 60) * 2 ** n);
			expect(ms, `wait ${n}`).toBeGreaterThanOrEqual(Math.floor(base * 0.75));
			expect(ms, `wait ${n}`).toBeLessThanOrEqual(Math.min(window, Math.ceil(base * 1.25)));
		});
		const total = lengths.reduce((a, b) => a + b, 0);
		expect(total).toBeLessThanOrEqual(2 * window);
		expect(sb.requests).toHaveLength(lengths.length + 1);
		expect(error.message).toContain(
			`still exceeded after ${lengths.length} retries over ${Math.round(total / 1000)} s. Try again in about a minute`,
		);
		expect(error.message).toContain('60 requests per minute');
	});

	it('the rate-limit message is recognised whatever the status', async () => {
		const sb = sandbox();
		sb.faults.fail(400, {body: JSON.stringify({errors: [{msg: RATE_LIMIT_MESSAGE, code: 400}]}), headers: {'Retry-After': '0'}});
		const page = await clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5});
		expect(page.results).toHaveLength(5);
		expect(sb.requests.map(r => r.status)).toEqual([400, 200]);
	});

	it('gives up after 8 retries with kind rate-limit, even when each Retry-After is 0', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: 0, times: 20});
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5}), 'rate-limit');
		expect(error.message).toContain('still exceeded after 8 retries over 0 s');
		expect(sb.requests).toHaveLength(9);
	});

	it('does not wait for a very long Retry-After: says how long instead', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: 3600});
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5}), 'rate-limit');
		expect(error.retryAfterSeconds).toBe(3600);
		expect(error.message).toContain('it asks to wait 3600 s (about 1 hour). Try again in about 1 hour');
		expect(error.message).not.toContain('a minute');
		expect(sb.requests).toHaveLength(1);
	});
});
