/**
 * How requests leave without a proxy (ofetch on node-fetch, see source/kore/client.ts): a PUT on a
 * connection of its own. (That the bundle never loads Node's built-in undici: test/bundle/pack.test.ts.)
 */
import {describe, expect, it} from 'vitest';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor} from './kore-test-helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('requests without a proxy', () => {
	it('reuse the connection for GETs, but send a PUT on a connection closed after it', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const id = sb.contacts()[2]!.id;
		await client.listContacts(sb.streamId, {skip: 0, limit: 5});
		await client.updateContact(sb.streamId, id, {
			firstName: 'Own',
			lastName: 'Connection',
			salutation: 'Ms',
			cellPhone: {phoneNumber: '9550100003', countryCode: '+91', extension: ''},
		});
		const connection = sb.requests.map(request => `${request.method} ${request.headers['connection'] ?? ''}`);
		expect(connection).toEqual(['GET keep-alive', 'PUT close']);
		// The body went as the JSON text of what was asked for.
		expect(sb.getContact(id)).toMatchObject({firstName: 'Own', lastName: 'Connection', salutation: 'Ms'});
	});
});
