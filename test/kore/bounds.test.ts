/** Bounds on what a server can make the client do (issue 13 #4, #6): answer sizes and endless lists. */
import {describe, expect, it} from 'vitest';
import type {UpdateBody} from '../../source/contact/contact.js';
import {CONTACT_BODY_LIMIT, LIST_BODY_LIMIT} from '../../source/kore/client.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

const body: UpdateBody = {
	firstName: 'Big',
	lastName: 'Answer',
	salutation: 'Mr',
	cellPhone: {phoneNumber: '9550100005', countryCode: '+91', extension: ''},
};

describe('a response larger than the client reads', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('a 1 GiB list page is cut off at 8 MiB with a clear error, not held in memory', async () => {
		const sb = sandbox();
		sb.faults.hugeBody(1024 ** 3, {method: 'GET'});
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 50}), 'bad-response');
		expect(LIST_BODY_LIMIT).toBe(8 * 1024 * 1024);
		expect(error.message).toContain(`${sb.url} answered 200 with more than 8 MiB for one page of contacts; stopped reading it`);
		expect(error.message).toContain('Check the host');
		// The client hung up near the cap: the sandbox stops writing when it does.
		await expect.poll(() => sb.requests[0]?.sentBytes).toBeGreaterThan(LIST_BODY_LIMIT);
		expect(sb.requests[0]!.sentBytes).toBeLessThan(64 * 1024 * 1024);
		expect(sb.requests).toHaveLength(1);
	});

	it('a PUT answered with more than 1 MiB: cut off, outcome unknown (it was answered 200)', async () => {
		const sb = sandbox();
		sb.faults.hugeBody(CONTACT_BODY_LIMIT + 1, {method: 'PUT'});
		const id = sb.contacts()[0]!.id;
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, id, body), 'bad-response');
		expect(error.message).toContain('more than 1 MiB for the updated contact');
		expect(error.message).toContain('may or may not have been saved');
		expect(error.outcomeUnknown).toBe(true);
	});

	it('an answer just under the cap is read whole', async () => {
		const sb = sandbox();
		sb.faults.hugeBody(CONTACT_BODY_LIMIT, {method: 'PUT'});
		// Read whole, then refused as not JSON: the cap did not cut it.
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, sb.contacts()[0]!.id, body), 'bad-response');
		expect(error.message).toContain('not with the stored contact as JSON');
	});
});

describe('a server that ignores skip', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('ends the search at the second page with a clear error', async () => {
		const sb = sandbox();
		sb.faults.ignoreSkip({times: Number.POSITIVE_INFINITY});
		const last = sb.contacts()[149]!;
		const error = await koreFailure(clientFor(sb).findContact(sb.streamId, last.id), 'bad-response');
		expect(error.message).toContain('The list answered skip=50 with contacts it had already sent (page 2 of this search)');
		expect(error.message).toContain('ignore skip');
		expect(sb.requests.map(r => r.query['skip'])).toEqual(['0', '50']);
	});

	it('a list that ends normally is searched to its end', async () => {
		const sb = sandbox();
		const error = await koreFailure(clientFor(sb).findContact(sb.streamId, 'not-there'), 'contact-not-found');
		expect(error.message).toContain('searched 150 contacts');
		expect(sb.requests).toHaveLength(3);
	});
});
