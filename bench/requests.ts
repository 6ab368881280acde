/**
 * How many HTTP requests it takes to find a contact at a given position and save it: an
 * in-process sandbox (2,500 contacts, no rate limit), one fresh client (session) per position,
 * the project's own path: client.findContact, then prepareUpdate and the core write (re-read, PUT,
 * verification read).
 * Then the same contact is found again in the same session, which should cost nothing.
 */
import {createKoreClient} from '../source/kore/client.js';
import {startSandbox} from '../source/sandbox/index.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {prepareUpdate} from '../source/core/prepare.js';
import {write} from '../source/core/write.js';

export type RequestCount = {
	position: number;
	find: number;
	save: number;
	total: number;
	/** ⌈position / page size⌉ + 3. */
	target: number;
	findAgain: number;
};

export const POSITIONS = [10, 500, 2000];

/** The API's largest page: the target is ⌈position / 50⌉ + 3 (the pages, one re-read, one PUT, one verification read). */
export const PAGE_SIZE = 50;

export async function measureRequests(positions = POSITIONS, contactCount = 2500): Promise<RequestCount[]> {
	const sandbox = await startSandbox({contactCount, rateLimitPerMinute: 0, port: 0});
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
	try {
		const results: RequestCount[] = [];
		for (const position of positions) {
			const target = sandbox.contacts()[position - 1];
			if (!target) throw new Error(`The sandbox has no contact at position ${position}.`);
			const contactId = String(target.id);
			const client = createKoreClient({
				host: sandbox.url,
				accountId: sandbox.accountId,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
				maxRequestsPerMinute: 100_000,
			});

			sandbox.requests.length = 0;
			const found = await client.findContact(sandbox.streamId, contactId);
			const find = sandbox.requests.length;

			const prepared = prepareUpdate({
				streamId: sandbox.streamId,
				loaded: found.contact,
				edits: {firstName: `Bench ${position}`},
			});
			if (!prepared.ok) throw new Error(`prepareUpdate refused the benchmark's edit: ${JSON.stringify(prepared.errors)}`);
			const sent = await write({client, update: prepared.update, kind: 'update', dir, accountId: sandbox.accountId});
			if (sent.outcome !== 'saved') throw new Error(`The write ended ${sent.outcome}.`);
			if (!sent.verification.ok) throw new Error('The server did not store what was sent.');
			const save = sandbox.requests.length - find;

			sandbox.requests.length = 0;
			const again = await client.findContact(sandbox.streamId, contactId);
			if (again.contact.firstName !== `Bench ${position}`) throw new Error('Finding the contact again returned a stale copy.');
			results.push({
				position,
				find,
				save,
				total: find + save,
				target: Math.ceil(position / PAGE_SIZE) + 3,
				findAgain: sandbox.requests.length,
			});
		}

		return results;
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
		await sandbox.close();
	}
}
