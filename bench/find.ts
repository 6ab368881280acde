/**
 * Requests of the find figures (issue 14), each run as its own process of the built bundle
 * against an in-process sandbox (2,000 contacts, no rate limit), one settings folder for all:
 * `get` of a contact at position 1,520 twice (the second process reads the page the first saw it
 * on), and `find` over the whole stream.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import {promisify} from 'node:util';
import {startSandbox} from '../source/sandbox/index.js';
import {cliEnv} from './cli-env.js';

const run = promisify(execFile);

export type FindCounts = {
	contacts: number;
	position: number;
	/** List requests of the first `get` (a new settings folder) and of the second (a new process). */
	firstFind: number;
	findAgain: number;
	/** List requests of `find` over the whole stream, and ⌈contacts/50⌉. */
	search: number;
	searchTarget: number;
};

export async function measureFind(bundle: string, contacts = 2000, position = 1520): Promise<FindCounts> {
	const sandbox = await startSandbox({contactCount: contacts, rateLimitPerMinute: 0, port: 0});
	const {home, env} = cliEnv(sandbox, 'kc-bench-find-');
	const lists = () => sandbox.requests.filter(r => r.method === 'GET').length;
	const cli = async (...args: string[]) => {
		sandbox.requests.length = 0;
		await run(process.execPath, [bundle, ...args], {env, maxBuffer: 64 * 1024 * 1024});
		return lists();
	};
	try {
		const contactId = String(sandbox.contacts()[position - 1]?.id);
		const firstFind = await cli('get', '--stream', sandbox.streamId, '--contact', contactId, '--json');
		const findAgain = await cli('get', '--stream', sandbox.streamId, '--contact', contactId, '--json');
		const search = await cli('find', '--stream', sandbox.streamId, 'no such name anywhere', '--json');
		return {contacts, position, firstFind, findAgain, search, searchTarget: Math.ceil(contacts / 50)};
	} finally {
		await sandbox.close();
		fs.rmSync(home, {recursive: true, force: true});
	}
}
