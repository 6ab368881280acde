/**
 * Reliability matrix, terminal rows (issue 7), in a real pseudo-terminal (tmux, test/helpers/pty.ts):
 * Ctrl+C and its exit code, Ctrl+C during the PUT, SIGTERM and SIGHUP. The real CLI
 * (the bundle, dist/cli.js) against this file's sandbox, with a real settings folder;
 * afterwards the terminal must be back in cooked mode with echo and a visible cursor.
 */
import {describe, expect, it} from 'vitest';
import {openDrafts} from '../../source/store/drafts.js';
import {openJournal} from '../../source/store/journal.js';
import {chooseMenuItem as choose, eventually} from '../helpers/pty.js';
import {putArrived, useSandbox} from '../helpers/sandbox.js';
import {expectTerminalRestored, usePtyCli, type Run} from './pty-session.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});
const {start} = usePtyCli(getSandbox);

/** The first contact's card with `typed` added to its last name (one unsaved edit); `card` is the card as first shown. */
async function startWithEdit(typed: string): Promise<{r: Run; card: string}> {
	const r = await start(['--profile', 'sandbox']);
	await r.term.waitFor('› bot');
	await r.term.key('Enter');
	await r.term.waitFor('30 of 30 loaded');
	await r.term.key('Enter');
	const card = await r.term.waitFor('Review changes (0)');
	// End first: added to the prefilled last name, not replacing it.
	await r.term.send('\r\t');
	await r.term.key('End');
	await r.term.send(`${typed}\r`);
	await r.term.waitFor('Review changes (1)');
	return {r, card};
}

describe('terminal: Ctrl+C and signals in the real process', () => {
	it('Ctrl+C with an unsaved edit asks first, "n" stays, "y" exits 130 and leaves the terminal restored', {
		timeout: 30_000,
	}, async () => {
		const {r} = await startWithEdit('zz');
		await r.term.key('C-c');
		await r.term.waitFor('Quit and lose the unsaved edits? y quits · n stays');
		await r.term.send('n');
		await r.term.waitFor('Ctrl+C quit');
		expect(await r.term.exitCode()).toBeUndefined();
		await r.term.key('C-c');
		await r.term.waitFor('Quit and lose the unsaved edits?');
		await r.term.send('y');
		expect(await r.exit()).toBe(130);
		await expectTerminalRestored(r);
	});

	it('Ctrl+C during the PUT: aborted, the operator is told the outcome is unknown and how to check; the journal says unknown, the draft is kept', {
		timeout: 40_000,
	}, async () => {
		const sandbox = getSandbox();
		const r = await start(['--profile', 'sandbox']);
		await r.term.waitFor('› bot');
		await r.term.key('Enter');
		await r.term.waitFor('30 of 30 loaded');
		await r.term.key('Down', 2);
		await r.term.waitFor(/^› Beatr/m);
		await r.term.key('Enter');
		const card = await r.term.waitFor('Review changes (0)');
		const id = /Contact (\w+)/.exec(card)?.[1];
		expect(id).toBeDefined();
		await r.term.send('\r\t');
		await r.term.key('End');
		await r.term.send('X\r');
		await r.term.waitFor('Review changes (1)');
		await choose(r.term, 'Review changes');
		await r.term.key('Enter');
		await r.term.waitFor('y send');
		const before = sandbox.getContact(id!);

		sandbox.faults.latency(3000, {method: 'PUT'});
		sandbox.requests.length = 0;
		const putAt = Date.now();
		await r.term.send('y');
		await r.term.waitFor('Saving (PUT)…');
		// Once the PUT is at the server: before it leaves, a cancel is a known "nothing was sent".
		await eventually(async () => expect(putArrived(sandbox)).toBe(true));
		await r.term.key('C-c');
		const screen = (await r.term.waitFor(`Outcome unknown for ${id!}`)).replace(/\s+/g, ' ');
		expect(screen).toContain('may or may not have stored the change');
		expect(screen).toContain(`kore-contacts get --stream ${sandbox.streamId} --contact ${id!}`);
		expect(await r.term.exitCode(), 'Ctrl+C during the PUT does not quit').toBeUndefined();

		// The journal records one attempt, its outcome unknown; the draft stays for a retry.
		const entries = openJournal(r.configDir).entries({contactId: id!});
		expect(entries.map(e => e.status)).toEqual(['unknown']);
		expect(openDrafts(r.configDir).load()?.edits).toMatchObject({lastName: `${String(before?.lastName)}X`});

		await r.term.key('C-c');
		expect(await r.exit()).toBe(130);
		await expectTerminalRestored(r);

		// Once the held-back PUT would have been answered: the sandbox never completed it (the
		// client hung up) and nothing was sent again behind the operator's back.
		expect(sandbox.faults.pending()).toEqual([]);
		await new Promise(resolve => {
			setTimeout(resolve, Math.max(0, putAt + 3500 - Date.now()));
		});
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toEqual([]);
		expect(sandbox.getContact(id!)).toEqual(before);
	});

	it('SIGTERM with an edit on the card: ends promptly with 143, terminal restored, the draft kept and resumable', {
		timeout: 45_000,
	}, async () => {
		const {r, card} = await startWithEdit('Termed');
		const id = /Contact (\w+)/.exec(card)?.[1];

		const sent = Date.now();
		process.kill(await r.commandPid(), 'SIGTERM');
		expect(await r.exit(5000)).toBe(143);
		// "Promptly": well inside the 2 s the editor allows itself to take its frame down, plus slack.
		expect(Date.now() - sent).toBeLessThan(4000);
		await expectTerminalRestored(r);
		const draft = openDrafts(r.configDir).load();
		expect(draft?.contactId).toBe(id);
		expect(draft?.edits).toMatchObject({lastName: 'doeTermed'});
		await r.term.kill();

		// The next session offers it back.
		const again = await start(['--resume'], {configDir: r.configDir});
		await again.term.waitFor(/doeTermed/, 20_000);
		await again.term.key('C-c');
		expect(await again.exit()).toBe(130);
	});

	it('SIGHUP (the SSH connection dropped) with an edit: ends with 129, the draft kept', {timeout: 30_000}, async () => {
		const {r} = await startWithEdit('Hup');
		const sent = Date.now();
		process.kill(await r.commandPid(), 'SIGHUP');
		expect(await r.exit(5000)).toBe(129);
		expect(Date.now() - sent).toBeLessThan(4000);
		await expectTerminalRestored(r);
		expect(openDrafts(r.configDir).load()?.edits).toMatchObject({lastName: 'doeHup'});
	});
});
