import {describe, expect, it} from 'vitest';
import {useSandbox} from '../helpers/sandbox.js';
import {runCli} from '../helpers/run-cli.js';
import {CONTROL_CHARACTERS, plainContactFrom, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('kore-contacts get', () => {
	it('finds a contact late in the list by paging, as a card and as JSON', async () => {
		const sb = sandbox();
		const {contact, index} = plainContactFrom(sb, 140);
		expect(index).toBeGreaterThanOrEqual(100);
		const [card, json] = await Promise.all([
			runCli(['get', '--stream', sb.streamId, '--contact', contact.id], {env: sandboxEnv(sb)}),
			runInProcess(['get', '--stream', sb.streamId, '--contact', contact.id, '--json'], {env: sandboxEnv(sb)}),
		]);

		expect(card.code).toBe(0);
		expect(card.stdout).toContain(`Contact ${contact.id}`);
		expect(card.stdout).toMatch(new RegExp(`^  First name\\s+${String(contact.firstName)}$`, 'm'));
		expect(card.stdout).toMatch(new RegExp(`^  Country code\\s+\\${String(contact.cellPhone?.countryCode)}$`, 'm'));
		expect(card.stdout).not.toMatch(CONTROL_CHARACTERS);

		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toEqual(sb.getContact(contact.id));

		// Each run paged: skip 0, 50, 100 (50 a page) until the contact's page.
		const skips = sb.requests.filter(r => r.method === 'GET').map(r => r.query['skip']);
		expect(skips.filter(s => s === '100')).toHaveLength(2);
		expect(skips.filter(s => s === '0')).toHaveLength(2);
	});

	it('a hostile contact is shown without escape sequences; an unknown one is exit 2', async () => {
		const sb = sandbox();
		const hostile = sb.contacts().find(c => String(c.firstName).startsWith('Mallory'))!;
		const result = await runInProcess(['get', '--stream', sb.streamId, '--contact', hostile.id], {env: sandboxEnv(sb)});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Mallory');
		expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
		const missing = await runInProcess(['get', '--stream', sb.streamId, '--contact', 'ffffffffffffffffffffffff'], {
			env: sandboxEnv(sb),
		});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe(
			`No contact with ID 'ffffffffffffffffffffffff' in stream '${sb.streamId}' (searched 150 contacts). Check the ID, or browse the list.\n`,
		);
	});
});
