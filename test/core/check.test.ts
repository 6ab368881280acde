import {describe, expect, it} from 'vitest';
import {checkUnknownWrite} from '../../source/core/check.js';
import {write} from '../../source/core/write.js';
import {openJournal} from '../../source/store/journal.js';
import {tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {clientFor, prepareAt} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

/** A write whose PUT is stored but whose answer is cut off mid-way: outcome unknown. */
async function lostAnswer(index: number, lastName: string) {
	const sb = sandbox();
	const client = clientFor(sb);
	const dir = tempDir();
	const update = await prepareAt(client, sb, index, {lastName});
	sb.faults.drop({when: 'mid-response', method: 'PUT'});
	const outcome = await write({client, update, kind: 'update', dir, accountId: sb.accountId});
	expect(outcome.outcome).toBe('unknown');
	return {sb, client, dir, update, journalId: outcome.outcome === 'unknown' ? outcome.journalId : ''};
}

describe('checkUnknownWrite', () => {
	it('a save that arrived: its journal entry completes as done (checked), through the journal, nothing sent', async () => {
		const {sb, client, dir, update, journalId} = await lostAnswer(1, 'Arrived');
		const puts = sb.requests.filter(request => request.method === 'PUT').length;
		const found = await checkUnknownWrite({client, update, dir});
		expect(found.outcome).toBe('saved');
		expect(found.outcome === 'saved' && found.journalId).toBe(journalId);
		const [entry, ...rest] = openJournal(dir).entries({contactId: update.contactId});
		expect(rest).toHaveLength(0);
		expect(entry?.status).toBe('done');
		expect(entry?.checked).toBe(true);
		expect(sb.requests.filter(request => request.method === 'PUT')).toHaveLength(puts);
	});

	it('a contact that does not hold what was sent: not saved, the entry stays unknown', async () => {
		const {sb, client, dir, update} = await lostAnswer(2, 'Lost');
		sb.editContact(update.contactId, {lastName: 'Someone else'});
		const found = await checkUnknownWrite({client, update, dir});
		expect(found.outcome).toBe('not-saved');
		expect(found.outcome === 'not-saved' && found.mismatches.map(row => row.field)).toEqual(['lastName']);
		expect(openJournal(dir).entries({contactId: update.contactId})[0]?.status).toBe('unknown');
	});
});
