/**
 * Requests and wall time of a 200-row `kore-contacts bulk` (issue 14), each step its own process
 * of the built bundle against an in-process sandbox (no server rate limit; the client's own 60/min
 * limiter applies, as against Kore), one settings folder for all:
 * - spread: 200 rows, every 10th contact of a 2,000-contact stream (every page holds rows);
 * - block: 200 rows on 4 neighbouring pages, the first chunk's answer lost (bulkTimeout), then
 *   `bulk --resume`, then `undo --batch` of it.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {plainContacts, startSandbox} from '../source/sandbox/index.js';
import {cliEnv} from './cli-env.js';

const run = promisify(execFile);

export type BulkRun = {lists: number; puts: number; records: number; ms: number; code: number};

export type BulkCounts = {
	contacts: number;
	rows: number;
	/** ⌈contacts/50⌉ + ⌈rows/50⌉. */
	target: number;
	spread: BulkRun & {lookup: number};
	interrupted: BulkRun;
	resumed: BulkRun;
	/** Bulk records received over the interrupted run and its resume (200: nothing sent twice). */
	recordsSent: number;
	undo: BulkRun;
	/** Contacts holding their original last name after the undo. */
	restored: number;
};

export async function measureBulk(bundle: string, contacts = 2000, rows = 200): Promise<BulkCounts> {
	const sandbox = await startSandbox({contacts: plainContacts(contacts), rateLimitPerMinute: 0, port: 0});
	const {home, env} = cliEnv(sandbox, 'kc-bench-bulk-');
	const file = (name: string, ids: string[], lastName: string) => {
		const full = path.join(home, name);
		fs.writeFileSync(
			full,
			`id,firstName,lastName,salutation,phone,countryCode\n${ids.map(id => `${id},,${lastName},,,`).join('\n')}\n`,
		);
		return full;
	};
	const cli = async (...args: string[]): Promise<BulkRun & {stdout: string}> => {
		sandbox.requests.length = 0;
		const started = performance.now();
		let code = 0;
		let stdout = '';
		try {
			stdout = (await run(process.execPath, [bundle, ...args], {env, maxBuffer: 64 * 1024 * 1024})).stdout;
		} catch (error) {
			code = (error as {code?: number}).code ?? 1;
			stdout = String((error as {stdout?: string}).stdout ?? '');
		}
		const ms = performance.now() - started;
		const lists = sandbox.requests.filter(r => r.method === 'GET').length;
		const bulkPuts = sandbox.requests.filter(r => r.method === 'PUT' && r.path.endsWith('/bulk-update'));
		return {lists, puts: bulkPuts.length, records: 0, ms, code, stdout};
	};
	const all = sandbox.contacts();
	try {
		const spreadIds = all
			.filter((_, i) => i % 10 === 5)
			.slice(0, rows)
			.map(c => String(c.id));
		const spread = await cli(
			'bulk',
			'--stream',
			sandbox.streamId,
			'--file',
			file('spread.csv', spreadIds, 'Spread'),
			'--yes',
			'--json',
		);
		const lookup = (JSON.parse(spread.stdout) as {requests: {list: number}}).requests.list;

		const blockIds = all.slice(1000, 1000 + rows).map(c => String(c.id));
		// Taken after the spread run: some of these contacts are in both.
		const beforeBlock = new Map(blockIds.map(id => [id, sandbox.getContact(id)?.lastName]));
		sandbox.faults.bulkTimeout({});
		const interrupted = await cli(
			'--timeout',
			'2',
			'bulk',
			'--stream',
			sandbox.streamId,
			'--file',
			file('block.csv', blockIds, 'Block'),
			'--yes',
			'--json',
		);
		const batch = (JSON.parse(interrupted.stdout) as {batch: string}).batch;
		const journal = () =>
			fs
				.readFileSync(path.join(home, 'config', 'journal.jsonl'), 'utf8')
				.split('\n')
				.filter(Boolean)
				.map(line => JSON.parse(line) as {batch?: string; contactId?: string});
		const begun = () => journal().filter(line => line.batch === batch && line.contactId).length;
		const interruptedRecords = begun();
		const resumed = await cli('bulk', '--resume', batch, '--yes', '--json');
		const recordsSent = begun();
		const undo = await cli('undo', '--batch', batch, '--yes', '--json');
		const restored = blockIds.filter(id => sandbox.getContact(id)?.lastName === beforeBlock.get(id)).length;
		const strip = ({stdout: _, ...rest}: BulkRun & {stdout: string}): BulkRun => rest;
		return {
			contacts,
			rows,
			target: Math.ceil(contacts / 50) + Math.ceil(rows / 50),
			spread: {...strip(spread), records: rows, lookup},
			interrupted: {...strip(interrupted), records: interruptedRecords},
			resumed: {...strip(resumed), records: recordsSent - interruptedRecords},
			recordsSent,
			undo: strip(undo),
			restored,
		};
	} finally {
		await sandbox.close();
		fs.rmSync(home, {recursive: true, force: true});
	}
}
