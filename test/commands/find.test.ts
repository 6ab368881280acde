import fs from 'node:fs';
import path from 'node:path';
import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {contactMatcher} from '../../source/commands/find.js';
import {progressLine, timeLeft} from '../../source/core/find.js';
import type {CommandIo} from '../../source/commands/io.js';
import {runProgram} from '../../source/commands/program.js';
import {resetRateLimits} from '../../source/kore/rate-limit.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {CONTROL_CHARACTERS, plainContactFrom, sandboxEnv} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0, contactCount: 2000});
const listGets = (sb: ReturnType<typeof sandbox>) => sb.requests.filter(r => r.method === 'GET' && r.path.endsWith('/contacts'));

describe('a new process finds a contact seen before (the locator in the settings folder)', () => {
	it('the second `get` reads one page where the first paged ⌈position/50⌉; the file is 0600', async () => {
		const sb = sandbox();
		const config = tempDir('kc-config-');
		const env = sandboxEnv(sb, {KORE_CONTACTS_CONFIG_DIR: config});
		const {contact, index} = plainContactFrom(sb, 1520);
		const page = Math.floor(index / 50);

		const first = await runCli(['get', '--stream', sb.streamId, '--contact', contact.id, '--json'], {env});
		expect(first.code, first.stderr).toBe(0);
		expect(listGets(sb)).toHaveLength(page + 1);

		sb.requests.length = 0;
		const second = await runCli(['get', '--stream', sb.streamId, '--contact', contact.id, '--json'], {env});
		expect(second.code, second.stderr).toBe(0);
		expect(JSON.parse(second.stdout)).toEqual(sb.getContact(contact.id));
		expect(listGets(sb).map(r => r.query)).toEqual([{skip: String(page * 50), limit: '50'}]);

		const folder = path.join(config, 'locator');
		const files = fs.readdirSync(folder);
		expect(files).toHaveLength(1);
		expect(fs.statSync(path.join(folder, files[0]!)).mode & 0o777).toBe(0o600);
		expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
		const saved = JSON.parse(fs.readFileSync(path.join(folder, files[0]!), 'utf8'));
		expect(saved.streams[sb.streamId].contacts[contact.id]).toEqual([page * 50, 50, expect.any(Number)]);
		// Never a secret in it.
		expect(fs.readFileSync(path.join(folder, files[0]!), 'utf8')).not.toContain(sb.clientSecret);
	});

	it('with no settings folder to be had (HOME empty, credentials in KORE_*), get and find still work', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 60);
		const env = sandboxEnv(sb, {HOME: '', KORE_CONTACTS_CONFIG_DIR: ''});
		const [got, found] = await Promise.all([
			runCli(['get', '--stream', sb.streamId, '--contact', contact.id, '--json'], {env}),
			runCli(['find', '--stream', sb.streamId, contact.id, '--json'], {env}),
		]);
		expect(got.code, got.stderr).toBe(0);
		expect(JSON.parse(got.stdout)).toEqual(sb.getContact(contact.id));
		expect(found.code, found.stderr).toBe(0);
		expect(JSON.parse(found.stdout)).toEqual(sb.getContact(contact.id));
	});
});

describe('kore-contacts find', () => {
	it('searches all 2,000 in exactly 40 list requests, printing each match, then a count on stderr', async () => {
		const sb = sandbox();
		const target = plainContactFrom(sb, 1990).contact;
		const name = String(target.firstName);
		const expected = sb.contacts().filter(c => contactMatcher(name)(c));
		const result = await runCli(['find', '--stream', sb.streamId, name], {env: sandboxEnv(sb)});
		expect(result.code, result.stderr).toBe(0);
		expect(listGets(sb)).toHaveLength(40);
		expect(listGets(sb).map(r => r.query['skip'])).toEqual(Array.from({length: 40}, (_, i) => String(i * 50)));
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines.map(line => line.split('  ')[0])).toEqual(expected.map(c => c.id));
		expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
		expect(result.stderr).toBe(`${expected.length} found in 2,000 contacts (40 pages).\n`);
	});

	it('--json prints JSON Lines; a phone in national or E.164 form and an ID prefix find the contact', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 700);
		const env = sandboxEnv(sb);
		const phone = String(contact.cellPhone?.phoneNumber);
		const code = String(contact.cellPhone?.countryCode);
		const national = phone.slice(code.length);
		const spaced = `0${national.slice(0, 4)} ${national.slice(4)}`;
		const runs = await Promise.all(
			[`${code} ${national}`, spaced, contact.id.slice(0, 20)].map(text =>
				runCli(['find', '--stream', sb.streamId, text, '--json'], {env}),
			),
		);
		for (const run of runs) {
			expect(run.code, run.stderr).toBe(0);
			const found = run.stdout
				.trimEnd()
				.split('\n')
				.map(line => JSON.parse(line) as Contact);
			expect(found.map(c => c.id)).toContain(contact.id);
			expect(found.find(c => c.id === contact.id)).toEqual(sb.getContact(contact.id));
		}
		expect(listGets(sb)).toHaveLength(3 * 40);
	});

	it('--limit stops at the page that completes it', async () => {
		const sb = sandbox();
		const result = await runCli(['find', '--stream', sb.streamId, 'a', '--limit', '3', '--json'], {env: sandboxEnv(sb)});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
		expect(listGets(sb).length).toBeLessThan(40);
		expect(result.stderr).toMatch(/^3 found in [\d,]+ contacts \(\d+ pages?\) \(stopped at --limit 3\)\.\n$/);
	});

	it('Ctrl+C keeps and prints what was found, exit 130', async () => {
		const sb = sandbox();
		sb.faults.latency(300, {method: 'GET', times: Number.POSITIVE_INFINITY});
		const first = sb.contacts()[2]!;
		const result = await runCli(['find', '--stream', sb.streamId, first.id], {
			env: sandboxEnv(sb),
			sigintWhen: ({stdout}) => stdout.includes(first.id),
		});
		expect(result.code).toBe(130);
		expect(result.stdout.split('\n')[0]).toContain(first.id);
		expect(result.stderr).toMatch(/Interrupted: 1 found in the [\d,]+ of 2,000 contacts searched \(shown above\)\.\n$/);
		expect(listGets(sb).length).toBeLessThan(40);
	});

	it('on a terminal, stderr shows pages done of all and time left at 60 a minute; stdout stays plain', async () => {
		const sb = sandbox();
		const target = sb.contacts()[75]!;
		let out = '';
		let err = '';
		const stdout = new PassThrough().setEncoding('utf8');
		const stderr = Object.assign(new PassThrough().setEncoding('utf8'), {isTTY: true});
		stdout.on('data', (chunk: string) => (out += chunk));
		stderr.on('data', (chunk: string) => (err += chunk));
		const home = tempDir('kc-home-');
		const io: CommandIo = {
			stdin: Readable.from([]),
			stdout,
			stderr,
			env: {...sandboxEnv(sb), HOME: home, KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config')},
			signal: new AbortController().signal,
		};
		const hooks = {runEditor: async () => 1, runSandbox: async () => 1};
		resetRateLimits(); // the client's limiter lives in this process: a full 60 a minute for these 40 pages
		expect(await runProgram(['find', '--stream', sb.streamId, target.id], io, hooks)).toBe(0);
		await new Promise(resolve => setImmediate(resolve));
		expect(out).toBe(`${out.split('\n')[0]}\n`);
		expect(out).toContain(target.id);
		expect(err).toContain('\r\u001B[2KSearching… page 1 of 40 · 0 found · ≤ 39 s left');
		expect(err).toContain('\r\u001B[2KSearching… page 2 of 40 · 1 found · ≤ 38 s left');
		expect(err).toContain('\r\u001B[2KSearching… page 40 of 40 · 1 found · ≤ 0 s left');
		expect(err.endsWith('\r\u001B[2K1 found in 2,000 contacts (40 pages).\n')).toBe(true);
	});

	it('no text is a usage error (exit 2), and nothing is sent', async () => {
		const sb = sandbox();
		const result = await runCli(['find', '--stream', sb.streamId, '  '], {env: sandboxEnv(sb)});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('Give the text to find');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('what find matches (pure)', () => {
	const contact = (fields: Partial<Contact>): Contact => ({id: '667e48f7c8b972fc6910abcd', ...fields}) as Contact;
	const uk = contact({firstName: 'José', lastName: 'García', cellPhone: {phoneNumber: '+447700900123', countryCode: '+44'}});

	it('names without case or accents; phones in any form; ID prefixes', () => {
		for (const text of [
			'jose',
			'GARCIA',
			'josé garcía',
			'garcia jose',
			'  Jose   Gar ',
			'07700 900123',
			'+44 7700 900123',
			'7700900123',
			'900-123',
			'667e48',
		]) {
			expect(contactMatcher(text)(uk), text).toBe(true);
		}
		for (const text of ['maria', '+91 7700 900123', '07700 900124', '6910abcd', 'jose x']) {
			expect(contactMatcher(text)(uk), text).toBe(false);
		}
	});

	it('progress counts pages and time left at 60 requests a minute', () => {
		expect(progressLine({skip: 500, matches: [], scanned: 550, total: 2000, pages: 11}, 2)).toBe(
			'Searching… page 11 of 40 · 2 found · ≤ 29 s left',
		);
		expect(timeLeft(389)).toBe('≤ 6 min 29 s');
		expect(progressLine({skip: 0, matches: [], scanned: 50, pages: 1}, 0)).toBe('Searching… page 1 · 0 found');
	});
});
