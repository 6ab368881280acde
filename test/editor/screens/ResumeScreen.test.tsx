import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {currentScreen, flowReducer, initialFlowState, type FlowState} from '../../../source/editor/state/flow.js';
import {DISCARDED_NOTICE, LATER_NOTICE, ResumeScreen, resumeQuestion} from '../../../source/editor/screens/ResumeScreen.js';
import {formatTime} from '../../../source/editor/screens/when.js';
import {draftsFor} from '../../../source/editor/store-files.js';
import type {Draft} from '../../../source/store/types.js';
import {frameRows, KEY, renderScreen} from '../helpers/render.js';
import {makeServices} from '../helpers/services.js';

const draft: Draft = {
	profile: 'prod',
	host: 'https://platform.kore.ai',
	streamId: 'st-5a1e0c9d',
	contactId: '667e48f7c8b972fc69100001',
	contactLabel: 'Asha Rao',
	loaded: {
		id: '667e48f7c8b972fc69100001',
		firstName: 'Asha',
		lastName: 'Rao',
		salutation: 'Ms',
		cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: ''},
		updatedAt: '2026-01-09T05:55:58.158Z',
	},
	edits: {lastName: 'Rao-Iyer', phoneNumber: '9550100002'},
	savedAt: '2026-11-27T09:30:00.000Z',
};

const profile = {
	name: 'prod',
	host: 'https://platform.kore.ai',
	accountId: 'acc',
	clientId: 'cs-1',
	clientSecret: 'never-shown-secret',
	protected: false,
};

/** Services with the profile and the draft saved in a real temp settings folder. */
function setup(overrides: Partial<typeof profile> = {}) {
	const services = makeServices();
	services.store.saveProfile({...profile, ...overrides});
	const drafts = draftsFor(services.store);
	drafts.save(draft);
	const start = initialFlowState();
	const state: FlowState = {...start, stack: [...start.stack, {name: 'resume', draft}]};
	return {services, drafts, state};
}

describe('ResumeScreen', () => {
	it('asks about the unsent edit: contact, ID, stream, when, and what was edited', async () => {
		const {services, state} = setup();
		const r = await renderScreen(<ResumeScreen draft={draft} />, {state, services});
		const flat = r.frame().replace(/\s+/g, ' ');
		expect(flat).toContain(
			`Resume your unsent edit of Asha Rao (667e48f7c8b972fc69100001) in stream st-5a1e0c9d, saved ${formatTime(draft.savedAt)} (this edit is`,
		);
		expect(r.frame()).toContain('Profile prod · https://platform.kore.ai');
		expect(r.frame()).toContain('* Last name: Rao → Rao-Iyer');
		expect(r.frame()).toContain('* Phone number: 9550100001 → 9550100002');
		expect(r.frame()).toContain('› Resume');
		expect(r.frame()).toContain('Discard the draft');
		expect(r.frame()).toContain('Later: keep the draft');
		expect(frameRows(r.frame())).toBeLessThan(23);
		await r.unmount();

		const small = await renderScreen(<ResumeScreen draft={draft} />, {state, services, columns: 60, rows: 20});
		expect(frameRows(small.frame())).toBeLessThan(19);
		expect(
			Math.max(
				...small
					.frame()
					.split('\n')
					.map(line => line.length),
			),
		).toBeLessThanOrEqual(60);
		await small.unmount();
	});

	it('says so in one sentence without a label, formats the time as local YYYY-MM-DD HH:MM, and says how old the edit is', () => {
		const now = new Date(draft.savedAt).getTime() + 12 * 60_000 + 30_000;
		expect(resumeQuestion({...draft, contactLabel: undefined}, now)).toMatch(
			/^Resume your unsent edit of 667e48f7c8b972fc69100001 in stream st-5a1e0c9d, saved \d{4}-\d\d-\d\d \d\d:\d\d \(this edit is 12 minutes old\)\?$/,
		);
	});

	it('Resume puts the loaded contact and the edits back, opening on their review (y still sends), with the draft profile as session', async () => {
		const {services, state, drafts} = setup();
		const r = await renderScreen(<ResumeScreen draft={draft} />, {state, services});
		await r.press(KEY.enter);
		const after = r.state();
		expect(after.stack.map(screen => screen.name)).toEqual(['profile', 'stream', 'contact', 'card', 'review']);
		expect(after.session?.profileName).toBe('prod');
		expect(after.streamId).toBe('st-5a1e0c9d');
		expect(after.contact).toEqual(draft.loaded);
		expect(after.edits).toEqual(draft.edits);
		expect(after.notice).toMatch(/^Your unsent edit \(this edit is \d+ (minute|hour|day)s? old\) is back\./);
		// Still on disk until it is sent or discarded.
		expect(drafts.load()?.edits).toEqual(draft.edits);
		await r.unmount();
	});

	it('Discard (last, never under a habitual Down, Enter) removes the draft file; Later and Esc keep it', async () => {
		const discard = setup();
		const r = await renderScreen(<ResumeScreen draft={draft} />, {state: discard.state, services: discard.services});
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		expect(fs.existsSync(discard.drafts.path)).toBe(false);
		expect(currentScreen(r.state()).name).toBe('profile');
		expect(r.state().notice).toBe(DISCARDED_NOTICE);
		await r.unmount();

		for (const keys of [[KEY.down, KEY.enter], [KEY.escape]]) {
			const later = setup();
			const l = await renderScreen(<ResumeScreen draft={draft} />, {state: later.state, services: later.services});
			for (const key of keys) await l.press(key);
			expect(later.drafts.load()).toEqual(draft);
			expect(currentScreen(l.state()).name).toBe('profile');
			expect(l.state().notice).toBe(LATER_NOTICE);
			await l.unmount();
		}
	});

	it('refuses to resume when the profile now points at another host, keeping the draft', async () => {
		const {services, state, drafts} = setup({host: 'https://eu.kore.ai'});
		const r = await renderScreen(<ResumeScreen draft={draft} />, {state, services});
		await r.press(KEY.enter);
		expect(currentScreen(r.state()).name).toBe('resume');
		expect(r.state().contact).toBeUndefined();
		await r.waitFor('nothing was restored');
		expect(r.frame().replace(/\s+/g, ' ')).toContain(
			'The draft was made on https://platform.kore.ai, but profile prod now uses https://eu.kore.ai',
		);
		expect(drafts.load()).toEqual(draft);
		await r.unmount();
	});

	it('asks for the secret when the profile keeps none, then restores the draft', async () => {
		const {services, state} = setup({clientSecret: undefined});
		const r = await renderScreen(<ResumeScreen draft={draft} />, {state, services});
		await r.press(KEY.enter);
		const asking = r.state();
		expect(currentScreen(asking)).toEqual({name: 'secret', profileName: 'prod'});
		expect(asking.resumeDraft).toEqual(draft);
		await r.unmount();

		// What SecretScreen dispatches once the secret is typed: the draft comes back, not the stream screen.
		const session = {
			profileName: 'prod',
			credentials: {host: profile.host, accountId: 'acc', clientId: 'cs-1', clientSecret: 'typed'},
			protected: false,
		};
		const resumed = flowReducer(asking, {type: 'session-ready', session});
		expect(currentScreen(resumed).name).toBe('card');
		expect(resumed.edits).toEqual(draft.edits);
		expect(resumed.resumeDraft).toBeUndefined();
		// Esc on the secret prompt goes back to the question and forgets the pending resume.
		const back = flowReducer(asking, {type: 'back'});
		expect(currentScreen(back).name).toBe('resume');
		expect(back.resumeDraft).toBeUndefined();
	});
});
