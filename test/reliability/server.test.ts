// Reliability matrix, server rows (docs/reliability.md): the real CLI as a child process against
// the sandbox, whose faults answer like a misbehaving Kore.ai.
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {runInProcess} from '../commands/in-process.js';
import {runCli} from '../helpers/run-cli.js';
import {AWKWARD, ids, LONG_NAME} from './awkward-contacts.js';
import {CONTROL_CHARACTERS, expectCleanFailure, plainContactFrom, putCount, sandboxEnv, withSandbox} from './helpers.js';

type Sb = Parameters<typeof sandboxEnv>[0];

// Most cases run the program in this process (the same commander program, commands, real HTTP
// and exit code, without ~1 s of child start-up on a shared 2-core machine); `child` runs the real
// binary as a process where the bytes on a real stdout/stderr are the point.
const kc = (args: string[], env: Record<string, string>, child = false) =>
	child ? runCli(args, {env}) : runInProcess(args, {env});

const update = (sb: Sb, contactId: string, flags: string[], child = false) =>
	kc(['update', '--stream', sb.streamId, '--contact', contactId, ...flags], sandboxEnv(sb), child);

const list = (sb: Sb, flags: string[] = [], child = false) =>
	kc(['list', '--stream', sb.streamId, ...flags], sandboxEnv(sb), child);

const get = (sb: Sb, contactId: string, flags: string[] = [], child = false) =>
	kc(['get', '--stream', sb.streamId, '--contact', contactId, ...flags], sandboxEnv(sb), child);

// Each case has a sandbox of its own, so the cases that wait (rate limit, retries) run side by side.
describe.concurrent('server answers', () => {
	it('401 scope: exit 1 says to add the Configuration API scope and publish', async () =>
		withSandbox({scopeGranted: false}, async sb => {
			const result = await list(sb, [], true);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain('Permission denied. Scope is incorrect!');
			expect(result.stderr).toContain(
				"lack the Contact Center 'Configuration' API scope: add it to the app in Kore.ai and publish",
			);
		}));

	it('unknown contact on update: exit 2, says to check the ID; nothing sent', async () =>
		withSandbox({}, async sb => {
			const result = await update(sb, 'ffffffffffffffffffffffff', ['--first-name', 'Ghost', '--yes']);
			expectCleanFailure(result, 2, sb.clientSecret);
			expect(result.stderr).toContain("No contact with ID 'ffffffffffffffffffffffff'");
			expect(result.stderr).toContain('Check the ID, or browse the list');
			expect(putCount(sb)).toBe(0);
		}));

	it('405: exit 1 says the method is not allowed and to check the host', async () =>
		withSandbox({}, async sb => {
			sb.faults.fail(405, {method: 'GET', headers: {Allow: 'POST'}});
			const result = await list(sb);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain('Kore.ai does not allow GET on this path (405');
			expect(result.stderr).toContain('Check the host');
			expect(sb.requests).toHaveLength(1);
		}));

	it('412 validation: exit 1 shows the server message verbatim (escape sequences removed); stored nothing', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 20);
			sb.faults.fail(412, {
				method: 'PUT',
				body: JSON.stringify({errors: [{msg: 'lastName is reserved\u001b[2J\u001b]0;x\u0007 by policy', code: 412}]}),
			});
			const result = await update(sb, contact.id, ['--last-name', 'Reserved', '--yes'], true);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain('Kore.ai rejected the request: lastName is reserved');
			expect(result.stderr).toContain('by policy');
			expect(result.stderr).toContain('Correct the value it names and try again');
			expect(result.stderr).not.toMatch(CONTROL_CHARACTERS);
			expect(putCount(sb)).toBe(1);
			expect(sb.getContact(contact.id)).toEqual(contact);
		}));

	it('429 with Retry-After: waits that long, says so on stderr, and the command succeeds; a PUT is not stored twice', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 25);
			sb.faults.rateLimit({retryAfter: 1, method: 'GET'});
			sb.faults.rateLimit({retryAfter: 1, method: 'PUT'});
			const result = await update(sb, contact.id, ['--last-name', 'Patient', '--yes']);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stderr).toContain('Waiting for the rate limit (1 s; Kore.ai asked to slow down)');
			expect(sb.requests.filter(r => r.method === 'PUT').map(r => r.status)).toEqual([429, 200]);
			expect(sb.getContact(contact.id)!.lastName).toBe('Patient');
		}));

	it('429 without Retry-After: waits for the per-minute budget, counting down on stderr; Ctrl+C stops it (exit 130, nothing sent)', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 27);
			// Every PUT is refused, so the CLI is still waiting whenever Ctrl+C lands, however slow the machine.
			sb.faults.rateLimit({retryAfter: null, method: 'PUT', times: 1000});
			const result = await runCli(
				['update', '--stream', sb.streamId, '--contact', contact.id, '--last-name', 'Waiting', '--yes'],
				{
					env: sandboxEnv(sb),
					sigintWhen: ({stderr}) => /Waiting for the rate limit \(\d+ s; Kore\.ai asked to slow down\)/.test(stderr),
				},
			);
			expectCleanFailure(result, 130, sb.clientSecret);
			expect(result.stderr).toContain('nothing was sent');
			const puts = sb.requests.filter(r => r.method === 'PUT');
			expect(puts.length).toBeGreaterThan(0);
			expect(puts.every(r => r.status === 429)).toBe(true);
			expect(sb.getContact(contact.id)).toEqual(contact);
		}));

	it('429 that asks for a long wait, or persists: exit 1 says how long to wait and why', async () =>
		withSandbox({}, async sb => {
			sb.faults.rateLimit({retryAfter: 300, method: 'GET'});
			const long = await list(sb);
			expectCleanFailure(long, 1, sb.clientSecret);
			expect(long.stderr).toContain("Kore.ai's rate limit was exceeded and it asks to wait 300 s");
			expect(long.stderr).toContain('60 requests per minute');
			expect(sb.requests).toHaveLength(1);
		}));

	it('500: exit 1 says it is a server error; a GET is not hammered, a PUT is sent once with its outcome unknown', async () =>
		withSandbox({}, async sb => {
			const {contact} = plainContactFrom(sb, 30);
			sb.faults.fail(500, {method: 'GET'});
			const get = await list(sb);
			expectCleanFailure(get, 1, sb.clientSecret);
			expect(get.stderr).toContain(
				'Kore.ai answered with a server error (500: "Simulated failure (HTTP 500) from the sandbox.")',
			);
			expect(get.stderr).toContain('Try again in a moment');
			expect(sb.requests).toHaveLength(1);

			sb.faults.fail(500, {method: 'PUT', times: 2});
			const put = await update(sb, contact.id, ['--last-name', 'Broken', '--yes']);
			expectCleanFailure(put, 1, sb.clientSecret);
			expect(put.stderr).toContain('The change may or may not have been saved');
			expect(put.stderr).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
			expect(putCount(sb)).toBe(1);
		}));

	it('502 then 503 on a GET recover on retry: exit 0', async () =>
		withSandbox({}, async sb => {
			sb.faults.fail(502, {
				method: 'GET',
				body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
				headers: {'Content-Type': 'text/html'},
			});
			sb.faults.fail(503, {method: 'GET'});
			const result = await list(sb, ['--limit', '3']);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toContain('showing 1–3 of 150');
			expect(sb.requests.map(r => r.status)).toEqual([502, 503, 200]);
		}));

	it('a 200 whose body is not JSON (a proxy login page): exit 1 quotes its start and says to check the host', async () =>
		withSandbox({}, async sb => {
			sb.faults.fail(200, {
				method: 'GET',
				body: '<!DOCTYPE html><html><title>Sign in to the corporate proxy</title></html>',
				headers: {'Content-Type': 'text/html'},
			});
			const result = await list(sb);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain(`${sb.url} answered 200 but not with a contact list as JSON (it began "<!DOCTYPE html>`);
			expect(result.stderr).toContain('Check the host: it may be a web page, a login page of a proxy');
		}));

	it('a 502 gateway page that does not recover: exit 1, a server error, without the HTML', async () =>
		withSandbox({}, async sb => {
			sb.faults.fail(502, {method: 'GET', times: 4, body: '<html><body>Bad gateway</body></html>'});
			const result = await list(sb);
			expectCleanFailure(result, 1, sb.clientSecret);
			expect(result.stderr).toContain('Kore.ai answered with a server error (502)');
			expect(result.stderr).not.toContain('<html>');
			expect(sb.requests).toHaveLength(4);
		}));
});

// ------------------------------------------------------------------ awkward server data

/** The display column at which `marker` starts in `line`, or -1. */
function columnOf(line: string, marker: string): number {
	const at = line.indexOf(marker);
	return at === -1 ? -1 : stringWidth(line.slice(0, at));
}

describe.concurrent('awkward contacts from the server', () => {
	it('list: missing, null, extra, 10,000-character, emoji, CJK, RTL and escape-laden names stay aligned within 80 columns', async () =>
		withSandbox({contacts: AWKWARD}, async sb => {
			const result = await list(sb, ['--limit', '50']);
			expect(result.code, result.stderr).toBe(0);
			expect(`${result.stdout}${result.stderr}`).not.toMatch(CONTROL_CHARACTERS);
			expect(result.stdout).not.toContain('\u202e');
			const lines = result.stdout.trimEnd().split('\n');
			expect(lines[0]).toMatch(/^Name\s+Phone\s+Salutation\s+ID$/);
			const rows = lines.slice(1, -1);
			expect(rows).toHaveLength(AWKWARD.length);
			const idColumn = columnOf(lines[0]!, 'ID');
			AWKWARD.forEach((contact, i) => {
				const row = rows[i]!;
				expect(stringWidth(row), row).toBeLessThanOrEqual(80);
				expect(columnOf(row, contact.id), row).toBe(idColumn);
			});
			expect(rows[3]).toMatch(/^Abccc.*…/);
			expect(rows[4]).toContain('👩‍👩‍👧 Family');
			expect(rows[5]).toContain('太郎 山田');
			expect(rows[6]).toContain('محمد العلي');
			expect(rows[8]).toContain('Mallory');
		}));

	it('get: a contact with missing, null or extra fields is shown, and --json gives back exactly what the server sent', async () =>
		withSandbox({contacts: AWKWARD}, async sb => {
			const [missing, nulls, extraJson, long] = await Promise.all([
				get(sb, ids.missing),
				get(sb, ids.nulls),
				get(sb, ids.extra, ['--json']),
				get(sb, ids.long, ['--json']),
			]);
			for (const result of [missing, nulls, extraJson, long]) expect(result.code, result.stderr).toBe(0);
			expect(missing.stdout).toMatch(/^ {2}First name\s+Ana$/m);
			expect(missing.stdout).toMatch(/^ {2}Last name\s+\(empty\)$/m);
			expect(missing.stdout).toMatch(/^ {2}Phone number\s+\(empty\)$/m);
			expect(nulls.stdout).toMatch(/^ {2}Country code\s+\(empty\)$/m);
			expect(nulls.stdout).not.toContain('null');
			expect(JSON.parse(extraJson.stdout)).toEqual(sb.getContact(ids.extra));
			expect(JSON.parse(long.stdout).firstName).toBe(LONG_NAME);
		}));

	it('update keeps what it does not touch: extra fields stay on the server, a 10,000-character name goes back unchanged, only the four documented fields are sent', async () =>
		withSandbox({contacts: AWKWARD}, async sb => {
			// Its last name is a number on the server: an edit that leaves it would send it back changed, so it is refused.
			const refused = await update(sb, ids.extra, ['--salutation', 'Dr', '--yes']);
			expect(refused.code).toBe(2);
			expect(refused.stderr).toContain('Last name is stored in Kore as a number, not text');
			const [extra, long, missing] = await Promise.all([
				update(sb, ids.extra, ['--salutation', 'Dr', '--last-name', '42', '--yes', '--json']),
				update(sb, ids.long, ['--last-name', 'Longer', '--yes']),
				update(sb, ids.missing, ['--last-name', 'Silva', '--phone', '+55 11 98765 4321', '--yes', '--json']),
			]);
			expect(extra.code, extra.stderr).toBe(0);
			const sent = JSON.parse(extra.stdout);
			expect(Object.keys(sent.body)).toEqual(['firstName', 'lastName', 'salutation', 'cellPhone']);
			expect(Object.keys(sent.body.cellPhone)).toEqual(['phoneNumber', 'countryCode', 'extension']);
			expect(sent.body).toMatchObject({firstName: 'Extra', lastName: '42', salutation: 'Dr'});
			expect(sb.getContact(ids.extra)).toMatchObject({
				salutation: 'Dr',
				address: [{city: 'Paris'}],
				customFields: {tier: 'gold', nested: {deep: [1, 2, 3]}},
			});

			expect(long.code, long.stderr).toBe(0);
			expect(sb.getContact(ids.long)).toMatchObject({firstName: LONG_NAME, lastName: 'Longer'});
			// The diff does not fit 80 columns: it is stacked, each line starting at the margin.
			expect(long.stdout).toMatch(/^~ Last name$/m);
			expect(long.stdout).toMatch(/^ {6}after: {2}Longer$/m);
			expect(long.stdout).toContain('Verified: the stored values are the ones sent.');

			expect(missing.code, missing.stderr).toBe(0);
			expect(sb.getContact(ids.missing)).toMatchObject({
				firstName: 'Ana',
				lastName: 'Silva',
				cellPhone: {countryCode: '+55', phoneNumber: '+5511987654321'},
			});
			expect(putCount(sb)).toBe(3);
		}));

	it('update --dry-run: the diff of emoji, CJK and right-to-left names keeps its columns (measured with string-width)', async () =>
		withSandbox({contacts: AWKWARD}, async sb => {
			const results = await Promise.all([
				update(sb, ids.arabic, ['--first-name', '王小明', '--last-name', '👩‍🔬 Chen', '--salutation', 'Dr', '--dry-run']),
				update(sb, ids.emoji, ['--first-name', 'דוד', '--last-name', 'Ωmega', '--dry-run']),
				update(sb, ids.cjk, ['--first-name', 'Zoe\u0308', '--salutation', 'Ms', '--dry-run']),
			]);
			for (const result of results) {
				expect(result.code, result.stderr).toBe(0);
				expect(result.stdout).toContain('Dry run: nothing was sent.');
				expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
				const lines = result.stdout.split('\n');
				const header = lines.find(line => /^\s+Field\s+Before\s+After$/.test(line))!;
				expect(header, result.stdout).toBeDefined();
				const afterColumn = columnOf(header, 'After');
				const changed = lines.filter(line => line.startsWith('~ '));
				expect(changed.length).toBeGreaterThanOrEqual(2);
				for (const line of changed) {
					expect(columnOf(line, '->'), line).toBe(afterColumn - 3);
					expect(stringWidth(line)).toBeLessThanOrEqual(80);
				}
			}
			expect(putCount(sb)).toBe(0);
		}));

	it('names carrying escape sequences never reach stdout or stderr raw: list, get, get --json, update diff and body', async () =>
		withSandbox({contacts: AWKWARD}, async sb => {
			const [card, json, listed, diff] = await Promise.all([
				get(sb, ids.escapes, [], true),
				get(sb, ids.escapes, ['--json'], true),
				list(sb, [], true),
				update(sb, ids.escapes, ['--first-name', 'Mallory', '--dry-run'], true),
			]);
			for (const result of [card, json, listed, diff]) {
				expect(result.code, result.stderr).toBe(0);
				expect(`${result.stdout}${result.stderr}`).not.toMatch(CONTROL_CHARACTERS);
				expect(result.stdout).not.toContain('\u202e');
			}
			expect(card.stdout).toMatch(/^ {2}First name\s+Mallory$/m);
			expect(card.stdout).toMatch(/^ {2}Last name\s+AdminRoot$/m);
			expect(listed.stdout).toContain('Eve Hacker');
			// JSON escapes them, so nothing is lost: parsing gives back the server's exact text.
			expect(JSON.parse(json.stdout)).toEqual(sb.getContact(ids.escapes));
			// The diff draws what is hidden, so taking it out shows as a change (not "Mallory -> Mallory").
			expect(diff.stdout).toMatch(/^~ First name\s+Mallory␛\[2J␛\[31m\s+->\s+Mallory$/m);
			expect(diff.stdout).toMatch(/^ {2}Last name\s+Admin␈␈␈␈␈Root␡<U\+009B>1A␍$/m);
			expect(diff.stdout).toMatch(/^ {2}Salutation\s+Mr<U\+202E>$/m);
		}));
});
