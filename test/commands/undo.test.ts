import {describe, expect, it} from 'vitest';
import type {UndoJson} from '../../source/commands/undo.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {openStore} from '../../source/store/config.js';
import type {JournalEntry} from '../../source/store/types.js';
import {runCli, tempDir, type CliResult} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {CONTROL_CHARACTERS, plainContactFrom, puts, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const SECRET = 'undo-secret-never-print-Vb81kq';
const sandbox = useSandbox({rateLimitPerMinute: 0, clientSecret: SECRET});
const outputs: CliResult[] = [];

/** Runs in this process with the sandbox's credentials and this settings folder; keeps the output for the secrets check. */
async function kc(sb: Sandbox, dir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	const result = await runInProcess(args, {env: {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir, ...env}});
	outputs.push(result);
	return result;
}

async function history(sb: Sandbox, dir: string): Promise<JournalEntry[]> {
	return JSON.parse((await kc(sb, dir, ['history', '--json'])).stdout) as JournalEntry[];
}

/** An update through the CLI; returns the contact and its journal entry. */
async function updated(sb: Sandbox, dir: string, from: number, flags: string[]) {
	const {contact} = plainContactFrom(sb, from);
	const result = await kc(sb, dir, ['update', '--stream', sb.streamId, '--contact', contact.id, ...flags, '--yes']);
	expect(result.code, result.stderr).toBe(0);
	const [entry] = await history(sb, dir);
	expect(entry!.contactId).toBe(contact.id);
	return {contact, entry: entry!};
}

describe('kore-contacts undo', () => {
	it('puts the before values back (by a prefix of the entry ID) and journals the undo', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const {contact, entry} = await updated(sb, dir, 10, ['--last-name', 'Undo-Me', '--phone', '+44 20 7946 0958']);
		expect(sb.getContact(contact.id)!.lastName).toBe('Undo-Me');

		const result = await runCli(['undo', entry.id.slice(0, 10), '--yes', '--json'], {
			env: {...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir},
		});
		outputs.push(result);
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as UndoJson;
		expect(Object.keys(json)).toEqual(['outcome', 'entry', 'before', 'after', 'body', 'sent', 'result', 'journalId']);
		expect(json.outcome).toBe('saved');
		expect(json.entry.id).toBe(entry.id);
		expect(json.before).toEqual(entry.after);
		expect(json.after).toEqual(entry.before);
		expect(json.sent).toBe(true);
		expect(json.result?.lastName).toBe(contact.lastName);
		// The human text went to stderr: what is restored and the exact body.
		expect(result.stderr).toMatch(/^~ Last name\s+Undo-Me\s+->/m);
		expect(result.stderr).toContain('"lastName":');

		const stored = sb.getContact(contact.id)!;
		expect(stored.lastName).toBe(contact.lastName);
		expect(stored.cellPhone).toEqual(contact.cellPhone);
		const [undo] = await history(sb, dir);
		expect(undo).toMatchObject({
			kind: 'undo',
			undoOf: entry.id,
			status: 'done',
			contactId: contact.id,
			before: entry.after,
			after: entry.before,
		});
	});

	it('refuses with exit 3 and the fields changed since, when someone changed the contact; --force goes on', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const {contact, entry} = await updated(sb, dir, 20, ['--last-name', 'Mine']);
		sb.editContact(contact.id, {firstName: 'Colleague'});
		const putsBefore = puts(sb, contact.id).length;

		const refused = await kc(sb, dir, ['undo', entry.id, '--yes', '--json']);
		expect(refused.code).toBe(3);
		expect(refused.stderr).toContain(`Contact ${contact.id} was changed after entry ${entry.id} was written.`);
		expect(refused.stderr).toMatch(/First name: ".*" -> "Colleague"/);
		expect(refused.stderr).toContain('--force');
		expect(JSON.parse(refused.stdout)).toMatchObject({sent: false, result: null});
		expect(puts(sb, contact.id)).toHaveLength(putsBefore);

		const forced = await kc(sb, dir, ['undo', entry.id, '--yes', '--force']);
		expect(forced.code, forced.stderr).toBe(0);
		expect(sb.getContact(contact.id)).toMatchObject({lastName: contact.lastName, firstName: 'Colleague'});
		expect((await history(sb, dir))[0]).toMatchObject({kind: 'undo', undoOf: entry.id, status: 'done'});
	});

	it('--dry-run shows the restore and the curl and sends nothing; without ENTRY it takes the latest update', async () => {
		const sb = sandbox();
		const dir = tempDir();
		await updated(sb, dir, 30, ['--salutation', 'Mx']);
		const {contact, entry} = await updated(sb, dir, 35, ['--first-name', 'Latest']);
		const putsBefore = puts(sb).length;

		const dry = await kc(sb, dir, ['undo', '--dry-run']);
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toContain(`entry ${entry.id}`);
		expect(dry.stdout).toMatch(/^~ First name\s+Latest\s+->/m);
		expect(dry.stdout).toContain('Dry run: nothing was sent.');
		expect(dry.stdout).toContain('"auth: $KORE_JWT"');
		expect(puts(sb)).toHaveLength(putsBefore);
		expect(sb.getContact(contact.id)!.firstName).toBe('Latest');
		expect(await history(sb, dir)).toHaveLength(2);

		// Undo twice without ENTRY walks back: the latest, then the one before it; then nothing is left.
		expect((await kc(sb, dir, ['undo', '--yes'])).code).toBe(0);
		expect(sb.getContact(contact.id)!.firstName).toBe(contact.firstName);
		const second = await kc(sb, dir, ['undo', '--yes']);
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(/^~ Salutation\s+Mx\s+->/m);
		const third = await kc(sb, dir, ['undo', '--yes']);
		expect(third.code).toBe(2);
		expect(third.stderr).toMatch(
			/^Nothing to undo: the change journal has no update for http:\/\/127\.0\.0\.1:\d+ that is not undone already/,
		);
	});

	it('says when ENTRY is unknown, ambiguous or too short (exit 2, nothing read or sent)', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const first = await updated(sb, dir, 40, ['--last-name', 'One']);
		const second = await updated(sb, dir, 45, ['--last-name', 'Two']);
		let common = 0;
		while (first.entry.id[common] === second.entry.id[common]) common++;
		const shared = first.entry.id.slice(0, Math.max(4, common));
		sb.requests.length = 0;

		const [ambiguous, unknown, short] = await Promise.all([
			kc(sb, dir, ['undo', shared, '--yes']),
			kc(sb, dir, ['undo', 'zzzzzzzz', '--yes']),
			kc(sb, dir, ['undo', 'zz', '--yes']),
		]);
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toMatch(
			new RegExp(`^Nothing was sent: "${shared}" matches 2 journal entries \\(.*\\); give more characters of the ID\\.`),
		);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toBe(
			'Nothing was sent: no journal entry has an ID starting with "zzzzzzzz". See `kore-contacts history` for the IDs.\n',
		);
		expect(short.code).toBe(2);
		expect(short.stderr).toContain('give at least 4 characters');
		expect(sb.requests).toEqual([]);
	});

	it("refuses a failed entry, another host's entry, and sending without --yes when there is no terminal", async () => {
		const sb = sandbox();
		const dir = tempDir();
		const {contact} = plainContactFrom(sb, 50);
		sb.faults.fail(412, {method: 'PUT'});
		const failing = await kc(sb, dir, [
			'update',
			'--stream',
			sb.streamId,
			'--contact',
			contact.id,
			'--first-name',
			'Nope',
			'--yes',
		]);
		expect(failing.code).toBe(1);
		expect(failing.stderr).toContain('The change journal records it as failed');
		const [failed] = await history(sb, dir);
		expect(failed).toMatchObject({status: 'failed', httpStatus: 412});

		const {entry} = await updated(sb, dir, 55, ['--last-name', 'Host-Check']);
		const [onFailed, otherHost, noYes] = await Promise.all([
			kc(sb, dir, ['undo', failed!.id, '--yes']),
			kc(sb, dir, ['undo', entry.id, '--yes'], {KORE_HOST: sb.url.replace('127.0.0.1', 'localhost')}),
			kc(sb, dir, ['undo', entry.id]),
		]);
		expect(onFailed.code).toBe(2);
		expect(onFailed.stderr).toMatch(/failed \(HTTP 412\): that update changed nothing, so there is nothing to undo/);
		expect(otherHost.code).toBe(2);
		expect(otherHost.stderr).toMatch(
			/was written to http:\/\/127\.0\.0\.1:\d+, but these credentials are for http:\/\/localhost:\d+/,
		);
		expect(noYes.code).toBe(2);
		expect(noYes.stderr).toContain('Add --yes');
		expect(sb.getContact(entry.contactId)!.lastName).toBe('Host-Check');
	});

	it('on a protected profile needs --yes plus --confirm-contact with the contact ID', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const store = openStore({configDir: dir});
		store.saveProfile({
			name: 'prod',
			host: sb.url,
			accountId: sb.accountId,
			clientId: sb.clientId,
			clientSecret: sb.clientSecret,
			protected: true,
		});
		const {contact} = plainContactFrom(sb, 60);
		const update = await kc(
			sb,
			dir,
			[
				'--profile',
				'prod',
				'update',
				'--stream',
				sb.streamId,
				'--contact',
				contact.id,
				'--salutation',
				'Dr',
				'--yes',
				'--confirm-contact',
				contact.id,
			],
			{
				KORE_HOST: '',
				KORE_ACCOUNT_ID: '',
				KORE_CLIENT_ID: '',
				KORE_CLIENT_SECRET: '',
			},
		);
		expect(update.code, update.stderr).toBe(0);
		const [entry] = await history(sb, dir);
		expect(entry).toMatchObject({profile: 'prod', contactId: contact.id});
		// update remembered the stream and the contact for the profile.
		expect(
			openStore({configDir: dir})
				.recentStreams('prod')
				.map(s => s.id),
		).toEqual([sb.streamId]);
		expect(
			openStore({configDir: dir})
				.recentContacts('prod', sb.streamId)
				.map(c => c.id),
		).toEqual([contact.id]);

		const profileEnv = {KORE_HOST: '', KORE_ACCOUNT_ID: '', KORE_CLIENT_ID: '', KORE_CLIENT_SECRET: '', KORE_PROFILE: 'prod'};
		const [unconfirmed, wrong] = await Promise.all([
			kc(sb, dir, ['undo', entry!.id, '--yes'], profileEnv),
			kc(sb, dir, ['undo', entry!.id, '--yes', '--confirm-contact', 'someone-else'], profileEnv),
		]);
		expect(unconfirmed.code).toBe(2);
		expect(unconfirmed.stderr).toContain('Profile "prod" is protected. Repeat the contact ID with --confirm-contact to send.');
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toContain('--confirm-contact does not match');
		expect(sb.getContact(contact.id)!.salutation).toBe('Dr');

		const confirmed = await kc(sb, dir, ['undo', entry!.id, '--yes', '--confirm-contact', contact.id], profileEnv);
		expect(confirmed.code, confirmed.stderr).toBe(0);
		expect(sb.getContact(contact.id)!.salutation ?? '').toBe(contact.salutation ?? '');
		expect((await history(sb, dir))[0]).toMatchObject({kind: 'undo', profile: 'prod'});
	});

	it('never prints the client secret, a JWT or control characters', () => {
		expect(outputs.length).toBeGreaterThan(20);
		const all = outputs.map(r => r.stdout + r.stderr).join('\n');
		expect(all).not.toContain(SECRET);
		expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
		for (const r of outputs) expect(r.stdout.replaceAll('\t', ' ')).not.toMatch(CONTROL_CHARACTERS);
	});
});
