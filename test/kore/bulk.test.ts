import {describe, expect, it, vi} from 'vitest';
import {fieldsOf} from '../../source/contact/fields.js';
import {bulkRecordOf} from '../../source/contact/update-body.js';
import type {BulkRecord, RateLimitWait} from '../../source/kore/types.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

/** Records for the first `count` contacts: their current fields with firstName changed. */
function records(sb: Sandbox, firstName: string, count: number, from = 0): BulkRecord[] {
	return sb
		.contacts()
		.slice(from, from + count)
		.map(c => bulkRecordOf(c.id, {...fieldsOf(c), firstName}));
}

const bulkRequests = (sb: Sandbox) => sb.arrivals.filter(r => r.path.endsWith('/contacts/bulk-update'));

describe('bulkUpdate against the sandbox', () => {
	const sandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0, bulkMaxRecords: 10});

	it('sends one PUT with the records and reads every record as updated', async () => {
		const sb = sandbox();
		const sent = records(sb, 'Bulk', 4);
		const results = await clientFor(sb).bulkUpdate(sb.streamId, sent);
		expect(results).toEqual(sent.map(r => ({id: r.id, outcome: 'updated'})));
		expect(sb.requests).toHaveLength(1);
		expect(sb.requests[0]).toMatchObject({method: 'PUT', path: `/agentassist/api/v1/public/${sb.streamId}/contacts/bulk-update`});
		expect(sb.requests[0]!.headers['content-type']).toBe('application/json');
		expect(
			sb
				.contacts()
				.slice(0, 4)
				.map(c => c.firstName),
		).toEqual(['Bulk', 'Bulk', 'Bulk', 'Bulk']);
		// The fields not changed were sent as they were: nothing else moved.
		expect(sb.getContact(sent[0]!.id)!.lastName).toBe(sb.contacts()[0]!.lastName);
	});

	it('the record is the single PUT body with the id first', () => {
		const sb = sandbox();
		const c = sb.contacts()[0]!;
		const record = bulkRecordOf(c.id, fieldsOf(c));
		expect(Object.keys(record)).toEqual(['id', 'firstName', 'lastName', 'salutation', 'cellPhone']);
		expect(record.cellPhone.phoneNumber).toMatch(/^\d*$/);
	});

	it('reads records the server failed, with its message, next to those it applied', async () => {
		const sb = sandbox();
		sb.faults.bulkPartial({indexes: [1]});
		const sent = [...records(sb, 'Mixed', 3, 4), {...records(sb, 'Ghost', 1)[0]!, id: '000000000000000000000000'}];
		const results = await clientFor(sb).bulkUpdate(sb.streamId, sent);
		expect(results).toEqual([
			{id: sent[0]!.id, outcome: 'updated'},
			{id: sent[1]!.id, outcome: 'failed', message: 'Simulated failure of record #2 (HTTP 412) from the sandbox.'},
			{id: sent[2]!.id, outcome: 'updated'},
			{id: '000000000000000000000000', outcome: 'failed', message: expect.stringMatching(/^Invalid contact id/) as string},
		]);
		expect(sb.getContact(sent[1]!.id)!.firstName).not.toBe('Mixed');
	});

	it('a timed-out chunk was applied, yet the client can only say the outcome is unknown; it is not sent again', async () => {
		const sb = sandbox();
		sb.faults.bulkTimeout();
		const sent = records(sb, 'Limbo', 3, 8);
		const error = await koreFailure(clientFor(sb, {timeoutMs: 300}).bulkUpdate(sb.streamId, sent), 'timeout');
		expect(error.outcomeUnknown).toBe(true);
		expect(error.message).toContain('The changes to 3 contacts may or may not have been saved');
		expect(error.message).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${sent[0]!.id}`);
		expect(sb.getContact(sent[2]!.id)!.firstName).toBe('Limbo');
		expect(bulkRequests(sb)).toHaveLength(1);
	});

	it('a connection cut before the answer is outcome unknown and not retried', async () => {
		const sb = sandbox();
		sb.faults.drop({when: 'before-response', method: 'PUT', times: 2});
		const error = await koreFailure(clientFor(sb).bulkUpdate(sb.streamId, records(sb, 'Cut', 2, 12)), 'connection');
		expect(error.outcomeUnknown).toBe(true);
		expect(bulkRequests(sb)).toHaveLength(1);
	});

	it('a 5xx is outcome unknown and not retried', async () => {
		const sb = sandbox();
		sb.faults.fail(503, {method: 'PUT', times: 2});
		const error = await koreFailure(clientFor(sb).bulkUpdate(sb.streamId, records(sb, 'Five', 2, 12)), 'server');
		expect(error.outcomeUnknown).toBe(true);
		expect(bulkRequests(sb)).toHaveLength(1);
	});

	it('a redirect is not followed, and the outcome is unknown', async () => {
		const sb = sandbox();
		sb.faults.redirect(307, 'https://elsewhere.example/bulk', {method: 'PUT'});
		const error = await koreFailure(clientFor(sb).bulkUpdate(sb.streamId, records(sb, 'Moved', 2, 12)), 'redirect');
		expect(error.outcomeUnknown).toBe(true);
		expect(sb.arrivals).toHaveLength(1);
	});

	it('a whole refused request (over the maximum) is a validation error with the server message; nothing applied', async () => {
		const sb = sandbox();
		const before = sb.contacts();
		const error = await koreFailure(clientFor(sb).bulkUpdate(sb.streamId, records(sb, 'Eleven', 11)), 'validation');
		expect(error.outcomeUnknown).toBe(false);
		expect(error.message).toContain('at most 10 records; this one has 11');
		expect(sb.contacts()).toEqual(before);
	});

	it('waits out a 429 and sends again (the server did not process it)', async () => {
		const sb = sandbox();
		sb.faults.rateLimit({retryAfter: 0, method: 'PUT'});
		const waits: RateLimitWait[] = [];
		const sent = records(sb, 'Patient', 2, 14);
		const results = await clientFor(sb, {onRateLimitWait: w => waits.push(w)}).bulkUpdate(sb.streamId, sent);
		expect(results.map(r => r.outcome)).toEqual(['updated', 'updated']);
		expect(bulkRequests(sb).map(r => r.status)).toEqual([429, 200]);
	});

	it('shares the client-side limiter with the other calls', async () => {
		const sb = sandbox();
		const waits: RateLimitWait[] = [];
		// Its own host spelling: a limiter of its own, not shared with the other tests' clients.
		const client = clientFor(sb, {
			host: sb.url.replace('127.0.0.1', 'localhost'),
			maxRequestsPerMinute: 1,
			rateLimitWindowMs: 600,
			onRateLimitWait: w => waits.push(w),
		});
		await client.listContacts(sb.streamId, {skip: 0, limit: 1});
		expect(waits).toEqual([]);
		await client.bulkUpdate(sb.streamId, records(sb, 'Queued', 1, 16));
		expect(waits.some(w => w.reason === 'client')).toBe(true);
	});

	it('refuses duplicate or unusable IDs before sending anything; an empty list sends nothing', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const [a, b] = records(sb, 'Twice', 2, 18);
		const twice = await koreFailure(client.bulkUpdate(sb.streamId, [a!, b!, {...a!}]), 'validation');
		expect(twice.message).toContain(`Contact ${a!.id} appears twice in one bulk update (record #3)`);
		await koreFailure(client.bulkUpdate(sb.streamId, [{...a!, id: '../x'}]), 'contact-not-found');
		await koreFailure(client.bulkUpdate('..', [a!]), 'stream');
		const {cellPhone: _phone, ...noPhone} = a!;
		const partial = await koreFailure(client.bulkUpdate(sb.streamId, [b!, noPhone as BulkRecord]), 'validation');
		expect(partial.message).toContain(`Record #2 (contact ${a!.id}) has no cellPhone`);
		expect(await client.bulkUpdate(sb.streamId, [])).toEqual([]);
		expect(sb.arrivals).toHaveLength(0);
	});

	it('after an update, a find served from the cache shows what was stored', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const id = sb.contacts()[20]!.id;
		await client.findContact(sb.streamId, id);
		await client.bulkUpdate(sb.streamId, [bulkRecordOf(id, {...fieldsOf(sb.getContact(id)!), firstName: 'Cached'})]);
		sb.requests.length = 0;
		expect((await client.findContact(sb.streamId, id)).contact.firstName).toBe('Cached');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('bulkUpdate reads answers it does not recognise defensively', () => {
	const sandbox = useSandbox({contactCount: 10, rateLimitPerMinute: 0});
	const answer = (sb: Sandbox, status: number, body: unknown) =>
		sb.faults.fail(status, {method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body)});

	it('counts only: all updated when every record is counted successful, otherwise unknown', async () => {
		const sb = sandbox();
		const sent = records(sb, 'x', 3);
		const client = clientFor(sb);
		answer(sb, 200, {successful: 3, failed: 0});
		expect((await client.bulkUpdate(sb.streamId, sent)).map(r => r.outcome)).toEqual(['updated', 'updated', 'updated']);
		answer(sb, 200, {successful: 2, failed: 1});
		const partial = await client.bulkUpdate(sb.streamId, sent);
		expect(partial.map(r => r.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(partial[0]!.message).toBe('The answer does not say what became of this contact');
	});

	it('a record the results do not mention is unknown; status words and messages are read', async () => {
		const sb = sandbox();
		const sent = records(sb, 'x', 3);
		answer(sb, 200, {
			successful: 1,
			failed: 1,
			results: [
				{id: sent[0]!.id, status: 'SUCCESS'},
				{id: sent[1]!.id, status: 'failed', msg: 'lastName \u001b[31mis\u001b[0m required'},
			],
		});
		expect(await clientFor(sb).bulkUpdate(sb.streamId, sent)).toEqual([
			{id: sent[0]!.id, outcome: 'updated'},
			{id: sent[1]!.id, outcome: 'failed', message: 'lastName is required'},
			{id: sent[2]!.id, outcome: 'unknown', message: 'The answer does not say what became of this contact'},
		]);
	});

	it('an unreadable 2xx answer leaves every record unknown, and never shows the secret', async () => {
		const sb = sandbox();
		const sent = records(sb, 'x', 2);
		const client = clientFor(sb);
		answer(sb, 200, '<html>gateway</html>');
		expect((await client.bulkUpdate(sb.streamId, sent)).map(r => r.outcome)).toEqual(['unknown', 'unknown']);
		answer(sb, 200, {results: [{id: sent[0]!.id, success: false, errors: [{msg: `bad secret ${sb.clientSecret}`}]}]});
		const [first] = await client.bulkUpdate(sb.streamId, sent);
		expect(first).toEqual({id: sent[0]!.id, outcome: 'failed', message: 'bad secret [secret]'});
	});

	it('a 412 that still lists per-record results is read like a success; one without them is an error', async () => {
		const sb = sandbox();
		const sent = records(sb, 'x', 2);
		const client = clientFor(sb);
		answer(sb, 412, {
			successful: 0,
			failed: 2,
			results: sent.map(r => ({id: r.id, success: false, errors: [{msg: 'nope', code: 412}]})),
		});
		expect(await client.bulkUpdate(sb.streamId, sent)).toEqual(sent.map(r => ({id: r.id, outcome: 'failed', message: 'nope'})));
		answer(sb, 412, {errors: [{msg: 'salutation is required', code: 412}]});
		const error = await koreFailure(client.bulkUpdate(sb.streamId, sent), 'validation');
		expect(error.message).toContain('salutation is required');
		await vi.waitFor(() => expect(sb.faults.pending()).toEqual([]));
	});
});
