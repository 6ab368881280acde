/**
 * Requests go only to the configured host: a 3xx is never followed (issue 13 #1), so neither the
 * JWT nor the body ever reaches the host a redirect names.
 */
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {UpdateBody} from '../../source/contact/contact.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

const body: UpdateBody = {
	firstName: 'Never',
	lastName: 'Elsewhere',
	salutation: 'Ms',
	cellPhone: {phoneNumber: '9550100004', countryCode: '+91', extension: ''},
};

/** A second loopback server that records everything it receives and answers 200 like a Kore host would. */
function useOtherHost() {
	let server: Server | undefined;
	const seen: Array<Pick<IncomingMessage, 'method' | 'url' | 'headers'>> = [];
	let origin = '';
	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push({method: req.method, url: req.url, headers: req.headers});
			req.resume();
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.end(JSON.stringify({results: [], hasMore: false, id: 'x'}));
		});
		await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()));
	});
	beforeEach(() => {
		seen.length = 0;
	});
	return {seen, origin: () => origin};
}

describe('redirects are never followed', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});
	const other = useOtherHost();

	it('a GET answered 302 to another host fails naming both hosts; the other host gets nothing', async () => {
		const sb = sandbox();
		sb.faults.redirect(302, `${other.origin()}/agentassist/api/v1/public/${sb.streamId}/contacts?skip=0&limit=5`);
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 5}), 'redirect');
		expect(error.status).toBe(302);
		expect(error.message).toContain(`The request to ${sb.url} was redirected to ${other.origin()} (302)`);
		expect(error.message).toContain('kore-contacts does not follow redirects');
		expect(error.message).toContain('Check the host');
		expect(error.outcomeUnknown).toBe(false);
		expect(other.seen).toHaveLength(0);
		expect(sb.requests.map(r => `${r.method} ${r.status}`)).toEqual(['GET 302']);
	});

	it('a redirect is not retried like a server error (one request, no second try)', async () => {
		const sb = sandbox();
		sb.faults.redirect(301, `${other.origin()}/`, {times: 5});
		await koreFailure(clientFor(sb, {retries: 3}).findContact(sb.streamId, 'someone'), 'redirect');
		expect(sb.requests).toHaveLength(1);
		expect(other.seen).toHaveLength(0);
	});

	it('a PUT answered 307 is not re-sent there: most likely not saved, outcome left to check', async () => {
		const sb = sandbox();
		const contact = sb.contacts()[4]!;
		sb.faults.redirect(307, `${other.origin()}/agentassist/api/v1/public/${sb.streamId}/contacts/${contact.id}`, {
			method: 'PUT',
		});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, contact.id, body), 'redirect');
		expect(other.seen).toHaveLength(0);
		expect(error.message).toContain(`The update sent to ${sb.url} was redirected to ${other.origin()} (307)`);
		expect(error.message).toContain(`nothing was sent to ${other.origin()}`);
		expect(error.message).toContain('most likely not saved');
		expect(error.message).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
		expect(error.outcomeUnknown).toBe(true);
		expect(sb.getContact(contact.id)?.firstName).toBe(contact.firstName);
		expect(sb.requests.map(r => `${r.method} ${r.status}`)).toEqual(['PUT 307']);
	});

	it('a PUT answered 303 is not turned into a GET, and may have been saved', async () => {
		const sb = sandbox();
		const contact = sb.contacts()[5]!;
		sb.faults.redirect(303, `${other.origin()}/saved`, {method: 'PUT'});
		const error = await koreFailure(clientFor(sb).updateContact(sb.streamId, contact.id, body), 'redirect');
		expect(other.seen).toHaveLength(0);
		expect(error.message).toContain('(303)');
		expect(error.message).toContain('may have been saved');
		expect(error.message).not.toContain('nothing was changed');
		expect(error.outcomeUnknown).toBe(true);
	});

	it('a redirect to a relative path on the same host is refused too', async () => {
		const sb = sandbox();
		sb.faults.redirect(308, '/elsewhere');
		const error = await koreFailure(clientFor(sb).listContacts(sb.streamId, {skip: 0, limit: 1}), 'redirect');
		expect(error.message).toContain(`redirected to ${sb.url} (308)`);
		expect(sb.requests).toHaveLength(1);
	});
});
