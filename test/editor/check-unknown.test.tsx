/**
 * Status tells the truth: a save whose answer was lost (the sandbox cuts the PUT's response
 * mid-way, after storing it) is "outcome unknown"; "Check this contact now" finds it went through,
 * and from then on the journal, the history, the header and the recent-contact row say so.
 * The whole editor against the sandbox over HTTP, with a real settings folder.
 */
import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import {CHECKED_SAVED} from '../../source/editor/screens/ResultScreen.js';
import {loadDraft} from '../../source/editor/store-files.js';
import {openJournal} from '../../source/store/journal.js';
import {useSandbox} from '../helpers/sandbox.js';
import {KEY, renderInk} from './helpers/render.js';
import {makeServices, sandboxProfile} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 20, rateLimitPerMinute: 0});

describe('Check this contact now', () => {
	it('finds the lost save: journal done (checked), history, header and recent row show the new name', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />, {
			columns: 80,
			rows: 24,
		});
		await r.waitFor('Choose a stream');
		await r.press(KEY.enter);
		await r.waitFor('Find a contact');
		const target = sandbox.contacts()[0]!;
		await r.press(KEY.enter);
		await r.waitFor(`Contact ${target.id}`);

		// Last name → "Truthful", reviewed and sent; the PUT is stored but its answer is cut off.
		await r.press('n');
		await r.waitFor('Edit name');
		await r.press(KEY.tab);
		for (let i = 0; i < String(target.lastName).length; i++) await r.press(KEY.backspace);
		await r.type('Truthful');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (1)');
		await r.press('r');
		await r.waitFor('Review 1 change');
		sandbox.faults.drop({when: 'mid-response', method: 'PUT'});
		await r.press('y');
		await r.waitFor(`Outcome unknown for ${target.id}`, 10_000);
		expect(sandbox.contacts().find(c => c.id === target.id)?.lastName).toBe('Truthful');
		const journal = openJournal(services.store.dir);
		expect(journal.entries({contactId: target.id})[0]?.status).toBe('unknown');
		// Before the check the header still names the contact as loaded.
		expect(r.frame().split('\n')[0]).not.toContain('Truthful');
		expect(loadDraft(services.store)).toBeDefined();

		await r.waitFor('› Check this contact now');
		await r.press(KEY.enter);
		await r.waitFor(`Saved ${target.id}`);
		const saved = r.frame();
		expect(saved.replace(/\s+/g, ' ')).toContain(CHECKED_SAVED);
		expect(saved.split('\n')[0]).toContain(`${String(target.firstName)} Truthful`);
		expect(saved).toContain('Last name     Truthful');

		const entry = journal.entries({contactId: target.id})[0]!;
		expect(entry.status).toBe('done');
		expect(entry.checked).toBe(true);
		// Only one entry: the check recorded the outcome, it did not write again.
		expect(journal.entries({contactId: target.id})).toHaveLength(1);
		expect(sandbox.requests.filter(request => request.method === 'PUT')).toHaveLength(1);
		// The draft was the way back to an edit whose fate was unknown: it is gone now.
		expect(loadDraft(services.store)).toBeUndefined();
		expect(services.store.recentContacts('sandbox', sandbox.streamId)[0]?.label).toBe(`${String(target.firstName)} Truthful`);

		// History says saved.
		await r.press(KEY.end);
		await r.press(KEY.up);
		await r.waitFor('› History / undo');
		await r.press(KEY.enter);
		await r.waitFor(`History of ${target.id}`);
		expect(r.frame()).toContain('saved (checked)');
		// Local time in the row, and how long ago in the highlighted entry's details.
		expect(r.frame()).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d {2}update {2}saved \(checked\)/);
		expect(r.frame()).toMatch(/entry \S+ · just now · by /);
		expect(r.frame()).not.toContain('OUTCOME UNKNOWN');
		await r.press(KEY.escape);
		await r.waitFor(`Saved ${target.id}`);

		// The contact list's recent row shows the stored name.
		await r.press(KEY.escape);
		await r.waitFor('Find a contact');
		const row = r
			.frame()
			.split('\n')
			.find(line => line.includes(target.id) || line.includes('recent'));
		expect(row, r.frame()).toMatch(/Truthful.*recent/);
		await r.unmount();
	});
});
