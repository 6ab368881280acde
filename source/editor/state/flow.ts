/**
 * The editor's state: where the operator is (navigation.ts) and the contact being corrected
 * (edit-session.ts), plus what the operator is told (error, notice) and whether the editor ends.
 * Pure: no I/O, no clock, no React. Effects live in hooks and screens and report back by
 * dispatching the actions below. What only a screen shows (highlights, questions, countdowns) is
 * kept by that screen or the editor component, not here.
 */
import type {Contact, ContactFields, ContactPage} from '../../contact/contact.js';
import type {PreparedUpdate} from '../../core/prepare.js';
import type {Draft} from '../../store/types.js';
import {sameHost} from '../../kore/host.js';
import * as edit from './edit-session.js';
import type {Conflict, EditSession, Verification} from './edit-session.js';
import * as nav from './navigation.js';
import type {Place, ProfileDraft, Screen, Session} from './navigation.js';

export type ErrorInfo = {message: string; hint?: string};

export type FlowState = Place &
	EditSession & {
		error?: ErrorInfo;
		/** A short positive note (e.g. "Changes discarded."). */
		notice?: string;
		/** Set when the editor should end; editor.tsx calls onExit(code) and exits. */
		exit?: {code: number};
		/** An earlier send ended with an unknown outcome: quitting reports failure. */
		unknownOutcome: boolean;
		/** A draft being resumed while the secret screen asks for the profile's secret. */
		resumeDraft?: Draft;
	};

export type FlowAction =
	| {type: 'back'}
	| {type: 'open'; screen: Screen}
	| {type: 'session-ready'; session: Session}
	/**
	 * The server (or the client) rejected the credentials: open the profile form. `keepSession`: the
	 * stream screen stays one Esc below (a wrong stream ID also gives 401), else back to the profiles.
	 */
	| {type: 'credentials-rejected'; error: ErrorInfo; initial?: Partial<ProfileDraft>; keepSession?: boolean}
	| {type: 'stream-ready'; streamId: string; page: ContactPage}
	| {type: 'page-loaded'; page: ContactPage}
	| {type: 'contact-loaded'; contact: Contact}
	| {type: 'edit'; fields: Partial<ContactFields>}
	| {type: 'discard'}
	| {type: 'review'}
	| {type: 'send'}
	| {type: 'conflict'; conflict: Conflict}
	| {type: 'conflict-apply'}
	| {type: 'conflict-reload'}
	| {type: 'conflict-cancel'}
	/** `update`: what was sent (rebuilt on a fresh copy when someone else changed other fields). */
	| {type: 'sent'; update?: PreparedUpdate; stored: Contact; verification: Verification; note?: string}
	| {type: 'send-unknown'; message: string}
	| {type: 'send-failed'; error: ErrorInfo}
	| {type: 'result-choice'; choice: 'again' | 'contact' | 'stream' | 'quit'}
	/**
	 * After an unknown outcome: the card again with the edit on top of `current` (the contact
	 * as re-read now; the loaded values when it could not be read), so the review checks it again.
	 */
	| {type: 'retry-edit'; current?: Contact}
	| {type: 'error'; error: ErrorInfo | undefined}
	| {type: 'quit'; code: number}
	/** Restore a draft with this session (its host must be the draft's). `age`: said on the review it opens on. */
	| {type: 'resume'; session: Session; draft: Draft; age?: string}
	/** Resume once the secret screen has the profile's secret (session-ready then restores the draft). */
	| {type: 'resume-secret'; draft: Draft; profileName: string}
	/** The resume question is answered with Discard or Later: go on to the normal first screen. */
	| {type: 'resume-dismissed'; notice: string}
	/** An undo of a journal entry, prepared on the contact as it is now: show it on the review. */
	| {type: 'undo-prepared'; update: PreparedUpdate; undoOf: string; current: Contact};

export type InitialOptions = {
	/** Start at the stream screen with this session (the profile screen stays below it for Esc). */
	session?: Session;
};

export function initialFlowState(options: InitialOptions = {}): FlowState {
	const stack: Screen[] = [{name: 'profile'}];
	if (options.session) {
		stack.push({name: 'stream'});
	}

	return {stack, session: options.session, ...edit.NO_CONTACT, unknownOutcome: false};
}

export const currentScreen = nav.currentScreen;

/** Unsaved edits exist (quitting asks first). */
export const isDirty = edit.isDirty;

/** A new edit session (and its stack), keeping the list's copy of the contact current. */
function withSession(state: FlowState, session: EditSession, stack = state.stack): FlowState {
	const list =
		session.contact && session.contact !== state.contact ? nav.withContactInList(state.list, session.contact) : state.list;
	return {...state, ...session, list, stack};
}

/** Feedback for a step: its error or notice replaces the last one. */
function told(state: FlowState, step: {error?: ErrorInfo; notice?: string}): FlowState {
	return {...state, error: step.error, notice: step.notice};
}

/** The unsent edit of a draft back on the card (below it: contact list, stream, profile for Esc). */
function restoreDraft(state: FlowState, session: Session, draft: Draft): FlowState {
	if (!sameHost(session.credentials.host, draft.host)) {
		return {
			...state,
			resumeDraft: undefined,
			stack: nav.popTo(state.stack, 'resume'),
			error: {
				message: `The draft was made on ${draft.host}, but profile ${session.profileName} now uses ${session.credentials.host}: nothing was restored.`,
				hint: 'Choose Discard to drop the draft, or Later to keep it and fix the profile first.',
			},
			notice: undefined,
		};
	}

	const contact = draft.loaded;
	return {
		...state,
		...edit.loadContact(contact, draft.edits ?? {}),
		session,
		streamId: draft.streamId,
		// The draft's contact, with the rest of the stream one "Load more" away.
		list: {contacts: [contact], hasMore: true, nextSkip: 0},
		resumeDraft: undefined,
		stack: [{name: 'profile'}, {name: 'stream'}, {name: 'contact'}, {name: 'card', focus: 'review'}],
		error: undefined,
		notice:
			'Your unsent edit is back. Before anything is sent, the contact is read again and any change made since is shown first.',
	};
}

function back(state: FlowState): FlowState {
	const {place, left} = nav.back(state);
	if (!left) {
		// Only the send screen's request leaves it; on the first screen Esc clears what was said.
		return state.stack.length > 1 ? state : {...state, error: undefined, notice: undefined};
	}

	let next: FlowState = {...state, ...place, error: undefined, notice: undefined};
	if (left === 'card' || left === 'result') next = {...next, ...edit.NO_CONTACT};
	if (left === 'review' || left === 'conflict') next = {...next, ...edit.unprepare(next)};
	if (left === 'secret') next = {...next, resumeDraft: undefined};
	return next;
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
	switch (action.type) {
		case 'back': {
			return back(state);
		}

		case 'open': {
			return {...state, stack: nav.open(state.stack, action.screen), error: undefined, notice: undefined};
		}

		case 'session-ready': {
			if (state.resumeDraft) {
				return restoreDraft(state, action.session, state.resumeDraft);
			}

			// From the profile list, the profile form or the secret prompt: the stream screen comes next.
			const stack = [...nav.popTo(state.stack, 'profile'), {name: 'stream'} as const];
			return told({...state, session: action.session, stack}, {});
		}

		case 'credentials-rejected': {
			const keep = action.keepSession === true && state.session !== undefined && state.stack.some(s => s.name === 'stream');
			const below = keep ? nav.popTo(state.stack, 'stream') : nav.popTo(state.stack, 'profile');
			return {
				...state,
				...edit.NO_CONTACT,
				session: keep ? state.session : undefined,
				streamId: undefined,
				list: undefined,
				stack: [...below, {name: 'profile-form', initial: action.initial, reason: action.error.message}],
				error: action.error,
				notice: undefined,
			};
		}

		case 'stream-ready': {
			return told({...state, ...edit.NO_CONTACT, ...nav.streamOpened(state, action.streamId, action.page)}, {});
		}

		case 'page-loaded': {
			return {...state, list: nav.pageLoaded(state.list, action.page), error: undefined};
		}

		case 'contact-loaded': {
			const stack: Screen[] = [...nav.popTo(state.stack, 'contact'), {name: 'card'}];
			return told(withSession(state, edit.loadContact(action.contact), stack), {});
		}

		case 'edit': {
			if (!state.contact) {
				return state;
			}

			return told(withSession(state, edit.edit(state, action.fields), nav.backToCard(state.stack, 'review')), {});
		}

		case 'discard': {
			const step = edit.discard(state);
			return told(withSession(state, step.session, nav.backToCard(state.stack)), step);
		}

		case 'review': {
			if (!state.contact || !state.streamId) {
				return state;
			}

			const step = edit.review(state, state.streamId);
			if (!step.session.prepared) {
				return {...state, error: step.error};
			}

			return told(withSession(state, step.session, [...state.stack, {name: 'review'}]), {});
		}

		case 'send': {
			if (!state.prepared || currentScreen(state).name !== 'review') {
				return state;
			}

			return told({...state, stack: [...state.stack, {name: 'send'}]}, {});
		}

		case 'conflict': {
			const stack: Screen[] = [...nav.popTo(state.stack, 'review'), {name: 'conflict'}];
			return {...state, conflict: action.conflict, stack, error: undefined};
		}

		case 'conflict-apply': {
			if (!state.conflict || !state.prepared || !state.streamId) {
				return state;
			}

			const step = edit.applyOnTop(state, state.streamId);
			const card = nav.popTo(state.stack, 'card');
			const stack: Screen[] = step.session.prepared ? [...card, {name: 'review'}] : card;
			return told(withSession(state, step.session, stack), step);
		}

		case 'conflict-reload': {
			if (!state.conflict) {
				return state;
			}

			const step = edit.reloadCurrent(state);
			return told(withSession(state, step.session, nav.popTo(state.stack, 'card')), step);
		}

		case 'conflict-cancel': {
			const step = edit.cancelConflict(state);
			return told(withSession(state, step.session, nav.popTo(state.stack, 'card')), step);
		}

		case 'sent': {
			if (!state.prepared) {
				return state;
			}

			const stack: Screen[] = [...nav.popTo(state.stack, 'contact'), {name: 'result'}];
			// A check that finds an unknown save went through makes it known: quitting no longer reports failure.
			const unknownOutcome = state.outcome?.kind === 'unknown' ? false : state.unknownOutcome;
			return told({...withSession(state, edit.saved(state, action), stack), unknownOutcome}, {});
		}

		case 'send-unknown': {
			if (!state.prepared) {
				return state;
			}

			const stack: Screen[] = [...nav.popTo(state.stack, 'contact'), {name: 'result'}];
			return told({...withSession(state, edit.unknown(state, action.message), stack), unknownOutcome: true}, {});
		}

		case 'send-failed': {
			// Nothing was stored: back on the review with the reason; the edits are kept.
			return {...state, stack: nav.popTo(state.stack, 'review'), error: action.error};
		}

		case 'result-choice': {
			return resultChoice(state, action.choice);
		}

		case 'retry-edit': {
			const step = edit.retry(state, action.current);
			if (!step) {
				return state;
			}

			const stack: Screen[] = [
				...nav.popTo(state.stack, 'contact'),
				edit.isDirty(step.session) ? {name: 'card', focus: 'review'} : {name: 'card'},
			];
			return told(withSession(state, step.session, stack), step);
		}

		case 'error': {
			return {...state, error: action.error, notice: undefined};
		}

		case 'quit': {
			return {...state, exit: {code: action.code}};
		}

		case 'resume': {
			const restored = restoreDraft(state, action.session, action.draft);
			if (restored.error || currentScreen(restored).name !== 'card') return restored;
			// A resumed draft opens on its review (sending still takes y there), saying how old it is.
			const review = flowReducer(restored, {type: 'review'});
			if (currentScreen(review).name !== 'review') return restored;
			const age = action.age ? ` (${action.age})` : '';
			return {
				...review,
				notice: `Your unsent edit${age} is back. Before anything is sent, the contact is read again and any change made since is shown first.`,
			};
		}

		case 'resume-secret': {
			const stack: Screen[] = [...state.stack, {name: 'secret', profileName: action.profileName}];
			return told({...state, stack, resumeDraft: action.draft}, {});
		}

		case 'resume-dismissed': {
			const stack = currentScreen(state).name === 'resume' ? state.stack.slice(0, -1) : state.stack;
			return {...state, stack, resumeDraft: undefined, error: undefined, notice: action.notice};
		}

		case 'undo-prepared': {
			const session = edit.undoPrepared(state, action.update, action.undoOf, action.current);
			return told(withSession(state, session, [...state.stack, {name: 'review'}]), {});
		}
	}

	return state;
}

function resultChoice(state: FlowState, choice: 'again' | 'contact' | 'stream' | 'quit'): FlowState {
	switch (choice) {
		case 'again': {
			const session = edit.again(state);
			if (!session) {
				return state;
			}

			// A fresh start on this contact: the menu starts at its first item, not on "Review changes (0)".
			return told(withSession(state, session, [...nav.popTo(state.stack, 'contact'), {name: 'card'}]), {});
		}

		case 'contact': {
			return told({...state, ...edit.NO_CONTACT, stack: nav.popTo(state.stack, 'contact')}, {});
		}

		case 'stream': {
			const stack = nav.popTo(state.stack, 'stream');
			return told({...state, ...edit.NO_CONTACT, streamId: undefined, list: undefined, stack}, {});
		}

		case 'quit': {
			return {...state, exit: {code: state.unknownOutcome ? 1 : 0}};
		}
	}
}
