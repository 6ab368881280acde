import {describe, expect, it, vi} from 'vitest';
import type {Contact, UpdateBody} from '../../source/contact/contact.js';
import {RATE_LIMIT_MESSAGE, type Sandbox} from '../../source/sandbox/index.js';
import {koreUrl, mintTestJwt, sandboxControl, sandboxHeaders, useSandbox} from '../helpers/sandbox.js';

const fields: UpdateBody = {
	firstName: 'Asha',
	lastName: 'Rao',
	salutation: 'Ms',
	cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: '+'},
};

type BulkAnswer = {
	successful: number;
	failed: number;
	results: Array<{id: unknown; success: boolean; contact?: Contact; errors?: Array<{msg: string; code: number}>}>;
};

async function bulk(s: Sandbox, payload: unknown, init: {headers?: Record<string, string>; signal?: AbortSignal} = {}) {
	const res = await fetch(koreUrl(s, '/contacts/bulk-update'), {
		method: 'PUT',
		headers: init.headers ?? (await sandboxHeaders(s)),
		body: JSON.stringify(payload),
		...(init.signal ? {signal: init.signal} : {}),
	});
	return {status: res.status, allow: res.headers.get('allow'), body: (await res.json()) as BulkAnswer & Record<string, any>};
}

const envelopeOf = (msg: RegExp) => ({errors: [{msg: expect.stringMatching(msg) as string, code: 412}]});

describe('PUT /contacts/bulk-update', () => {
	const sandbox = useSandbox({contactCount: 12, rateLimitPerMinute: 0, bulkMaxRecords: 5});

	it('applies each valid record and answers counts with per-record results', async () => {
		const s = sandbox();
		const [a, b] = s.contacts();
		const res = await bulk(s, [
			{id: a!.id, ...fields},
			{id: b!.id, ...fields, firstName: 'Ben', fullName: 'ignored by the server'},
		]);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({successful: 2, failed: 0});
		expect(res.body.results.map(r => [r.id, r.success])).toEqual([
			[a!.id, true],
			[b!.id, true],
		]);
		expect(res.body.results[0]!.contact).toMatchObject({fullName: 'Asha Rao', cellPhone: {phoneNumber: '+919550100001'}});
		expect(s.getContact(a!.id)).toMatchObject({firstName: 'Asha', salutation: 'Ms'});
		expect(s.getContact(b!.id)!.fullName).toBe('Ben Rao');
	});

	it('fails an unknown id (400) or invalid fields (412) on their own; the others are applied', async () => {
		const s = sandbox();
		const [, , c, d, e] = s.contacts();
		const res = await bulk(s, [
			{id: '000000000000000000000000', ...fields},
			{id: c!.id, ...fields, cellPhone: {...fields.cellPhone, phoneNumber: '955-0100'}},
			{id: d!.id, firstName: 'Dee'},
			{id: e!.id, ...fields, lastName: 'Kept'},
			{...fields},
		]);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({successful: 1, failed: 4});
		const [unknown, badPhone, missing, ok, noId] = res.body.results;
		expect(unknown).toEqual({
			id: '000000000000000000000000',
			success: false,
			errors: [{msg: expect.stringMatching(/^Invalid contact id/) as string, code: 400}],
		});
		expect(badPhone).toMatchObject({id: c!.id, success: false, errors: [{code: 412, msg: expect.stringMatching(/digits only/)}]});
		expect(missing).toMatchObject({
			id: d!.id,
			success: false,
			errors: [
				{code: 412, msg: 'lastName, salutation are required in a bulk-update record: send the current value to keep one.'},
			],
		});
		expect(ok).toMatchObject({id: e!.id, success: true});
		expect(noId).toMatchObject({id: null, success: false, errors: [{code: 412, msg: expect.stringMatching(/^id is required/)}]});
		expect(s.getContact(c!.id)).toEqual(s.contacts()[2]);
		expect(s.getContact(d!.id)!.firstName).not.toBe('Dee');
		expect(s.getContact(e!.id)!.lastName).toBe('Kept');
	});

	it('refuses a body that is not an array, an empty one or one over the maximum, whole, with 412', async () => {
		const s = sandbox();
		const before = s.contacts();
		const records = before.slice(0, 6).map(c => ({id: c.id, ...fields, firstName: 'Too-many'}));
		expect(await bulk(s, {id: before[0]!.id, ...fields})).toMatchObject({status: 412, body: envelopeOf(/JSON array/)});
		expect(await bulk(s, [])).toMatchObject({status: 412, body: envelopeOf(/JSON array of one or more/)});
		expect(await bulk(s, records)).toMatchObject({status: 412, body: envelopeOf(/at most 5 records; this one has 6/)});
		expect(s.contacts()).toEqual(before);
	});

	it('is its own route: "bulk-update" is never taken for a contact ID', async () => {
		const s = sandbox();
		for (const method of ['GET', 'POST', 'DELETE']) {
			const res = await fetch(koreUrl(s, '/contacts/bulk-update'), {method, headers: await sandboxHeaders(s)});
			expect(res.status).toBe(405);
			expect(res.headers.get('allow')).toBe('PUT');
		}
		// A trailing slash is the same route.
		const [a] = s.contacts();
		const res = await fetch(koreUrl(s, '/contacts/bulk-update/'), {
			method: 'PUT',
			headers: await sandboxHeaders(s),
			body: JSON.stringify([{id: a!.id, ...fields}]),
		});
		expect(res.status).toBe(200);
	});

	it('writes as the API client, like a single PUT', async () => {
		const s = sandbox();
		const [a, b] = s.contacts();
		await fetch(koreUrl(s, `/contacts/${a!.id}`), {
			method: 'PUT',
			headers: await sandboxHeaders(s),
			body: JSON.stringify(fields),
		});
		await bulk(s, [{id: b!.id, ...fields}]);
		const single = s.getContact(a!.id)!;
		const viaBulk = s.getContact(b!.id)!;
		expect(viaBulk.updatedBy).toBe(single.updatedBy);
		expect(viaBulk.updatedByAId).toBe(single.updatedByAId);
	});

	it('authenticates like every other route: nothing is applied without valid credentials', async () => {
		const s = sandbox();
		const before = s.contacts();
		const records = [{id: before[0]!.id, ...fields, firstName: 'Nope'}];
		const badJwt = {...(await sandboxHeaders(s)), auth: await mintTestJwt(s, {}, 'wrong-secret')};
		expect((await bulk(s, records, {headers: badJwt})).status).toBe(401);
		const badAccount = {...(await sandboxHeaders(s)), accountId: 'someone-else'};
		expect((await bulk(s, records, {headers: badAccount})).status).toBe(401);
		const wrongStream = await fetch(koreUrl(s, '/contacts/bulk-update', 'st-other'), {
			method: 'PUT',
			headers: await sandboxHeaders(s),
			body: JSON.stringify(records),
		});
		expect(wrongStream.status).toBe(401);
		expect(s.contacts()).toEqual(before);
	});
});

describe('bulk update and the rate limit', () => {
	const sandbox = useSandbox({contactCount: 10, rateLimitPerMinute: 2});

	it('counts one request however many records it holds', async () => {
		const s = sandbox();
		const records = s
			.contacts()
			.slice(0, 8)
			.map(c => ({id: c.id, ...fields}));
		expect((await bulk(s, records)).body).toMatchObject({successful: 8, failed: 0});
		expect((await bulk(s, records)).status).toBe(200);
		const third = await bulk(s, records.slice(0, 1));
		expect(third.status).toBe(429);
		expect(third.body).toEqual({errors: [{msg: RATE_LIMIT_MESSAGE, code: 429}]});
	});
});

describe('bulk faults', () => {
	const sandbox = useSandbox({contactCount: 12, rateLimitPerMinute: 0});
	const records = (s: Sandbox, firstName: string, count = 6) =>
		s
			.contacts()
			.slice(0, count)
			.map(c => ({id: c.id, ...fields, firstName}));

	it('bulkPartial fails the records at the given indexes and applies the others', async () => {
		const s = sandbox();
		s.faults.bulkPartial({indexes: [1, 4]});
		const res = await bulk(s, records(s, 'Partial'));
		expect(res.body).toMatchObject({successful: 4, failed: 2});
		expect(res.body.results.map(r => r.success)).toEqual([true, false, true, true, false, true]);
		expect(res.body.results[1]).toMatchObject({
			id: s.contacts()[1]!.id,
			errors: [{code: 412, msg: 'Simulated failure of record #2 (HTTP 412) from the sandbox.'}],
		});
		expect(s.contacts().map(c => c.firstName === 'Partial')).toEqual([
			true,
			false,
			true,
			true,
			false,
			true,
			...Array(6).fill(false),
		]);
		// Used up: the next bulk update is whole.
		expect((await bulk(s, records(s, 'Whole'))).body).toMatchObject({successful: 6, failed: 0});
	});

	it('bulkPartial every Nth with 400, and only bulk updates take it', async () => {
		const s = sandbox();
		s.faults.bulkPartial({every: 3, status: 400});
		const id = s.contacts()[0]!.id;
		const single = await fetch(koreUrl(s, `/contacts/${id}`), {
			method: 'PUT',
			headers: await sandboxHeaders(s),
			body: JSON.stringify(fields),
		});
		expect(single.status).toBe(200);
		expect(s.faults.pending()).toHaveLength(1);
		const res = await bulk(s, records(s, 'Third'));
		expect(res.body.results.map(r => r.errors?.[0]?.code ?? 'ok')).toEqual(['ok', 'ok', 400, 'ok', 'ok', 400]);
		expect(s.faults.pending()).toEqual([]);
	});

	it('bulkTimeout with ms applies the chunk at once and answers only after the delay', async () => {
		const s = sandbox();
		s.faults.bulkTimeout({ms: 60_000});
		const controller = new AbortController();
		const answer = bulk(s, records(s, 'Late', 3), {signal: controller.signal}).catch((error: unknown) => error);
		await vi.waitFor(() => expect(s.requests).toHaveLength(1), {timeout: 10_000, interval: 5});
		expect(s.requests[0]!.status).toBe(200);
		expect(
			s
				.contacts()
				.slice(0, 3)
				.map(c => c.firstName),
		).toEqual(['Late', 'Late', 'Late']);
		controller.abort();
		expect(await answer).toBeInstanceOf(Error);
	});

	it('bulkTimeout with a short ms still answers, late', async () => {
		const s = sandbox();
		s.faults.bulkTimeout({ms: 50});
		const res = await bulk(s, records(s, 'Slow', 2));
		expect(res.body).toMatchObject({successful: 2, failed: 0});
	});

	it('bulkTimeout without ms never answers: the client gives up, the records are saved', async () => {
		const s = sandbox();
		s.faults.bulkTimeout();
		const controller = new AbortController();
		const outcome = bulk(s, records(s, 'Lost', 2), {signal: controller.signal}).then(
			() => 'answered',
			(error: Error) => error.name,
		);
		await vi.waitFor(() => expect(s.requests).toHaveLength(1), {timeout: 10_000, interval: 5});
		expect(s.getContact(s.contacts()[1]!.id)!.firstName).toBe('Lost');
		controller.abort();
		expect(await outcome).toBe('AbortError');
	});

	it('arms the bulk faults over the control API, and refuses nonsense with a sentence', async () => {
		const s = sandbox();
		expect((await sandboxControl(s, 'POST', '/faults', {type: 'bulkPartial', every: 2})).status).toBe(201);
		expect((await sandboxControl(s, 'POST', '/faults', {type: 'bulkTimeout', ms: 10})).status).toBe(201);
		expect((await sandboxControl(s, 'GET', '/faults')).body.faults).toEqual([
			{type: 'bulkPartial', every: 2, times: 1},
			{type: 'bulkTimeout', ms: 10, times: 1},
		]);
		const res = await bulk(s, records(s, 'Http', 4));
		expect(res.body).toMatchObject({successful: 2, failed: 2});
		for (const [spec, message] of [
			[{type: 'bulkPartial'}, /needs "indexes" \(e\.g\. \[0, 2\]\) or "every"/],
			[{type: 'bulkPartial', indexes: [-1]}, /whole numbers from 0/],
			[{type: 'bulkPartial', every: 0}, /"every" must be a whole number of 1 or more/],
			[{type: 'bulkPartial', every: 2, status: 500}, /412 \(invalid record\) or 400/],
			[{type: 'bulkTimeout', ms: 'soon'}, /"ms" must be a number of milliseconds/],
		] as const) {
			const refused = await sandboxControl(s, 'POST', '/faults', spec);
			expect(refused.status).toBe(400);
			expect(refused.body.errors[0].msg).toMatch(message);
		}
	});
});
