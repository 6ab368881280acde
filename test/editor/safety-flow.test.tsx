/**
 * The editor's safety work end to end against the sandbox, with a real settings folder: the
 * draft's life-cycle (saved on every edit; removed when sent, discarded or quit away; kept when
 * the window just goes), resuming it on the next start (through the conflict check), --resume
 * without a draft, and history -> undo (journaled as an undo).
 */
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {contactName} from '../../source/contact/display.js';
import {Editor} from '../../source/editor/editor.js';
import {NO_DRAFT_NOTICE} from '../../source/editor/initial-state.js';
import type {EditorServices} from '../../source/editor/services.js';
import {openDrafts} from '../../source/store/drafts.js';
import {openJournal} from '../../source/store/journal.js';
import {openStore} from '../../source/store/config.js';
import {shortId} from '../../source/core/undo.js';
import {useSandbox} from '../helpers/sandbox.js';
import {frameRows, KEY, renderInk, type Rendered} from './helpers/render.js';
import {sandboxProfile, tempConfigDir, testClient} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 30, rateLimitPerMinute: 0});

/** The n-th contact with a phone the server accepts back as it is, and a plain name. */
function plainContact(n: number): Contact {
	const usable = getSandbox()
		.contacts()
		.filter(
			c =>
				c.status === 'ACTIVE' &&
				/^\+\d{1,4}$/.test(String(c.cellPhone?.countryCode ?? '')) &&
				/^[A-Za-z]{2,12}$/.test(String(c.firstName)),
		);
	return usable[n]!;
}

/** A settings folder with the sandbox profile and its stream remembered; a fresh store each call (a new process). */
function servicesFor(configDir: string, extra: Partial<EditorServices> = {}): EditorServices {
	const store = openStore({configDir, env: {}});
	return {
		store,
		env: {},
		color: false,
		createClient: (credentials, hooks) => testClient(credentials, hooks),
		initialProfile: 'sandbox',
		...extra,
	};
}

function setupFolder(): string {
	const configDir = tempConfigDir();
	const store = openStore({configDir, env: {}});
	store.saveProfile(sandboxProfile(getSandbox()));
	store.rememberStream('sandbox', getSandbox().streamId, 'sandbox');
	return configDir;
}

async function start(configDir: string, extra: Partial<EditorServices> = {}) {
	const codes: number[] = [];
	const r = await renderInk(<Editor services={servicesFor(configDir, extra)} onExit={code => codes.push(code)} />, {
		columns: 80,
		rows: 24,
	});
	return {r, codes};
}

/** Stream screen -> the contact list -> the contact with this ID (typed and looked up). */
async function openContact(r: Rendered, contact: Contact): Promise<void> {
	await r.waitFor('› sandbox');
	await r.press(KEY.enter);
	await r.waitFor(/\d+ of 30 loaded/);
	await r.paste(contact.id);
	await r.waitFor(new RegExp(`› .*${contact.id}`));
	await r.press(KEY.enter);
	await r.waitFor(`Contact ${contact.id}`);
}

/** Card -> Name form: appends text to the first name and submits. */
async function appendToFirstName(r: Rendered, text: string): Promise<void> {
	await r.press(KEY.home);
	await r.press(KEY.enter);
	await r.waitFor('Edit name');
	// End first: the prefilled name is edited in place, not replaced.
	await r.press(KEY.end);
	await r.paste(text);
	await r.press(KEY.enter);
	await r.waitFor(/Review changes \(1\)/);
}

/** Card -> Review -> send; waits for the result. */
async function reviewAndSend(r: Rendered): Promise<void> {
	await r.press(KEY.end);
	await r.press(KEY.up);
	await r.press(KEY.up);
	await r.press(KEY.up);
	await r.waitFor('› Review changes');
	await r.press(KEY.enter);
	await r.waitFor('y send');
	await r.press('y');
}

describe('drafts in the editor', () => {
	it('are saved on every edit and removed once sent, discarded, or quit away', async () => {
		const sandbox = getSandbox();
		const contact = plainContact(0);
		const configDir = setupFolder();
		const drafts = openDrafts(configDir);
		const {r, codes} = await start(configDir);
		await openContact(r, contact);
		expect(fs.existsSync(drafts.path)).toBe(false);

		await appendToFirstName(r, 'zz');
		const saved = drafts.load();
		expect(saved).toMatchObject({
			profile: 'sandbox',
			host: sandbox.url,
			streamId: sandbox.streamId,
			contactId: contact.id,
			edits: {firstName: `${String(contact.firstName)}zz`},
		});
		expect(saved?.loaded).toEqual(contact);
		expect((fs.statSync(drafts.path).mode & 0o777).toString(8)).toBe('600');
		expect(fs.readFileSync(drafts.path, 'utf8')).not.toContain(sandbox.clientSecret);

		// Sent: removed.
		await reviewAndSend(r);
		await r.waitFor(`Saved ${contact.id}`, 8000);
		expect(sandbox.getContact(contact.id)?.firstName).toBe(`${String(contact.firstName)}zz`);
		expect(fs.existsSync(drafts.path)).toBe(false);

		// Edit again, then discard: removed.
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		await appendToFirstName(r, 'yy');
		expect(drafts.load()?.edits).toEqual({firstName: `${String(contact.firstName)}zzyy`});
		await r.press(KEY.down);
		await r.waitFor('› Discard changes');
		await r.press(KEY.enter);
		await r.press('y');
		await r.waitFor('Changes discarded.');
		expect(fs.existsSync(drafts.path)).toBe(false);

		// Edit, then Ctrl+C and "y, lose them": removed.
		await appendToFirstName(r, 'xx');
		expect(fs.existsSync(drafts.path)).toBe(true);
		await r.press(KEY.ctrlC);
		await r.waitFor('Quit and lose the unsaved edits?');
		await r.press('y');
		expect(codes).toEqual([130]);
		expect(fs.existsSync(drafts.path)).toBe(false);
		await r.unmount();
	});

	it('survive the window going away and are offered on the next start; resuming goes through the conflict check', async () => {
		const sandbox = getSandbox();
		const contact = plainContact(1);
		const configDir = setupFolder();
		const first = await start(configDir);
		await openContact(first.r, contact);
		await appendToFirstName(first.r, 'Draft');
		// The terminal goes (SIGHUP unmounts the app without a quit): the draft stays.
		await first.r.unmount();
		expect(first.codes).toEqual([]);
		expect(openDrafts(configDir).load()?.edits).toEqual({firstName: `${String(contact.firstName)}Draft`});

		// Meanwhile someone else changes another field.
		sandbox.editContact(contact.id, {lastName: 'Colleague'});

		const second = await start(configDir);
		const {r} = second;
		const frame = await r.waitFor('Unsent edit found');
		expect(frame.replace(/\s+/g, ' ')).toContain(
			`Resume your unsent edit of ${contactName(contact)} (${contact.id}) in stream ${sandbox.streamId}, saved `,
		);
		expect(frameRows(frame)).toBeLessThan(24);
		await r.press(KEY.enter);
		// It opens on the review of the draft, saying how old it is; only y sends.
		await r.waitFor(`Review 1 change to ${contact.id}`);
		expect(r.frame()).toContain(`"firstName": "${String(contact.firstName)}Draft"`);
		expect(r.frame()).toMatch(/Your unsent edit \(this edit is \d+ minutes? old\) is back/);
		expect(r.frame().split('\n')[0]).toContain(`sandbox · ${sandbox.url.replace('http://', '')}`);

		// Sending re-reads the contact first: another field changed, so the edit is made on that copy.
		await r.press('y');
		await r.waitFor(`Saved ${contact.id}`, 8000);
		expect(r.frame().replace(/\s+/g, ' ')).toContain('Someone else changed Last name meanwhile');
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(1);
		expect(sandbox.getContact(contact.id)).toMatchObject({firstName: `${String(contact.firstName)}Draft`, lastName: 'Colleague'});
		expect(openDrafts(configDir).load()).toBeUndefined();
		await r.unmount();

		// The next start goes straight to the stream screen.
		const third = await start(configDir);
		await third.r.waitFor('› sandbox');
		expect(third.r.frame()).not.toContain('Unsent edit');
		await third.r.unmount();
	});

	it('--resume without a draft says so on the first screen; demo mode never offers one', async () => {
		const configDir = setupFolder();
		const {r} = await start(configDir, {resume: true});
		await r.waitFor('› sandbox');
		expect(r.frame().replace(/\s+/g, ' ')).toContain(NO_DRAFT_NOTICE);
		await r.unmount();

		openDrafts(configDir).save({
			profile: 'sandbox',
			host: getSandbox().url,
			streamId: getSandbox().streamId,
			contactId: 'x1',
			loaded: {id: 'x1', firstName: 'A'},
			edits: {firstName: 'B'},
		});
		const demo = await start(configDir, {demo: {banner: 'DEMO test'}});
		await demo.r.waitFor('› sandbox');
		expect(demo.r.frame()).not.toContain('Unsent edit');
		await demo.r.unmount();
	});
});

describe('history and undo in the editor', () => {
	it('undoes the last save from the result screen: review marked UNDO, the sandbox holds the before values, journaled as an undo', async () => {
		const sandbox = getSandbox();
		const contact = plainContact(2);
		const configDir = setupFolder();
		const {r} = await start(configDir);
		await openContact(r, contact);
		await appendToFirstName(r, 'Oops');
		await reviewAndSend(r);
		await r.waitFor(`Saved ${contact.id}`, 8000);
		expect(sandbox.getContact(contact.id)?.firstName).toBe(`${String(contact.firstName)}Oops`);
		const journal = openJournal(configDir);
		const [update] = journal.entries({contactId: contact.id});
		expect(update).toMatchObject({kind: 'update', status: 'done', profile: 'sandbox', host: sandbox.url});

		// Result -> History / undo.
		await r.press(KEY.end);
		await r.press(KEY.up);
		await r.waitFor('› History / undo');
		await r.press(KEY.enter);
		await r.waitFor(`History of ${contact.id}`);
		expect(r.frame()).toMatch(/› .*update {2}saved {10} {2}First name/);
		expect(frameRows(r.frame())).toBeLessThan(24);
		await r.press(KEY.enter);
		await r.waitFor(`before entry ${shortId(update!.id)}`, 8000);
		expect(r.frame()).toContain(`"firstName": "${String(contact.firstName)}"`);
		await r.press('y');
		await r.waitFor(`Undone: entry ${shortId(update!.id)} reverted on ${contact.id}`, 8000);
		expect(sandbox.getContact(contact.id)?.firstName).toBe(contact.firstName);

		const [undo] = journal.entries({contactId: contact.id});
		expect(undo).toMatchObject({kind: 'undo', undoOf: update!.id, status: 'done'});
		expect(undo!.after.firstName).toBe(contact.firstName);

		// The history now shows both, the update marked as undone.
		await r.press(KEY.end);
		await r.press(KEY.up);
		await r.press(KEY.enter);
		await r.waitFor('2 writes from this machine');
		expect(r.frame()).toMatch(/undo {4}saved/);
		expect(r.frame()).toMatch(/update {2}saved, undone/);
		await r.unmount();
	});

	it('from the card: refuses while the contact changed since that write unless "undo anyway"', async () => {
		const sandbox = getSandbox();
		const contact = plainContact(3);
		const configDir = setupFolder();
		const {r} = await start(configDir);
		await openContact(r, contact);
		await appendToFirstName(r, 'Mine');
		await reviewAndSend(r);
		await r.waitFor(`Saved ${contact.id}`, 8000);
		sandbox.editContact(contact.id, {lastName: 'Later'});

		// Result -> edit this contact again -> the card's History / undo.
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		await r.press(KEY.end);
		await r.press(KEY.up);
		await r.waitFor('› History / undo');
		await r.press(KEY.enter);
		await r.waitFor(`History of ${contact.id}`);
		await r.press(KEY.enter);
		await r.waitFor('Changed since entry', 8000);
		expect(r.frame()).toContain(`Last name: that write stored ${String(contact.lastName)}, now Later (kept)`);
		expect(sandbox.requests.filter(q => q.method === 'PUT')).toHaveLength(1);
		expect(r.frame()).toContain('› Back to the history');
		await r.press(KEY.down);
		await r.waitFor('› Undo anyway');
		await r.press(KEY.enter);
		await r.waitFor('UNDO: review');
		await r.press('y');
		await r.waitFor('Undone: entry', 8000);
		// Only the field that write changed goes back; the later change to another field stays.
		expect(sandbox.getContact(contact.id)).toMatchObject({firstName: contact.firstName, lastName: 'Later'});
		await r.unmount();
	});
});
