import {decodeJwt} from 'jose';
import {describe, expect, it} from 'vitest';
import {startSandbox} from '../../source/sandbox/index.js';
import {koreUrl, mintTestJwt, useSandbox} from '../helpers/sandbox.js';

const INVALID = {errors: [{msg: 'Invalid SDK credentials', code: 4002}]};

async function list(url: string, headers: Record<string, string>) {
	const res = await fetch(url, {headers});
	return {status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown};
}

describe('sandbox auth', () => {
	const sandbox = useSandbox();

	it('accepts a correct JWT and accountId', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s), {auth: await mintTestJwt(s), accountId: s.accountId});
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
	});

	it('rejects a missing token with 401 / 4002 in the envelope', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s), {accountId: s.accountId});
		expect(res).toMatchObject({status: 401, body: INVALID});
		expect(res.type).toMatch(/^application\/json/);
	});

	it('does not accept the token in Authorization instead of auth', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s), {Authorization: `Bearer ${await mintTestJwt(s)}`, accountId: s.accountId});
		expect(res).toMatchObject({status: 401, body: INVALID});
	});

	it('rejects a token signed with another secret', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s), {auth: await mintTestJwt(s, {}, 'not-the-secret'), accountId: s.accountId});
		expect(res).toMatchObject({status: 401, body: INVALID});
	});

	it('rejects garbage in the auth header', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s), {auth: 'not.a.jwt', accountId: s.accountId});
		expect(res).toMatchObject({status: 401, body: INVALID});
	});

	it('rejects a wrong appId, and a token without appId', async () => {
		const s = sandbox();
		expect(
			await list(koreUrl(s), {auth: await mintTestJwt(s, {appId: 'cs-someone-else'}), accountId: s.accountId}),
		).toMatchObject({
			status: 401,
			body: INVALID,
		});
		expect(await list(koreUrl(s), {auth: await mintTestJwt(s, {appId: undefined}), accountId: s.accountId})).toMatchObject({
			status: 401,
			body: INVALID,
		});
	});

	it('rejects an expired token but accepts one without exp', async () => {
		const s = sandbox();
		const past = Math.floor(Date.now() / 1000) - 600;
		expect(
			await list(koreUrl(s), {auth: await mintTestJwt(s, {iat: past, exp: past + 60}), accountId: s.accountId}),
		).toMatchObject({
			status: 401,
			body: INVALID,
		});
		const noExp = await list(koreUrl(s), {auth: await mintTestJwt(s, {exp: undefined}), accountId: s.accountId});
		expect(noExp.status).toBe(200);
	});

	it('rejects a wrong or missing accountId header', async () => {
		const s = sandbox();
		expect(await list(koreUrl(s), {auth: await mintTestJwt(s), accountId: '000000000000000000000000'})).toMatchObject({
			status: 401,
			body: INVALID,
		});
		expect(await list(koreUrl(s), {auth: await mintTestJwt(s)})).toMatchObject({status: 401, body: INVALID});
	});

	it('answers a wrong stream ID with the credentials error, as the reference says', async () => {
		const s = sandbox();
		const res = await list(koreUrl(s, '/contacts', 'st-00000000-0000-0000-0000-000000000000'), {
			auth: await mintTestJwt(s),
			accountId: s.accountId,
		});
		expect(res).toMatchObject({status: 401, body: INVALID});
	});

	it('checks auth on every Kore route, including PUT', async () => {
		const s = sandbox();
		const id = s.contacts()[0]!.id;
		const res = await fetch(koreUrl(s, `/contacts/${id}`), {
			method: 'PUT',
			headers: {accountId: s.accountId, 'Content-Type': 'application/json'},
			body: JSON.stringify({firstName: 'Nope'}),
		});
		expect(res.status).toBe(401);
		expect(s.getContact(id)!.firstName).not.toBe('Nope');
	});

	it('records requests with the token kept apart from the headers', async () => {
		const s = sandbox();
		const token = await mintTestJwt(s, {sub: 'claims-check'});
		await list(koreUrl(s), {auth: token, accountId: s.accountId});
		const [recorded] = s.requests;
		expect(recorded).toMatchObject({method: 'GET', path: `/agentassist/api/v1/public/${s.streamId}/contacts`, status: 200});
		expect(recorded!.headers.auth).toBeUndefined();
		expect(recorded!.headers.accountid).toBe(s.accountId);
		expect(decodeJwt(recorded!.jwt!)).toMatchObject({appId: s.clientId, sub: 'claims-check'});
	});
});

describe('sandbox auth with Enforce JTI', () => {
	const sandbox = useSandbox({enforceJti: true});

	it('accepts a fresh jti once and rejects its reuse', async () => {
		const s = sandbox();
		const token = await mintTestJwt(s);
		expect((await list(koreUrl(s), {auth: token, accountId: s.accountId})).status).toBe(200);
		expect(await list(koreUrl(s), {auth: token, accountId: s.accountId})).toMatchObject({status: 401, body: INVALID});
		expect((await list(koreUrl(s), {auth: await mintTestJwt(s), accountId: s.accountId})).status).toBe(200);
	});

	it('requires a jti, iat and exp no more than an hour after iat', async () => {
		const s = sandbox();
		const now = Math.floor(Date.now() / 1000);
		for (const claims of [{jti: undefined}, {iat: undefined}, {exp: undefined}, {iat: now, exp: now + 3601}]) {
			const res = await list(koreUrl(s), {auth: await mintTestJwt(s, claims), accountId: s.accountId});
			expect(res, JSON.stringify(claims)).toMatchObject({status: 401, body: INVALID});
		}
		const hour = await list(koreUrl(s), {auth: await mintTestJwt(s, {iat: now, exp: now + 3600}), accountId: s.accountId});
		expect(hour.status).toBe(200);
	});
});

describe('sandbox without the API scope', () => {
	it('answers every call 401 "Permission denied. Scope is incorrect!" (4002)', async () => {
		const s = await startSandbox({scopeGranted: false, contactCount: 3});
		try {
			const res = await list(koreUrl(s), {auth: await mintTestJwt(s), accountId: s.accountId});
			expect(res).toMatchObject({status: 401, body: {errors: [{msg: 'Permission denied. Scope is incorrect!', code: 4002}]}});
			const put = await fetch(koreUrl(s, `/contacts/${s.contacts()[0]!.id}`), {
				method: 'PUT',
				headers: {auth: await mintTestJwt(s), accountId: s.accountId, 'Content-Type': 'application/json'},
				body: '{"firstName":"x"}',
			});
			expect(put.status).toBe(401);
		} finally {
			await s.close();
		}
	});
});

describe('sandbox with a custom clock', () => {
	it('judges exp against options.now', async () => {
		let clock = Date.parse('2030-01-01T00:00:00Z');
		const s = await startSandbox({contactCount: 1, now: () => new Date(clock)});
		try {
			const iat = Math.floor(clock / 1000);
			const token = await mintTestJwt(s, {iat, exp: iat + 300});
			expect((await list(koreUrl(s), {auth: token, accountId: s.accountId})).status).toBe(200);
			clock += 301_000;
			expect((await list(koreUrl(s), {auth: token, accountId: s.accountId})).status).toBe(401);
		} finally {
			await s.close();
		}
	});
});
