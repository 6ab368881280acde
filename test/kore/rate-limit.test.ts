import {describe, expect, it} from 'vitest';
import type {RateLimitWait} from '../../source/kore/types.js';
import {acquireSlot, limiterKey, msUntilFree} from '../../source/kore/rate-limit.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

describe('client-side rate limiter', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('holds back the request over the budget and tells the UI', async () => {
		const sb = sandbox();
		const waits: RateLimitWait[] = [];
		const client = clientFor(sb, {maxRequestsPerMinute: 3, rateLimitWindowMs: 1000, onRateLimitWait: w => waits.push(w)});
		const started = Date.now();
		for (let i = 0; i < 3; i++) await client.listContacts(sb.streamId, {skip: i, limit: 1});
		expect(waits).toEqual([]);
		await client.listContacts(sb.streamId, {skip: 3, limit: 1});
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(waits.length).toBeGreaterThanOrEqual(1);
		expect(waits.every(w => w.reason === 'client' && w.seconds === 1)).toBe(true);
		expect(sb.requests).toHaveLength(4);
	});

	it('is shared by every client of the same host and account', async () => {
		const sb = sandbox();
		const options = {maxRequestsPerMinute: 2, rateLimitWindowMs: 800};
		const waits: RateLimitWait[] = [];
		const a = clientFor(sb, {...options, host: sb.url.replace('127.0.0.1', 'localhost')});
		const b = clientFor(sb, {...options, host: sb.url.replace('127.0.0.1', 'localhost'), onRateLimitWait: w => waits.push(w)});
		const other = clientFor(sb, {...options, accountId: 'other-account', host: sb.url.replace('127.0.0.1', 'localhost')});
		await a.listContacts(sb.streamId, {skip: 0, limit: 1});
		await a.listContacts(sb.streamId, {skip: 0, limit: 1});
		await koreFailure(other.listContacts(sb.streamId, {skip: 0, limit: 1}), 'credentials'); // its own budget: no wait
		expect(waits).toEqual([]);
		await b.listContacts(sb.streamId, {skip: 0, limit: 1});
		expect(waits.length).toBeGreaterThanOrEqual(1);
	});

	it('a wait can be cancelled', async () => {
		const key = limiterKey('http://limiter.test', 'acc');
		await acquireSlot(key, {max: 1, windowMs: 5000});
		expect(msUntilFree(key, {max: 1, windowMs: 5000})).toBeGreaterThan(4000);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		await expect(acquireSlot(key, {max: 1, windowMs: 5000, signal: controller.signal})).rejects.toBeDefined();
	});

	it('a cancelled wait inside the client is an aborted KoreError', async () => {
		const sb = sandbox();
		// An account of its own, so this budget is fresh: one request (refused, 401), then the wait.
		const client = clientFor(sb, {maxRequestsPerMinute: 1, rateLimitWindowMs: 5000, accountId: 'cancel-test-account'});
		await koreFailure(client.listContacts(sb.streamId, {skip: 0, limit: 1}), 'credentials');
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		await koreFailure(client.listContacts(sb.streamId, {skip: 0, limit: 1}, {signal: controller.signal}), 'aborted');
	});
});
