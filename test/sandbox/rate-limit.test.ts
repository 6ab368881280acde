import {describe, expect, it} from 'vitest';
import {RATE_LIMIT_MESSAGE, startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {koreUrl, sandboxHeaders, useSandbox} from '../helpers/sandbox.js';

async function list(s: Sandbox, at = Date.now()) {
	const iat = Math.floor(at / 1000);
	const res = await fetch(koreUrl(s), {headers: await sandboxHeaders(s, {iat, exp: iat + 300})});
	return {status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown};
}

describe('rate limit (sliding minute per account)', () => {
	let clock = Date.now();
	const sandbox = useSandbox({contactCount: 5, rateLimitPerMinute: 3, now: () => new Date(clock)});
	const listNow = (s: Sandbox) => list(s, clock);

	it("answers the 4th request in a minute with 429, Kore's message and Retry-After", async () => {
		const s = sandbox();
		const start = clock;
		for (let i = 0; i < 3; i++) {
			expect((await listNow(s)).status).toBe(200);
			clock += 10_000;
		}
		// Requests at +0, +10 s, +20 s; now +30 s: the first slot frees at +60 s.
		const limited = await listNow(s);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({errors: [{msg: RATE_LIMIT_MESSAGE, code: 429}]});
		expect(RATE_LIMIT_MESSAGE).toBe("You've exceeded the per-minute rate limit. Please wait for sometime before retrying.");
		expect(limited.retryAfter).toBe('30');
		// A refused request does not use a slot: at +60.001 s one slot is free again.
		clock = start + 60_001;
		expect((await listNow(s)).status).toBe(200);
		expect((await listNow(s)).status).toBe(429);
		clock = start + 70_001;
		expect((await listNow(s)).status).toBe(200);
		clock += 120_000;
	});

	it('counts writes too and rounds Retry-After up to whole seconds', async () => {
		const s = sandbox();
		const id = s.contacts()[0]!.id;
		for (let i = 0; i < 3; i++) {
			const res = await fetch(koreUrl(s, `/contacts/${id}`), {
				method: 'PUT',
				headers: await sandboxHeaders(s, {iat: Math.floor(clock / 1000), exp: Math.floor(clock / 1000) + 300}),
				body: JSON.stringify({firstName: `n${i}`}),
			});
			expect(res.status).toBe(200);
		}
		clock += 500;
		const limited = await listNow(s);
		expect(limited.status).toBe(429);
		expect(limited.retryAfter).toBe('60');
		clock += 120_000;
	});

	it('does not spend the budget on requests that fail authentication', async () => {
		const s = sandbox();
		for (let i = 0; i < 5; i++) {
			const res = await fetch(koreUrl(s), {headers: {accountId: s.accountId}});
			expect(res.status).toBe(401);
		}
		expect((await listNow(s)).status).toBe(200);
		clock += 120_000;
	});
});

describe('rate limit off', () => {
	it('never answers 429 with rateLimitPerMinute 0', async () => {
		const s = await startSandbox({contactCount: 1, rateLimitPerMinute: 0});
		try {
			const statuses = await Promise.all(Array.from({length: 70}, async () => (await list(s)).status));
			expect(new Set(statuses)).toEqual(new Set([200]));
		} finally {
			await s.close();
		}
	});

	it('allows 60 a minute by default and refuses the 61st', async () => {
		const s = await startSandbox({contactCount: 1});
		try {
			const statuses = await Promise.all(Array.from({length: 61}, async () => (await list(s)).status));
			expect(statuses.filter(x => x === 200)).toHaveLength(60);
			expect(statuses.filter(x => x === 429)).toHaveLength(1);
		} finally {
			await s.close();
		}
	});
});
