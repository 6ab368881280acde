/**
 * Journal first, durably: under a real file-size limit (`ulimit -f` in the child's shell) the
 * pending entry does not fit, so nothing is sent and the message says why; the journal is left
 * as it was (no torn line).
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fieldsOf} from '../../source/contact/fields.js';
import {prepareUpdate} from '../../source/core/prepare.js';
import {openJournal} from '../../source/store/journal.js';
import {plainContactFrom, puts, sandboxEnv} from '../commands/helpers.js';
import {cliCommand, collectCli, REPO_ROOT, tempDir} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

/** `ulimit -f` counts blocks of 512 bytes in POSIX sh. */
const BLOCK = 512;
const BLOCKS = 8;

function kcLimited(args: string[], env: Record<string, string>) {
	const child = spawn('sh', ['-c', 'ulimit -f "$1"; shift; exec "$@"', 'sh', String(BLOCKS), ...cliCommand(), ...args], {
		cwd: REPO_ROOT,
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tempDir('kc-home-'), ...env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return collectCli(child, args, {timeoutMs: 30_000});
}

describe('a full journal (file-size limit)', () => {
	it('sends nothing when the pending entry cannot be written whole, says why, and leaves no torn line', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const file = path.join(dir, 'journal.jsonl');
		// An earlier, readable entry, then filler up to 100 bytes below the limit: the new entry (~700 bytes) cannot fit.
		const journal = openJournal(dir);
		const earlier = plainContactFrom(sb, 40).contact;
		journal.begin({
			host: sb.url,
			streamId: sb.streamId,
			contactId: earlier.id,
			before: {firstName: 'a', lastName: 'b', salutation: '', countryCode: '', phoneNumber: '', extension: ''},
			after: {firstName: 'c', lastName: 'b', salutation: '', countryCode: '', phoneNumber: '', extension: ''},
			body: {firstName: 'c', lastName: 'b', salutation: '', cellPhone: {phoneNumber: '', countryCode: '', extension: ''}},
			kind: 'update',
		});
		const room = BLOCK * BLOCKS - 100 - fs.statSync(file).size;
		fs.appendFileSync(file, `${JSON.stringify({note: 'x'.repeat(room - 12)})}\n`);
		const size = fs.statSync(file).size;
		expect(size).toBe(BLOCK * BLOCKS - 100);

		const {contact} = plainContactFrom(sb, 41);
		const result = await kcLimited(
			['update', '--stream', sb.streamId, '--contact', contact.id, '--first-name', 'Never-Sent', '--yes'],
			{...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir},
		);

		expect(result.stderr).toMatch(
			/Nothing was sent: the change could not be written to the change journal .* first \((EFBIG|ESHORTWRITE)\)/,
		);
		expect(result.code).toBe(1);
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(puts(sb)).toEqual([]);
		expect(sb.getContact(contact.id)!.firstName).toBe(contact.firstName);
		// Cut back to where it was: the earlier entry still reads, nothing torn follows it.
		expect(fs.statSync(file).size).toBe(size);
		expect(
			openJournal(dir)
				.entries()
				.map(entry => entry.contactId),
		).toEqual([earlier.id]);
	});

	it('reports a completion that does not fit with the saved outcome; history shows the entry as OUTCOME UNKNOWN', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const file = path.join(dir, 'journal.jsonl');
		const {contact} = plainContactFrom(sb, 45);
		// The pending line's size, measured by writing the same entry elsewhere (id and time are fixed-width).
		const scratch = tempDir();
		const before = fieldsOf(contact);
		const prepared = prepareUpdate({streamId: sb.streamId, loaded: contact, edits: {firstName: 'Fits-Once'}});
		if (!prepared.ok) throw new Error('bad edit');
		openJournal(scratch).begin({
			host: sb.url,
			streamId: sb.streamId,
			contactId: contact.id,
			before,
			after: prepared.update.after,
			body: prepared.update.body,
			kind: 'update',
		});
		const pendingSize = fs.statSync(path.join(scratch, 'journal.jsonl')).size;
		// Room for the pending line and 40 bytes more: the completion (~100 bytes) does not fit.
		const filler = BLOCK * BLOCKS - pendingSize - 40;
		fs.writeFileSync(file, `${JSON.stringify({note: 'x'.repeat(filler - 12)})}\n`);
		expect(fs.statSync(file).size).toBe(filler);

		const result = await kcLimited(
			['update', '--stream', sb.streamId, '--contact', contact.id, '--first-name', 'Fits-Once', '--yes'],
			{...sandboxEnv(sb), KORE_CONTACTS_CONFIG_DIR: dir},
		);

		expect(result.stderr).toMatch(
			/Warning: The outcome could not be written to the change journal .* shows entry \S+ as OUTCOME UNKNOWN/,
		);
		expect(result.stdout).toContain('Saved. The server now stores:');
		expect(result.code).toBe(0);
		expect(sb.getContact(contact.id)!.firstName).toBe('Fits-Once');
		const [entry] = openJournal(dir).entries();
		expect(entry).toMatchObject({contactId: contact.id, status: 'unknown'});
		expect(entry!.completedAt).toBeUndefined();
	});
});
