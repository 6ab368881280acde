import {describe, expect, it} from 'vitest';
import {profileAddArgs, putArrived, useSandbox} from '../helpers/sandbox.js';
import {runCli, tempDir} from '../helpers/run-cli.js';
import {CONTROL_CHARACTERS, plainContactFrom, puts, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

const update = (sb: ReturnType<typeof sandbox>, contactId: string, flags: string[], env: Record<string, string> = {}) =>
	runCli(['update', '--stream', sb.streamId, '--contact', contactId, ...flags], {env: sandboxEnv(sb, env)});

/** The same, in this process (for cases where the process boundary is not what is tested). */
const updateInProcess = (sb: ReturnType<typeof sandbox>, contactId: string, flags: string[]) =>
	runInProcess(['update', '--stream', sb.streamId, '--contact', contactId, ...flags], {env: sandboxEnv(sb)});

describe('kore-contacts update', () => {
	it('changes every field, shows the diff and body, verifies; and only the named field on its own', async () => {
		const sb = sandbox();
		const all = plainContactFrom(sb, 130).contact; // late in the list: found on the third page
		const one = plainContactFrom(sb, 100).contact;
		const [resultAll, resultOne] = await Promise.all([
			update(sb, all.id, [
				'--first-name',
				'Ada',
				'--last-name',
				'Lovelace',
				'--salutation',
				'Dr',
				'--phone',
				'7700 900-123',
				'--country-code',
				'+44',
				'--extension',
				'+44',
				'--yes',
			]),
			updateInProcess(sb, one.id, ['--last-name', 'Solo', '--yes']),
		]);

		expect(resultAll.stderr).not.toMatch(/\n\s+at /);
		expect(resultAll.code).toBe(0);
		expect(sb.getContact(all.id)).toMatchObject({
			firstName: 'Ada',
			lastName: 'Lovelace',
			fullName: 'Ada Lovelace',
			salutation: 'Dr',
			cellPhone: {phoneNumber: '+447700900123', countryCode: '+44', extension: '+44'},
		});
		expect(puts(sb, all.id)).toHaveLength(1);
		// The diff marks changed rows with '~' so it reads without colour, and the exact body is shown.
		expect(resultAll.stdout).toMatch(/^~ First name\s+.*->\s+Ada$/m);
		expect(resultAll.stdout).toMatch(/^~ Phone number\s+.*->\s+7700900123$/m);
		expect(resultAll.stdout).toContain('"phoneNumber": "7700900123"');
		expect(resultAll.stdout).toContain('Verified: the stored values are the ones sent.');
		expect(resultAll.stdout).not.toMatch(CONTROL_CHARACTERS);

		expect(resultOne.code).toBe(0);
		const after = sb.getContact(one.id)!;
		expect(after.lastName).toBe('Solo');
		expect(after.firstName).toBe(one.firstName);
		expect(after.salutation).toBe(one.salutation);
		expect(after.cellPhone).toEqual(one.cellPhone);
		expect(resultOne.stdout).toMatch(/^ {2}First name\s+/m);
		expect(resultOne.stdout).toMatch(/^~ Last name\s+/m);
	});

	it('splits a pasted E.164 number into country code and digits', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 20);
		const result = await update(sb, contact.id, ['--phone', '+1 (415) 555-0100', '--yes']);
		expect(result.code).toBe(0);
		expect(sb.getContact(contact.id)!.cellPhone).toMatchObject({countryCode: '+1', phoneNumber: '+14155550100'});
		expect(result.stdout).toContain('"countryCode": "+1"');
		expect(result.stdout).toContain('"phoneNumber": "4155550100"');
	});

	it('--dry-run, no change, missing --yes and a bad phone send nothing', async () => {
		const sb = sandbox();
		const dry = plainContactFrom(sb, 25).contact;
		const same = plainContactFrom(sb, 30).contact;
		const noYes = plainContactFrom(sb, 35).contact;
		const badPhone = plainContactFrom(sb, 40).contact;
		const [dryRun, noChange, missingYes, bad, badCode] = await Promise.all([
			update(sb, dry.id, ['--salutation', 'Mx', '--dry-run']),
			updateInProcess(sb, same.id, ['--first-name', String(same.firstName), '--yes']),
			update(sb, noYes.id, ['--first-name', 'Nope']),
			update(sb, badPhone.id, ['--phone', '95501-OOOO1', '--yes']),
			updateInProcess(sb, badPhone.id, ['--country-code', '91', '--yes']),
		]);

		expect(dryRun.code).toBe(0);
		expect(dryRun.stdout).toMatch(/^~ Salutation\s+/m);
		expect(dryRun.stdout).toContain('Dry run: nothing was sent.');
		expect(dryRun.stdout).toContain('curl --request PUT');
		expect(dryRun.stdout).toContain('"auth: $KORE_JWT"');
		expect(sb.getContact(dry.id)).toEqual(dry);

		expect(noChange.code).toBe(0);
		expect(noChange.stdout).toContain('No change');
		expect(sb.getContact(same.id)).toEqual(same);

		expect(missingYes.code).toBe(2);
		expect(missingYes.stderr).toContain('--yes');
		expect(missingYes.stderr).toContain('Nothing was sent');
		expect(sb.getContact(noYes.id)).toEqual(noYes);

		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--phone (Phone number):');
		expect(bad.stderr).toMatch(/digits only/);
		expect(bad.stdout).toBe('');
		expect(badCode.code).toBe(2);
		expect(badCode.stderr).toContain('+91');
		expect(sb.getContact(badPhone.id)).toEqual(badPhone);

		expect(puts(sb)).toEqual([]);
		for (const result of [dryRun, noChange, missingYes, bad, badCode]) expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('refuses with exit 3 when someone else changed the same field after it was read', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 60);
		sb.faults.editAfterRead(contact.id, {lastName: 'Theirs'});
		const result = await update(sb, contact.id, ['--last-name', 'Mine', '--yes', '--json']);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('changed by someone else');
		expect(result.stderr).toMatch(/Last name: ".*" -> "Theirs"/);
		expect(puts(sb)).toEqual([]);
		expect(sb.getContact(contact.id)).toMatchObject({lastName: 'Theirs', firstName: contact.firstName});
		const json = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual(['outcome', 'before', 'after', 'body', 'sent', 'result', 'error']);
		expect(json['outcome']).toBe('conflict');
		expect(json['sent']).toBe(false);
		expect(json['result']).toBeNull();
	});

	it('--json prints one object with the outcome and the error when the send fails, is unknown, or is refused', async () => {
		const sb = sandbox();
		const rejected = plainContactFrom(sb, 80).contact;
		const dropped = plainContactFrom(sb, 85).contact;
		sb.faults.fail(412, {method: 'PUT'});
		const failed = await update(sb, rejected.id, ['--first-name', 'Nope', '--yes', '--json']);
		sb.faults.fail(500, {method: 'PUT'});
		const unknown = await update(sb, dropped.id, ['--first-name', 'Maybe', '--yes', '--json']);
		const refused = await update(sb, dropped.id, ['--first-name', 'Again', '--json']);

		const [a, b, c] = [failed, unknown, refused].map(r => JSON.parse(r.stdout) as {outcome: string; error?: {message: string}});
		expect([failed.code, unknown.code, refused.code]).toEqual([1, 1, 2]);
		expect(a).toMatchObject({outcome: 'failed', sent: false, error: {message: expect.stringMatching(/^Not saved: /)}});
		expect(b).toMatchObject({
			outcome: 'unknown',
			sent: false,
			error: {message: expect.stringMatching(/^The outcome is unknown: /)},
		});
		expect(c).toMatchObject({outcome: 'not-sent', error: {message: expect.stringContaining('--yes')}});
	});

	it('keeps a change someone else made to another field after the read: the body is rebuilt on their copy', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 62);
		sb.faults.editAfterRead(contact.id, {lastName: 'Theirs'});
		const result = await update(sb, contact.id, ['--first-name', 'Mine', '--yes']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Someone else changed Last name after it was read');
		expect(result.stdout).toContain('Verified');
		expect(puts(sb)).toHaveLength(1);
		expect(sb.getContact(contact.id)).toMatchObject({lastName: 'Theirs', firstName: 'Mine'});
	});

	it('--json prints one object: {outcome, before, after, body, sent, result, journalId}', async () => {
		const sb = sandbox();
		const sent = plainContactFrom(sb, 70).contact;
		const dry = plainContactFrom(sb, 75).contact;
		const [sentRun, dryRun] = await Promise.all([
			update(sb, sent.id, ['--last-name', 'Jason', '--yes', '--json']),
			updateInProcess(sb, dry.id, ['--last-name', 'Dryden', '--dry-run', '--json']),
		]);

		expect(sentRun.code).toBe(0);
		const json = JSON.parse(sentRun.stdout);
		expect(Object.keys(json)).toEqual(['outcome', 'before', 'after', 'body', 'sent', 'result', 'journalId']);
		expect(json.outcome).toBe('saved');
		expect(Object.keys(json.before).sort()).toEqual([
			'countryCode',
			'extension',
			'firstName',
			'lastName',
			'phoneNumber',
			'salutation',
		]);
		expect(json.before.lastName).toBe(sent.lastName);
		expect(json.after.lastName).toBe('Jason');
		expect(Object.keys(json.body)).toEqual(['firstName', 'lastName', 'salutation', 'cellPhone']);
		expect(Object.keys(json.body.cellPhone)).toEqual(['phoneNumber', 'countryCode', 'extension']);
		expect(json.sent).toBe(true);
		expect(json.result).toEqual(sb.getContact(sent.id));
		// The human messages went to stderr.
		expect(sentRun.stderr).toContain('Saved');

		expect(dryRun.code).toBe(0);
		const dryJson = JSON.parse(dryRun.stdout);
		expect(dryJson).toMatchObject({sent: false, result: null, after: {lastName: 'Dryden'}});
		expect(sb.getContact(dry.id)).toEqual(dry);
	});

	it('fails with exit 1 and the credentials hint for a wrong secret, without a stack', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 80);
		const result = await update(sb, contact.id, ['--first-name', 'X', '--yes'], {KORE_CLIENT_SECRET: 'wrong-secret-123'});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/did not accept the credentials/);
		expect(result.stderr).toMatch(/Check the host, account ID, client ID and client secret/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(puts(sb)).toEqual([]);
	});

	it('a protected profile needs --confirm-contact with the contact ID', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 85);
		const configDir = tempDir();
		const env = {KORE_CONTACTS_CONFIG_DIR: configDir};
		const added = await runInProcess(profileAddArgs(sb, 'prod', ['--protected']), {env, input: `${sb.clientSecret}\n`});
		expect(added.code).toBe(0);
		const args = ['update', '--stream', sb.streamId, '--contact', contact.id, '--first-name', 'Guarded', '--yes'];
		const [missing, wrong] = await Promise.all([
			runInProcess(args, {env}),
			runInProcess([...args, '--confirm-contact', 'not-the-id'], {env}),
		]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('protected');
		expect(missing.stderr).toContain('--confirm-contact');
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toContain('does not match');
		expect(puts(sb)).toEqual([]);

		const confirmed = await runInProcess([...args, '--confirm-contact', contact.id], {env});
		expect(confirmed.code).toBe(0);
		expect(sb.getContact(contact.id)!.firstName).toBe('Guarded');
	});

	it('Ctrl+C while the PUT is in flight exits 130 and says the outcome is unknown and how to check', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 90);
		sb.faults.latency(8000, {method: 'PUT'});
		const result = await runCli(
			['update', '--stream', sb.streamId, '--contact', contact.id, '--first-name', 'Halfway', '--yes'],
			{
				env: sandboxEnv(sb),
				// Once the PUT is at the server (held there by the latency): before that, nothing was sent
				// and the CLI says so instead (test/kore/network.test.ts covers that moment).
				sigintWhen: ({stderr}) => stderr.includes('Sending the update') && putArrived(sb),
			},
		);
		expect(result.code).toBe(130);
		expect(result.stderr).toContain('may or may not have stored the change');
		expect(result.stderr).toContain(`kore-contacts get --stream ${sb.streamId} --contact ${contact.id}`);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});
