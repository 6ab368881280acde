import {describe, expect, it} from 'vitest';
import type {Contact, ContactPage} from '../../../source/contact/contact.js';
import {currentFields, editedFields} from '../../../source/editor/state/edit-session.js';
import {
	currentScreen,
	flowReducer,
	initialFlowState,
	isDirty,
	type FlowAction,
	type FlowState,
} from '../../../source/editor/state/flow.js';
import type {Session} from '../../../source/editor/state/navigation.js';

const session: Session = {
	profileName: 'prod',
	credentials: {host: 'platform.kore.ai', accountId: 'acc', clientId: 'cs-1', clientSecret: 's3cret-value'},
	protected: false,
};

const contact: Contact = {
	id: '667e48f7c8b972fc69100001',
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
	updatedAt: '2026-01-09T05:55:58.158Z',
};

const page: ContactPage = {results: [contact], skip: 0, limit: 50, hasMore: true, totalResults: 120};

function run(state: FlowState, ...actions: FlowAction[]): FlowState {
	return actions.reduce(flowReducer, state);
}

/** The item the card highlights when it is on top. */
function focusOf(state: FlowState): string | undefined {
	const top = currentScreen(state);
	return top.name === 'card' ? top.focus : undefined;
}

function names(state: FlowState): string[] {
	return state.stack.map(screen => screen.name);
}

/** Profile chosen, stream open, contact loaded: the card shows. */
function atCard(): FlowState {
	return run(
		initialFlowState(),
		{type: 'session-ready', session},
		{type: 'stream-ready', streamId: 'st-1', page},
		{type: 'contact-loaded', contact},
	);
}

describe('flow: the screen stack', () => {
	it('starts at the profile screen, or at the stream screen with a session', () => {
		expect(names(initialFlowState())).toEqual(['profile']);
		const state = initialFlowState({session});
		expect(names(state)).toEqual(['profile', 'stream']);
		expect(state.session).toBe(session);
	});

	it('walks profile -> stream -> contact -> card and Esc goes back one step at a time', () => {
		let state = atCard();
		expect(names(state)).toEqual(['profile', 'stream', 'contact', 'card']);
		expect(state.list?.contacts).toHaveLength(1);
		expect(state.list).toMatchObject({total: 120, hasMore: true, nextSkip: 1});

		state = flowReducer(state, {type: 'back'});
		expect(currentScreen(state).name).toBe('contact');
		expect(state.contact).toBeUndefined();
		state = flowReducer(state, {type: 'back'});
		expect(currentScreen(state).name).toBe('stream');
		expect(state.streamId).toBeUndefined();
		expect(state.list).toBeUndefined();
		state = flowReducer(state, {type: 'back'});
		expect(names(state)).toEqual(['profile']);
		expect(state.session).toBeUndefined();
		// At the root, back does nothing (but clears a message).
		state = run(state, {type: 'error', error: {message: 'x'}}, {type: 'back'});
		expect(names(state)).toEqual(['profile']);
		expect(state.error).toBeUndefined();
	});

	it('opening a screen clears the previous error', () => {
		const state = run(atCard(), {type: 'error', error: {message: 'boom'}}, {type: 'open', screen: {name: 'name'}});
		expect(currentScreen(state).name).toBe('name');
		expect(state.error).toBeUndefined();
	});

	it('appends further pages without duplicates and tracks where the next page starts', () => {
		const second: Contact = {...contact, id: 'second'};
		const state = run(
			atCard(),
			{type: 'back'},
			{type: 'page-loaded', page: {results: [contact, second], skip: 1, limit: 50, hasMore: false}},
		);
		expect(state.list?.contacts.map(c => c.id)).toEqual([contact.id, 'second']);
		expect(state.list).toMatchObject({hasMore: false, nextSkip: 3, total: 120});
	});
});

describe('flow: edits', () => {
	it('keeps only edits that differ from the loaded contact and returns to the card', () => {
		let state = run(
			atCard(),
			{type: 'open', screen: {name: 'name'}},
			{type: 'edit', fields: {firstName: 'John', lastName: 'doe'}},
		);
		expect(currentScreen(state).name).toBe('card');
		expect(state.edits).toEqual({firstName: 'John'});
		expect(editedFields(state)).toEqual(['firstName']);
		expect(currentFields(state)).toMatchObject({
			firstName: 'John',
			lastName: 'doe',
			phoneNumber: '9550100001',
			countryCode: '+91',
		});
		expect(isDirty(state)).toBe(true);

		// Typing the old value back un-edits the field.
		state = flowReducer(state, {type: 'edit', fields: {firstName: 'john'}});
		expect(state.edits).toEqual({});
		expect(isDirty(state)).toBe(false);
	});

	it('discard drops every edit and says so', () => {
		const state = run(atCard(), {type: 'edit', fields: {salutation: 'Dr'}}, {type: 'discard'});
		expect(state.edits).toEqual({});
		expect(state.notice).toMatch(/discarded/i);
	});

	it('discard with nothing changed says there was nothing to discard', () => {
		expect(run(atCard(), {type: 'discard'}).notice).toBe('Nothing to discard: no field has been changed.');
	});

	it('review without edits is an error that says what to do; with edits it prepares the update', () => {
		let state = flowReducer(atCard(), {type: 'review'});
		expect(currentScreen(state).name).toBe('card');
		expect(state.error?.message).toMatch(/no field has been changed/);

		state = run(state, {type: 'edit', fields: {salutation: 'Dr', phoneNumber: '9550100002'}}, {type: 'review'});
		expect(currentScreen(state).name).toBe('review');
		expect(state.prepared?.changes.map(c => c.field)).toEqual(['salutation', 'phoneNumber']);
		expect(state.prepared?.body).toEqual({
			firstName: 'john',
			lastName: 'doe',
			salutation: 'Dr',
			cellPhone: {phoneNumber: '9550100002', countryCode: '+91', extension: '+'},
		});
	});

	it('review refuses invalid edits with the field and the rule, keeping the edits', () => {
		const state = run(atCard(), {type: 'edit', fields: {firstName: '   '}}, {type: 'review'});
		expect(currentScreen(state).name).toBe('card');
		expect(state.error?.message).toMatch(/^First name: /);
		expect(state.edits).toEqual({firstName: '   '});
	});

	it('leaving the card drops the contact and its edits', () => {
		const state = run(atCard(), {type: 'edit', fields: {salutation: 'Dr'}}, {type: 'back'});
		expect(currentScreen(state).name).toBe('contact');
		expect(state.contact).toBeUndefined();
		expect(state.edits).toEqual({});
	});
});

describe('flow: sending', () => {
	function atReview(): FlowState {
		return run(atCard(), {type: 'edit', fields: {lastName: 'Doe'}}, {type: 'review'});
	}

	it('send pushes the send screen only from the review', () => {
		expect(currentScreen(flowReducer(atCard(), {type: 'send'})).name).toBe('card');
		const state = flowReducer(atReview(), {type: 'send'});
		expect(names(state)).toEqual(['profile', 'stream', 'contact', 'card', 'review', 'send']);
		// Esc cannot leave a running send.
		expect(flowReducer(state, {type: 'back'})).toBe(state);
	});

	it('sent: the result replaces card/review/send, the stored contact becomes the loaded one', () => {
		const stored: Contact = {...contact, lastName: 'Doe'};
		const state = run(atReview(), {type: 'send'}, {type: 'sent', stored, verification: {ok: true, mismatches: []}});
		expect(names(state)).toEqual(['profile', 'stream', 'contact', 'result']);
		expect(state.outcome).toMatchObject({kind: 'saved', stored});
		expect(state.edits).toEqual({});
		expect(state.list?.contacts[0]).toBe(stored);

		const again = flowReducer(state, {type: 'result-choice', choice: 'again'});
		expect(names(again)).toEqual(['profile', 'stream', 'contact', 'card']);
		expect(again.contact).toBe(stored);
		// The card's menu starts at its top, not on "Review changes (0)" left from the last edit.
		expect(focusOf(again)).toBeUndefined();

		const other = flowReducer(state, {type: 'result-choice', choice: 'contact'});
		expect(names(other)).toEqual(['profile', 'stream', 'contact']);
		expect(other.contact).toBeUndefined();

		const stream = flowReducer(state, {type: 'result-choice', choice: 'stream'});
		expect(names(stream)).toEqual(['profile', 'stream']);
		expect(stream.streamId).toBeUndefined();

		expect(flowReducer(state, {type: 'result-choice', choice: 'quit'}).exit).toEqual({code: 0});
		// Esc on the result goes to the contact list.
		expect(names(flowReducer(state, {type: 'back'}))).toEqual(['profile', 'stream', 'contact']);
	});

	it('a failed send returns to the review with the reason and keeps the edits', () => {
		const state = run(atReview(), {type: 'send'}, {type: 'send-failed', error: {message: 'Not saved: 412'}});
		expect(currentScreen(state).name).toBe('review');
		expect(state.error?.message).toBe('Not saved: 412');
		expect(state.edits).toEqual({lastName: 'Doe'});
	});

	it('an unknown outcome shows the result and makes quitting report failure', () => {
		const state = run(atReview(), {type: 'send'}, {type: 'send-unknown', message: 'maybe'});
		expect(currentScreen(state).name).toBe('result');
		expect(state.outcome).toMatchObject({kind: 'unknown', message: 'maybe'});
		expect(flowReducer(state, {type: 'result-choice', choice: 'quit'}).exit).toEqual({code: 1});
	});
});

describe('flow: conflicts', () => {
	const theirs: Contact = {...contact, firstName: 'Johnny', updatedAt: '2026-02-01T00:00:00.000Z'};

	function atConflict(): FlowState {
		return run(
			atCard(),
			{type: 'edit', fields: {lastName: 'Doe'}},
			{type: 'review'},
			{type: 'send'},
			{
				type: 'conflict',
				conflict: {
					current: theirs,
					theirs: [{field: 'firstName', label: 'First name', before: 'john', after: 'Johnny', changed: true}],
				},
			},
		);
	}

	it('replaces the send screen with the conflict screen', () => {
		expect(names(atConflict())).toEqual(['profile', 'stream', 'contact', 'card', 'review', 'conflict']);
	});

	it('apply: my edits on top of theirs, then the new diff', () => {
		const state = flowReducer(atConflict(), {type: 'conflict-apply'});
		expect(names(state)).toEqual(['profile', 'stream', 'contact', 'card', 'review']);
		expect(state.contact).toBe(theirs);
		expect(state.prepared?.loaded).toBe(theirs);
		expect(state.prepared?.body).toMatchObject({firstName: 'Johnny', lastName: 'Doe'});
		expect(state.prepared?.changes.map(c => c.field)).toEqual(['lastName']);
	});

	it('apply when they already made my change: nothing left to send', () => {
		const same: Contact = {...contact, lastName: 'Doe', updatedAt: 'later'};
		const state = run(atConflict(), {type: 'conflict', conflict: {current: same, theirs: []}}, {type: 'conflict-apply'});
		expect(currentScreen(state).name).toBe('card');
		expect(state.edits).toEqual({});
		expect(state.notice).toMatch(/nothing left to send/);
	});

	it('reload: their values, my edits dropped', () => {
		const state = flowReducer(atConflict(), {type: 'conflict-reload'});
		expect(currentScreen(state).name).toBe('card');
		expect(state.contact).toBe(theirs);
		expect(state.edits).toEqual({});
	});

	it('cancel (or Esc): back to the card, my edits kept, nothing sent', () => {
		for (const action of [{type: 'conflict-cancel'}, {type: 'back'}] as FlowAction[]) {
			const state = flowReducer(atConflict(), action);
			expect(currentScreen(state).name).toBe('card');
			expect(state.edits).toEqual({lastName: 'Doe'});
			expect(state.contact).toBe(contact);
		}
	});
});

describe('flow: credentials and quitting', () => {
	it('credentials rejected by the first list call: the profile form, with the stream screen below', () => {
		const state = run(initialFlowState({session}), {
			type: 'credentials-rejected',
			keepSession: true,
			error: {message: 'Kore.ai did not accept the credentials'},
			initial: {name: 'prod'},
		});
		expect(names(state)).toEqual(['profile', 'stream', 'profile-form']);
		expect(state.session).toBe(session);
		expect(state.error?.message).toMatch(/did not accept/);
		expect(currentScreen(flowReducer(state, {type: 'back'})).name).toBe('stream');
	});

	it('credentials rejected without keepSession: back to the profiles, session dropped', () => {
		const state = flowReducer(atCard(), {type: 'credentials-rejected', error: {message: 'bad host'}});
		expect(names(state)).toEqual(['profile', 'profile-form']);
		expect(state.session).toBeUndefined();
		expect(state.contact).toBeUndefined();
	});

	it('a saved profile replaces whatever was above the profile list with the stream screen', () => {
		const state = run(initialFlowState(), {type: 'open', screen: {name: 'profile-form'}}, {type: 'session-ready', session});
		expect(names(state)).toEqual(['profile', 'stream']);
	});

	it('quit ends the editor with its code', () => {
		expect(flowReducer(atCard(), {type: 'quit', code: 130}).exit).toEqual({code: 130});
	});
});

describe('flow: the card remembers where the operator was', () => {
	it('highlights the form just left, and Review after an edit', () => {
		let state = run(atCard(), {type: 'open', screen: {name: 'phone'}}, {type: 'back'});
		expect(focusOf(state)).toBe('phone');
		state = run(state, {type: 'open', screen: {name: 'name'}}, {type: 'edit', fields: {firstName: 'Jo'}});
		expect(focusOf(run(state, {type: 'back'}, {type: 'contact-loaded', contact}))).toBeUndefined();
	});
});

describe('flow: a check finds an unknown save went through', () => {
	it('the result says saved, the undo stays an undo, and quitting no longer reports failure', () => {
		const update = run(atCard(), {type: 'edit', fields: {firstName: 'Jo'}}, {type: 'review'}).prepared!;
		const atReviewOfUndo = run(atCard(), {type: 'undo-prepared', update, undoOf: 'j-1', current: contact});
		const lost = run(atReviewOfUndo, {type: 'send'}, {type: 'send-unknown', message: 'timed out'});
		expect(lost.unknownOutcome).toBe(true);
		const checked = run(lost, {type: 'sent', stored: {...contact, firstName: 'Jo'}, verification: {ok: true, mismatches: []}});
		expect(checked.outcome).toMatchObject({kind: 'saved', undoOf: 'j-1'});
		expect(checked.unknownOutcome).toBe(false);
		expect(run(checked, {type: 'result-choice', choice: 'quit'}).exit).toEqual({code: 0});
	});
});

describe('flow: retry after an unknown outcome', () => {
	const unknown = () =>
		run(
			atCard(),
			{type: 'edit', fields: {firstName: 'Johnny', salutation: 'Dr'}},
			{type: 'review'},
			{type: 'send'},
			{type: 'send-unknown', message: 'Unknown.'},
		);

	it('puts the edit back on the card, on top of the contact as re-read', () => {
		const before = unknown();
		expect(before.edits).toEqual({});
		const current: Contact = {...contact, salutation: 'Dr', lastName: 'Other', updatedAt: '2026-03-01T00:00:00.000Z'};
		const state = run(before, {type: 'retry-edit', current});
		expect(names(state)).toEqual(['profile', 'stream', 'contact', 'card']);
		expect(state.contact).toBe(current);
		expect(state.edits).toEqual({firstName: 'Johnny'});
		expect(state.outcome).toBeUndefined();
		expect(state.notice).toMatch(/someone else meanwhile: Last name\./);
		// The review prepares it against the re-read contact.
		const review = run(state, {type: 'review'});
		expect(review.prepared?.body).toMatchObject({firstName: 'Johnny', lastName: 'Other', salutation: 'Dr'});
	});

	it('says when the re-read shows the save went through; without a re-read it uses the loaded values', () => {
		const done = run(unknown(), {type: 'retry-edit', current: {...contact, firstName: 'Johnny', salutation: 'Dr'}});
		expect(done.edits).toEqual({});
		expect(done.notice).toMatch(/the save went through/);
		const offline = run(unknown(), {type: 'retry-edit'});
		expect(offline.contact).toEqual(contact);
		expect(offline.edits).toEqual({firstName: 'Johnny', salutation: 'Dr'});
		// Not "unsent": it may have been saved.
		expect(offline.notice).toMatch(
			/^Your edit is back on the values you loaded; whether the last save went through is not known\./,
		);
		expect(`${done.notice} ${offline.notice}`).not.toMatch(/unsent/i);
	});
});
