import {describe, expect, it, vi} from 'vitest';
import type {Contact, ContactPage} from '../../source/contact/contact.js';
import {OTHER_EDITOR, RATE_LIMIT_MESSAGE, type Sandbox} from '../../source/sandbox/index.js';
import {koreUrl, mintTestJwt, sandboxControl, sandboxHeaders, useSandbox} from '../helpers/sandbox.js';

const sandbox = useSandbox({contactCount: 40, rateLimitPerMinute: 0});

async function get(s: Sandbox, query = '') {
	return fetch(koreUrl(s, `/contacts${query}`), {headers: await sandboxHeaders(s)});
}

async function put(s: Sandbox, id: string, body: unknown) {
	return fetch(koreUrl(s, `/contacts/${id}`), {method: 'PUT', headers: await sandboxHeaders(s), body: JSON.stringify(body)});
}

const settle = (p: Promise<unknown>) =>
	p.then(
		() => 'ok' as const,
		() => 'failed' as const,
	);

describe('faults in process', () => {
	it('latency delays only the matching method', async () => {
		const s = sandbox();
		s.faults.latency(400, {method: 'PUT'});
		const order: string[] = [];
		const id = s.contacts()[0]!.id;
		const slow = put(s, id, {firstName: 'Slow'}).then(r => order.push(`put ${r.status}`));
		await vi.waitFor(() => expect(s.arrivals).toHaveLength(1), {timeout: 10_000, interval: 5});
		const fast = get(s).then(r => order.push(`get ${r.status}`));
		await Promise.all([slow, fast]);
		expect(order).toEqual(['get 200', 'put 200']);
		expect(s.faults.pending()).toEqual([]);
	});

	it('fail answers once with the status in the envelope, then normal service resumes', async () => {
		const s = sandbox();
		s.faults.fail(503);
		const failed = await get(s);
		expect(failed.status).toBe(503);
		expect(failed.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await failed.json()).toEqual({errors: [{msg: expect.any(String) as string, code: 503}]});
		expect((await get(s)).status).toBe(200);
	});

	it('fail can send a raw non-JSON body with custom headers, several times', async () => {
		const s = sandbox();
		s.faults.fail(502, {body: '<html><body>Bad Gateway</body></html>', headers: {'X-Proxy': 'edge-7'}, times: 2});
		for (let i = 0; i < 2; i++) {
			const res = await get(s);
			expect(res.status).toBe(502);
			expect(res.headers.get('x-proxy')).toBe('edge-7');
			expect(res.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await res.text()).toBe('<html><body>Bad Gateway</body></html>');
		}
		expect((await get(s)).status).toBe(200);
	});

	it('a method filter leaves other methods alone; Infinity lasts until clear()', async () => {
		const s = sandbox();
		s.faults.fail(500, {method: 'PUT', times: Number.POSITIVE_INFINITY});
		const id = s.contacts()[1]!.id;
		expect((await get(s)).status).toBe(200);
		for (let i = 0; i < 3; i++) expect((await put(s, id, {firstName: 'x'})).status).toBe(500);
		expect(s.getContact(id)!.firstName).not.toBe('x');
		s.faults.clear();
		expect((await put(s, id, {firstName: 'x'})).status).toBe(200);
	});

	it("rateLimit answers 429 with Kore's message, Retry-After only when given a number", async () => {
		const s = sandbox();
		s.faults.rateLimit({retryAfter: 7});
		const withHeader = await get(s);
		expect(withHeader.status).toBe(429);
		expect(withHeader.headers.get('retry-after')).toBe('7');
		expect(await withHeader.json()).toEqual({errors: [{msg: RATE_LIMIT_MESSAGE, code: 429}]});
		s.faults.rateLimit({retryAfter: null});
		s.faults.rateLimit();
		for (let i = 0; i < 2; i++) {
			const res = await get(s);
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBeNull();
		}
	});

	it('drop before-response cuts the connection without an answer', async () => {
		const s = sandbox();
		s.faults.drop({when: 'before-response'});
		expect(await settle(get(s))).toBe('failed');
		expect(s.requests.at(-1)).toMatchObject({method: 'GET', status: 0});
		expect((await get(s)).status).toBe(200);
	});

	it('drop mid-response sends the status and half a body, then cuts', async () => {
		const s = sandbox();
		s.faults.drop({when: 'mid-response', method: 'GET'});
		const outcome = await get(s).then(
			async res => ({status: res.status, body: await settle(res.text())}),
			() => ({status: 0, body: 'failed' as const}),
		);
		expect(outcome).toEqual({status: 200, body: 'failed'});
		expect(s.requests.at(-1)).toMatchObject({status: 200});
		expect((await get(s)).status).toBe(200);
	});

	it('latency and a terminal fault combine on one request', async () => {
		const s = sandbox();
		s.faults.latency(30);
		s.faults.fail(504);
		expect((await get(s)).status).toBe(504);
		expect(s.faults.pending()).toEqual([]);
	});

	it('redirect answers the 3xx with its Location, then normal service resumes', async () => {
		const s = sandbox();
		s.faults.redirect(307, 'http://192.0.2.2/moved', {method: 'PUT'});
		const moved = await fetch(koreUrl(s, `/contacts/${s.contacts()[0]!.id}`), {
			method: 'PUT',
			headers: await sandboxHeaders(s),
			body: '{}',
			redirect: 'manual',
		});
		expect([moved.status, moved.headers.get('location')]).toEqual([307, 'http://192.0.2.2/moved']);
		expect(s.requests.map(r => r.status)).toEqual([307]);
		expect((await get(s)).status).toBe(200);
	});

	it('hugeBody streams as fast as the client reads, and stops when it hangs up', async () => {
		const s = sandbox();
		s.faults.hugeBody(1024 ** 3);
		const controller = new AbortController();
		const res = await fetch(koreUrl(s), {headers: await sandboxHeaders(s), signal: controller.signal});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBeNull();
		const reader = res.body!.getReader();
		let read = 0;
		while (read < 1024 * 1024) read += (await reader.read()).value?.byteLength ?? 0;
		controller.abort();
		await expect.poll(() => s.requests[0]!.sentBytes).toBeGreaterThan(1024 * 1024);
		expect(s.requests[0]!.sentBytes).toBeLessThan(64 * 1024 * 1024);
		s.faults.hugeBody(10);
		expect(await (await get(s)).text()).toBe('{"results"');
	});

	it('ignoreSkip answers every page as the first', async () => {
		const s = sandbox();
		s.faults.ignoreSkip({times: 2});
		const pages = [];
		for (const skip of [0, 10, 10]) pages.push((await (await get(s, `?skip=${skip}&limit=10`)).json()) as ContactPage);
		expect(pages[1]!.results.map(c => c.id)).toEqual(pages[0]!.results.map(c => c.id));
		expect(pages[1]).toMatchObject({skip: 0, hasMore: true});
		expect(pages[2]!.results[0]!.id).toBe(s.contacts()[10]!.id);
	});

	it('refuses nonsense faults with a sentence', () => {
		const s = sandbox();
		expect(() => s.faults.fail(42)).toThrow(/status/);
		expect(() => s.faults.latency(-1)).toThrow(/ms/);
		expect(() => s.faults.drop({when: 'later' as 'mid-response'})).toThrow(/before-response/);
		expect(() => s.faults.fail(500, {times: 0})).toThrow(/times/);
		expect(() => s.faults.redirect(200, 'http://x/')).toThrow(/300 to 399/);
		expect(() => s.faults.redirect(302, '')).toThrow(/location/);
		expect(() => s.faults.hugeBody(0)).toThrow(/bytes/);
		expect(() => s.faults.editAfterRead('x', {cellPhone: {phoneNumber: '+1', countryCode: '+1', extension: ''}})).toThrow(
			/digits/,
		);
	});
});

describe('someone else edits', () => {
	it('editContact changes the contact now, as another user', () => {
		const s = sandbox();
		const before = s.contacts()[5]!;
		const after = s.editContact(before.id, {
			firstName: 'Changed',
			cellPhone: {phoneNumber: '5550100', countryCode: '+1', extension: '+'},
		});
		expect(after).toMatchObject({
			firstName: 'Changed',
			fullName: before.lastName ? `Changed ${before.lastName}` : 'Changed',
			cellPhone: {phoneNumber: '+15550100', countryCode: '+1'},
			updatedBy: OTHER_EDITOR.userId,
			updatedByAId: OTHER_EDITOR.appId,
		});
		expect(Date.parse(after.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt!));
		expect(s.getContact(before.id)).toEqual(after);
		expect(() => s.editContact('000000000000000000000000', {firstName: 'x'})).toThrow(/Invalid contact id/);
	});

	it('contacts() and getContact() hand out copies', () => {
		const s = sandbox();
		const copy = s.contacts()[0]!;
		copy.firstName = 'Mutated';
		s.getContact(copy.id)!.lastName = 'Mutated';
		expect(s.getContact(copy.id)).not.toMatchObject({firstName: 'Mutated'});
		expect(s.getContact(copy.id)!.lastName).not.toBe('Mutated');
	});

	it('editAfterRead edits right after a list response that includes the contact', async () => {
		const s = sandbox();
		const target = s.contacts()[15]!;
		s.faults.editAfterRead(target.id, {lastName: 'Someone-Else'});

		// Page 1 does not include it: nothing happens.
		await (await get(s, '?skip=0&limit=10')).json();
		expect(s.getContact(target.id)).toEqual(target);

		// Page 2 does: the response still shows the old contact, the store has the edit right after.
		const page = (await (await get(s, '?skip=10&limit=10')).json()) as ContactPage;
		expect(page.results.find(c => c.id === target.id)).toEqual(target);
		const edited = s.getContact(target.id)!;
		expect(edited).toMatchObject({
			lastName: 'Someone-Else',
			fullName: `${target.firstName} Someone-Else`,
			updatedBy: OTHER_EDITOR.userId,
		});
		expect(Date.parse(edited.updatedAt!)).toBeGreaterThan(Date.parse(target.updatedAt!));

		// Once only: the next read shows the edit and does not edit again.
		const again = (await (await get(s, '?skip=10&limit=10')).json()) as ContactPage;
		expect(again.results.find(c => c.id === target.id)).toEqual(edited);
		expect(s.getContact(target.id)).toEqual(edited);
	});

	it('a PUT after editAfterRead overwrites on the server: the client must detect it itself', async () => {
		const s = sandbox();
		const target = s.contacts()[2]!;
		s.faults.editAfterRead(target.id, {salutation: 'Dr'});
		await (await get(s, '?limit=5')).json();
		expect(s.getContact(target.id)!.salutation).toBe('Dr');
		const res = await put(s, target.id, {salutation: 'Mr'});
		expect(((await res.json()) as Contact).salutation).toBe('Mr');
	});
});

describe('HTTP control routes (sandbox only)', () => {
	it('reports health without auth', async () => {
		const s = sandbox();
		const res = await sandboxControl(s, 'GET', '/health');
		expect(res).toEqual({
			status: 200,
			body: {ok: true, streamId: s.streamId, accountId: s.accountId, contacts: s.contacts().length},
		});
	});

	it('arms, lists and clears faults over HTTP', async () => {
		const s = sandbox();
		const added = await sandboxControl(s, 'POST', '/faults', {
			type: 'fail',
			status: 502,
			body: 'upstream down',
			method: 'GET',
			times: 2,
		});
		expect(added.status).toBe(201);
		expect((await sandboxControl(s, 'GET', '/faults')).body.faults).toEqual([
			{type: 'fail', status: 502, body: 'upstream down', method: 'GET', times: 2},
		]);
		const failed = await get(s);
		expect(failed.status).toBe(502);
		expect(await failed.text()).toBe('upstream down');
		expect((await sandboxControl(s, 'DELETE', '/faults')).status).toBe(200);
		expect(s.faults.pending()).toEqual([]);
		expect((await get(s)).status).toBe(200);
	});

	it('arms every fault type over HTTP', async () => {
		const s = sandbox();
		const target = s.contacts()[1]!;
		await sandboxControl(s, 'POST', '/faults', {type: 'rateLimit', retryAfter: 3});
		const limited = await get(s);
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
		await sandboxControl(s, 'POST', '/faults', {type: 'drop', when: 'before-response'});
		expect(await settle(get(s))).toBe('failed');
		await sandboxControl(s, 'POST', '/faults', {type: 'latency', ms: 10});
		expect((await get(s)).status).toBe(200);
		await sandboxControl(s, 'POST', '/faults', {type: 'editAfterRead', contactId: target.id, changes: {firstName: 'Via-HTTP'}});
		await (await get(s, '?limit=5')).json();
		expect(s.getContact(target.id)!.firstName).toBe('Via-HTTP');
		await sandboxControl(s, 'POST', '/faults', {type: 'redirect', status: 302, location: 'https://elsewhere.example/'});
		expect((await fetch(koreUrl(s), {headers: await sandboxHeaders(s), redirect: 'manual'})).status).toBe(302);
		await sandboxControl(s, 'POST', '/faults', {type: 'hugeBody', bytes: 100_000});
		expect((await (await get(s)).text()).length).toBe(100_000);
		await sandboxControl(s, 'POST', '/faults', {type: 'ignoreSkip'});
		expect(((await (await get(s, '?skip=5')).json()) as ContactPage).skip).toBe(0);
	});

	it('refuses an invalid fault with 400 and a sentence', async () => {
		const s = sandbox();
		for (const spec of [
			{type: 'explode'},
			{type: 'fail'},
			{type: 'fail', status: 500, times: 0},
			{type: 'drop', when: 'never'},
			[],
		]) {
			const res = await sandboxControl(s, 'POST', '/faults', spec);
			expect(res.status, JSON.stringify(spec)).toBe(400);
			expect(res.body.errors[0].msg).toMatch(/\.$/);
		}
		const res = await fetch(`${s.url}/__sandbox/faults`, {method: 'POST', body: 'nope'});
		expect(res.status).toBe(400);
	});

	it('reads and edits a contact from another process', async () => {
		const s = sandbox();
		const target = s.contacts()[7]!;
		expect(await sandboxControl(s, 'GET', `/contacts/${target.id}`)).toEqual({status: 200, body: target});
		const edited = await sandboxControl(s, 'POST', `/contacts/${target.id}/edit`, {firstName: 'Colleague'});
		expect(edited.status).toBe(200);
		expect(edited.body).toMatchObject({firstName: 'Colleague', updatedBy: OTHER_EDITOR.userId});
		expect(s.getContact(target.id)!.firstName).toBe('Colleague');
		expect((await sandboxControl(s, 'GET', '/contacts/000000000000000000000000')).status).toBe(404);
		const bad = await sandboxControl(s, 'POST', `/contacts/${target.id}/edit`, {cellPhone: {phoneNumber: 'abc'}});
		expect(bad.status).toBe(412);
	});

	it('lists recorded requests without any token', async () => {
		const s = sandbox();
		const token = await mintTestJwt(s);
		await fetch(koreUrl(s), {headers: {auth: token, accountId: s.accountId}});
		expect(s.requests).toHaveLength(1);
		expect(s.requests[0]!.jwt).toBe(token);
		const res = await fetch(`${s.url}/__sandbox/requests`);
		const text = await res.text();
		expect(text).not.toContain(token);
		expect(text).not.toContain(token.split('.')[2]!);
		const {requests} = JSON.parse(text) as {requests: Array<Record<string, unknown>>};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({method: 'GET', status: 200, query: {}});
		expect(requests[0]).not.toHaveProperty('jwt');
		expect(requests[0]!.headers).not.toHaveProperty('auth');
	});

	it('answers unknown control routes 404 and wrong methods 405', async () => {
		const s = sandbox();
		expect((await sandboxControl(s, 'GET', '/nothing')).status).toBe(404);
		expect((await sandboxControl(s, 'PUT', '/health')).status).toBe(405);
	});
});
