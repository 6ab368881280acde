/**
 * The editor's state machine: which screen is showing (a stack, so Esc goes back one step), what is
 * loaded (profile, stream, contact list, contact), what the operator has edited, and the last error.
 *
 * Pure: no I/O, no clock, no React. Effects (API calls, store writes) live in hooks and screens and
 * report back by dispatching the actions below.
 */
import type {Contact, ContactFields, ContactPage, FieldName} from '../contact/contact.js';
import type {FieldChange} from '../contact/diff.js';
import type {KoreCredentials, RateLimitWait} from '../kore/types.js';
import type {Draft} from '../store/types.js';
import type {PreparedUpdate} from '../core/prepare.js';
import {fieldsOf, FIELD_LABELS, FIELD_NAMES} from '../contact/fields.js';
import {prepareUpdate} from '../core/prepare.js';

/** The profile the operator is working with, with every credential resolved. */
export type Session = {
	/** Profile name, or "environment" when the KORE_* variables supply everything. */
	profileName: string;
	credentials: KoreCredentials;
	protected: boolean;
};

export type ProfileDraft = {
	name: string;
	host: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
	protected: boolean;
};

export type Screen =
	| {name: 'profile'}
	/** Create or fix a profile. `reason` says why the form is showing (e.g. the server rejected it). */
	| {name: 'profile-form'; initial?: Partial<ProfileDraft>; reason?: string}
	/** The profile has no stored secret and KORE_CLIENT_SECRET is unset: ask for it, masked. */
	| {name: 'secret'; profileName: string}
	| {name: 'stream'}
	| {name: 'contact'}
	| {name: 'card'}
	| {name: 'name'}
	| {name: 'salutation'}
	| {name: 'phone'}
	| {name: 'review'}
	| {name: 'send'}
	| {name: 'conflict'}
	| {name: 'result'}
	/** An unsent draft from an earlier session: resume, discard or keep it for later. */
	| {name: 'resume'; draft: Draft}
	/** This contact's journal entries, newest first; Enter prepares the undo of one. */
	| {name: 'history'};

export type ScreenName = Screen['name'];

export type ErrorInfo = {message: string; hint?: string};

/** The contacts of the current stream loaded so far (the browse list), in server order. */
export type ContactList = {
	contacts: Contact[];
	total?: number;
	hasMore: boolean;
	nextSkip: number;
};

export type Conflict = {current: Contact; theirs: FieldChange[]};

export type Outcome =
	| {
			kind: 'saved';
			update: PreparedUpdate;
			stored: Contact;
			/** changedSince: fields someone else changed right after the save (core/write's verification). */
			verification: {ok: boolean; mismatches: FieldChange[]; changedSince?: FieldChange[]};
			undoOf?: string;
			note?: string;
	  }
	/** The request may or may not have reached the server (aborted or timed out mid-PUT). */
	| {kind: 'unknown'; update: PreparedUpdate; message: string; undoOf?: string};

export type Wait = RateLimitWait & {
	/** Epoch ms when the wait ends (the action's creator reads the clock, the reducer does not). */
	until: number;
};

export type FlowState = {
	stack: Screen[];
	session?: Session;
	streamId?: string;
	list?: ContactList;
	/** The contact as loaded from the server (raw: sanitise when rendering). */
	contact?: Contact;
	/** Only fields whose value differs from the loaded contact. */
	edits: Partial<ContactFields>;
	prepared?: PreparedUpdate;
	conflict?: Conflict;
	outcome?: Outcome;
	error?: ErrorInfo;
	/** A short positive note (e.g. "Changes discarded."). */
	notice?: string;
	wait?: Wait;
	confirmQuit: boolean;
	/** Set when the editor should end; editor.tsx calls onExit(code) and exits. */
	exit?: {code: number};
	/** An earlier send ended with an unknown outcome: quitting reports failure. */
	unknownOutcome: boolean;
	/** The card menu item to highlight when the card shows again (the form left, or Review after an edit). */
	cardFocus?: 'name' | 'salutation' | 'phone' | 'review';
	/** The prepared update undoes this journal entry (sent and journaled as kind 'undo'). */
	undoOf?: string;
	/** A draft being resumed while the secret screen asks for the profile's secret. */
	resumeDraft?: Draft;
	/**
	 * The stream ID (and nickname) typed on the stream screen and sent for checking: kept while the
	 * profile form fixes the credentials (or is left with Esc), so the stream field still holds it.
	 */
	streamInput?: StreamInput;
};

export type StreamInput = {streamId: string; nickname: string};

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
	| {
			type: 'sent';
			update?: PreparedUpdate;
			stored: Contact;
			verification: {ok: boolean; mismatches: FieldChange[]; changedSince?: FieldChange[]};
			note?: string;
	  }
	| {type: 'send-unknown'; message: string}
	| {type: 'send-failed'; error: ErrorInfo}
	| {type: 'result-choice'; choice: 'again' | 'contact' | 'stream' | 'quit'}
	/**
	 * After an unknown outcome: the card again with the edit on top of `current` (the contact
	 * as re-read now; the loaded values when it could not be read), so the review checks it again.
	 */
	| {type: 'retry-edit'; current?: Contact}
	/** The stream screen sends this typed stream ID for checking (kept until a stream opens). */
	| {type: 'stream-input'; input: StreamInput | undefined}
	| {type: 'error'; error: ErrorInfo | undefined}
	| {type: 'rate-limit-wait'; wait: Wait | undefined}
	/** Ctrl+C. `pending`: a form holds typed text that is not submitted yet. */
	| {type: 'quit-request'; pending?: boolean}
	| {type: 'quit-cancel'}
	| {type: 'quit'; code: number}
	/** Restore a draft with this session (its host must be the draft's). */
	/** `age`: "this edit is N minutes old", said on the review it opens on. */
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

	return {stack, session: options.session, edits: {}, confirmQuit: false, unknownOutcome: false};
}

/** Host as compared for drafts: no scheme case or trailing-slash differences. */
export function sameHost(a: string, b: string): boolean {
	const norm = (host: string) => host.trim().toLowerCase().replace(/\/+$/, '');
	return norm(a) === norm(b);
}

/** The unsent edit of a draft back on the card (below it: contact list, stream, profile for Esc). */
function restoreDraft(state: FlowState, session: Session, draft: Draft): FlowState {
	if (!sameHost(session.credentials.host, draft.host)) {
		return {
			...state,
			resumeDraft: undefined,
			stack: popTo(state.stack, 'resume'),
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
		session,
		streamId: draft.streamId,
		// The draft's contact, with the rest of the stream one "Load more" away.
		list: {contacts: [contact], hasMore: true, nextSkip: 0},
		contact,
		edits: normalizeEdits(contact, draft.edits ?? {}),
		prepared: undefined,
		conflict: undefined,
		outcome: undefined,
		undoOf: undefined,
		resumeDraft: undefined,
		wait: undefined,
		cardFocus: 'review',
		stack: [{name: 'profile'}, {name: 'stream'}, {name: 'contact'}, {name: 'card'}],
		error: undefined,
		notice:
			'Your unsent edit is back. Before anything is sent, the contact is read again and any change made since is shown first.',
	};
}

export function currentScreen(state: FlowState): Screen {
	return state.stack.at(-1) ?? {name: 'profile'};
}

/** The values the operator sees now: loaded values with the edits on top. */
export function currentFields(state: FlowState): ContactFields | undefined {
	if (!state.contact) {
		return undefined;
	}

	return {...fieldsOf(state.contact), ...state.edits};
}

export function editedFields(state: FlowState): FieldName[] {
	return FIELD_NAMES.filter(name => state.edits[name] !== undefined);
}

/** Unsaved edits exist (Ctrl+C asks before quitting). */
export function isDirty(state: FlowState): boolean {
	return editedFields(state).length > 0;
}

/** Keeps only the edits that differ from the loaded contact. */
export function normalizeEdits(contact: Contact, edits: Partial<ContactFields>): Partial<ContactFields> {
	const loaded = fieldsOf(contact);
	const result: Partial<ContactFields> = {};
	for (const name of FIELD_NAMES) {
		const value = edits[name];
		if (value !== undefined && value !== loaded[name]) {
			result[name] = value;
		}
	}

	return result;
}

function push(state: FlowState, screen: Screen): FlowState {
	return {...state, stack: [...state.stack, screen], error: undefined, notice: undefined};
}

/** Pops screens until `name` is on top (keeps it). Returns the stack unchanged when it is not there. */
function popTo(stack: Screen[], name: ScreenName): Screen[] {
	for (let index = stack.length - 1; index >= 0; index--) {
		if (stack[index]?.name === name) {
			return stack.slice(0, index + 1);
		}
	}

	return stack;
}

function withContactInList(list: ContactList | undefined, contact: Contact): ContactList | undefined {
	if (!list) {
		return list;
	}

	return {...list, contacts: list.contacts.map(c => (c.id === contact.id ? contact : c))};
}

function preparedErrors(errors: Partial<Record<FieldName, string>>): ErrorInfo {
	const lines = FIELD_NAMES.filter(name => errors[name]).map(name => `${FIELD_LABELS[name]}: ${errors[name]}`);
	return {
		message: lines.length > 0 ? lines.join(' ') : 'These changes cannot be sent.',
		hint: 'Open the field from the menu and correct it.',
	};
}

function leaveContact(state: FlowState): FlowState {
	return {
		...state,
		contact: undefined,
		edits: {},
		prepared: undefined,
		conflict: undefined,
		outcome: undefined,
		cardFocus: undefined,
	};
}

/**
 * The edit whose outcome is unknown, back on the card: the fields the operator changed, on top of
 * the contact as it is now. Fields that already hold the sent values drop out (the save went
 * through); fields someone else changed meanwhile are named. The review re-reads before sending.
 */
function retryEdit(state: FlowState, current: Contact | undefined): FlowState {
	const outcome = state.outcome;
	if (outcome?.kind !== 'unknown') {
		return state;
	}

	const {update} = outcome;
	const contact = current ?? update.loaded;
	const mine: Partial<ContactFields> = {};
	for (const change of update.changes) {
		mine[change.field] = change.after;
	}

	const edits = normalizeEdits(contact, mine);
	const now = fieldsOf(contact);
	const others = FIELD_NAMES.filter(name => now[name] !== update.before[name] && now[name] !== update.after[name]);
	const meanwhile =
		others.length > 0
			? ` Changed on the server by someone else meanwhile: ${others.map(name => FIELD_LABELS[name]).join(', ')}.`
			: '';
	const empty = Object.keys(edits).length === 0;
	let notice: string;
	if (!current) {
		notice =
			'Your edit is back on the values you loaded; whether the last save went through is not known. Before anything is sent, the contact is read again and any change made since is shown first.';
	} else if (empty) {
		notice = 'Re-read the contact: it already holds the values you sent, so the save went through. Nothing is left to send.';
	} else {
		notice = `Re-read the contact: it does not hold all you sent, so your edit is kept on top of its current values. Review checks again before anything is sent.${meanwhile}`;
	}

	return {
		...state,
		contact,
		list: withContactInList(state.list, contact),
		edits,
		prepared: undefined,
		conflict: undefined,
		outcome: undefined,
		undoOf: undefined,
		cardFocus: empty ? undefined : 'review',
		stack: [...popTo(state.stack, 'contact'), {name: 'card'}],
		error: undefined,
		notice,
		wait: undefined,
	};
}

function back(state: FlowState): FlowState {
	if (state.stack.length <= 1) {
		return {...state, error: undefined, notice: undefined};
	}

	const top = currentScreen(state);
	let next: FlowState = {...state, stack: state.stack.slice(0, -1), error: undefined, notice: undefined};
	switch (top.name) {
		case 'result': {
			// The result replaced review/send: back goes to the contact list.
			next = {...leaveContact(next), stack: popTo(state.stack, 'contact')};
			break;
		}

		case 'card': {
			// Leaving the contact keeps nothing half-done behind (the card asks first when edits exist).
			next = leaveContact(next);
			break;
		}

		case 'contact': {
			next = {...next, streamId: undefined, list: undefined};
			break;
		}

		case 'stream': {
			next = {...next, session: undefined, streamInput: undefined};
			break;
		}

		case 'review': {
			next = {...next, prepared: undefined, undoOf: undefined};
			break;
		}

		case 'secret': {
			next = {...next, resumeDraft: undefined};
			break;
		}

		case 'conflict': {
			next = {...next, conflict: undefined, stack: popTo(state.stack, 'card'), prepared: undefined, undoOf: undefined};
			break;
		}

		case 'send': {
			// Only the send hook leaves this screen (sent / failed / unknown); Esc does nothing.
			return state;
		}

		default: {
			break;
		}
	}

	if (currentScreen(next).name === 'profile') {
		next = {...next, session: undefined};
	}

	return next;
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
	switch (action.type) {
		case 'back': {
			return back(state);
		}

		case 'open': {
			const {name} = action.screen;
			const cardFocus = name === 'name' || name === 'salutation' || name === 'phone' ? name : state.cardFocus;
			return {...push(state, action.screen), cardFocus};
		}

		case 'session-ready': {
			if (state.resumeDraft) {
				return restoreDraft(state, action.session, state.resumeDraft);
			}

			// From the profile list, the profile form or the secret prompt: the stream screen comes next.
			const stack = popTo(state.stack, 'profile');
			return {
				...state,
				session: action.session,
				stack: [...stack, {name: 'stream'}],
				error: undefined,
				notice: undefined,
			};
		}

		case 'credentials-rejected': {
			const keep = action.keepSession === true && state.session !== undefined && state.stack.some(s => s.name === 'stream');
			const stack = keep ? popTo(state.stack, 'stream') : popTo(state.stack, 'profile');
			return {
				...leaveContact(state),
				session: keep ? state.session : undefined,
				streamId: undefined,
				list: undefined,
				stack: [...stack, {name: 'profile-form', initial: action.initial, reason: action.error.message}],
				error: action.error,
				notice: undefined,
				wait: undefined,
			};
		}

		case 'stream-ready': {
			const stack = popTo(state.stack, 'stream');
			return {
				...leaveContact(state),
				streamId: action.streamId,
				list: {
					contacts: action.page.results,
					total: action.page.totalResults,
					hasMore: action.page.hasMore,
					nextSkip: action.page.skip + action.page.results.length,
				},
				stack: [...stack, {name: 'contact'}],
				streamInput: undefined,
				error: undefined,
				notice: undefined,
				wait: undefined,
			};
		}

		case 'stream-input': {
			return {...state, streamInput: action.input};
		}

		case 'page-loaded': {
			const list = state.list ?? {contacts: [], hasMore: true, nextSkip: 0};
			const known = new Set(list.contacts.map(c => c.id));
			const fresh = action.page.results.filter(c => !known.has(c.id));
			return {
				...state,
				list: {
					contacts: [...list.contacts, ...fresh],
					total: action.page.totalResults ?? list.total,
					hasMore: action.page.hasMore && action.page.results.length > 0,
					nextSkip: action.page.skip + action.page.results.length,
				},
				error: undefined,
				wait: undefined,
			};
		}

		case 'contact-loaded': {
			const stack = popTo(state.stack, 'contact');
			return {
				...state,
				contact: action.contact,
				list: withContactInList(state.list, action.contact),
				cardFocus: undefined,
				edits: {},
				prepared: undefined,
				conflict: undefined,
				outcome: undefined,
				stack: [...stack, {name: 'card'}],
				error: undefined,
				notice: undefined,
				wait: undefined,
			};
		}

		case 'edit': {
			if (!state.contact) {
				return state;
			}

			const edits = normalizeEdits(state.contact, {...state.edits, ...action.fields});
			return {...state, edits, stack: popTo(state.stack, 'card'), error: undefined, notice: undefined, cardFocus: 'review'};
		}

		case 'discard': {
			return {
				...state,
				edits: {},
				prepared: undefined,
				stack: popTo(state.stack, 'card'),
				error: undefined,
				notice: 'Changes discarded.',
				cardFocus: undefined,
			};
		}

		case 'review': {
			if (!state.contact || !state.streamId) {
				return state;
			}

			if (!isDirty(state)) {
				return {
					...state,
					error: {
						message: 'Nothing to review yet: no field has been changed.',
						hint: 'Choose Name, Salutation or Cell phone to edit a field.',
					},
				};
			}

			const result = prepareUpdate({streamId: state.streamId, loaded: state.contact, edits: state.edits});
			if (!result.ok) {
				return {...state, error: preparedErrors(result.errors)};
			}

			return {...push(state, {name: 'review'}), prepared: result.update, undoOf: undefined};
		}

		case 'send': {
			if (!state.prepared || currentScreen(state).name !== 'review') {
				return state;
			}

			return push(state, {name: 'send'});
		}

		case 'conflict': {
			return {
				...state,
				conflict: action.conflict,
				stack: [...popTo(state.stack, 'review'), {name: 'conflict'}],
				error: undefined,
				wait: undefined,
			};
		}

		case 'conflict-apply': {
			if (!state.conflict || !state.prepared || !state.streamId) {
				return state;
			}

			// Only the fields I changed go on top of what is there now.
			const mine: Partial<ContactFields> = {};
			for (const change of state.prepared.changes) {
				mine[change.field] = change.after;
			}

			const contact = state.conflict.current;
			const edits = normalizeEdits(contact, mine);
			const base: FlowState = {
				...state,
				contact,
				list: withContactInList(state.list, contact),
				edits,
				conflict: undefined,
				prepared: undefined,
				stack: popTo(state.stack, 'card'),
				error: undefined,
			};
			if (Object.keys(edits).length === 0) {
				return {...base, notice: 'Someone else already made exactly these changes: nothing left to send.'};
			}

			const result = prepareUpdate({streamId: state.streamId, loaded: contact, edits});
			if (!result.ok) {
				return {...base, error: preparedErrors(result.errors)};
			}

			return {
				...base,
				prepared: result.update,
				stack: [...base.stack, {name: 'review'}],
				notice: 'Your changes now sit on top of the current values: check the new diff.',
			};
		}

		case 'conflict-reload': {
			if (!state.conflict) {
				return state;
			}

			const contact = state.conflict.current;
			return {
				...state,
				undoOf: undefined,
				contact,
				list: withContactInList(state.list, contact),
				edits: {},
				conflict: undefined,
				prepared: undefined,
				stack: popTo(state.stack, 'card'),
				error: undefined,
				notice: 'Reloaded the current values; your edits were dropped.',
			};
		}

		case 'conflict-cancel': {
			return {
				...state,
				conflict: undefined,
				prepared: undefined,
				undoOf: undefined,
				stack: popTo(state.stack, 'card'),
				error: undefined,
				notice: state.undoOf ? 'Nothing was sent: the undo was cancelled.' : 'Nothing was sent. Your edits are kept.',
			};
		}

		case 'sent': {
			if (!state.prepared) {
				return state;
			}

			return {
				...state,
				contact: action.stored,
				list: withContactInList(state.list, action.stored),
				edits: {},
				outcome: {
					kind: 'saved',
					update: action.update ?? state.prepared,
					stored: action.stored,
					verification: action.verification,
					...(state.undoOf ? {undoOf: state.undoOf} : {}),
					...(action.note ? {note: action.note} : {}),
				},
				undoOf: undefined,
				stack: [...popTo(state.stack, 'contact'), {name: 'result'}],
				error: undefined,
				notice: undefined,
				wait: undefined,
			};
		}

		case 'send-unknown': {
			if (!state.prepared) {
				return state;
			}

			return {
				...state,
				edits: {},
				outcome: {
					kind: 'unknown',
					update: state.prepared,
					message: action.message,
					...(state.undoOf ? {undoOf: state.undoOf} : {}),
				},
				undoOf: undefined,
				stack: [...popTo(state.stack, 'contact'), {name: 'result'}],
				error: undefined,
				notice: undefined,
				wait: undefined,
				unknownOutcome: true,
			};
		}

		case 'send-failed': {
			// Nothing was stored: back on the review with the reason; the edits are kept.
			return {...state, stack: popTo(state.stack, 'review'), error: action.error, wait: undefined};
		}

		case 'result-choice': {
			const outcome = state.outcome;
			switch (action.choice) {
				case 'again': {
					const contact = outcome?.kind === 'saved' ? outcome.stored : state.contact;
					if (!contact) {
						return state;
					}

					return {
						...state,
						contact,
						edits: {},
						prepared: undefined,
						outcome: undefined,
						// A fresh start on this contact: the menu starts at its first item, not on "Review changes (0)".
						cardFocus: undefined,
						stack: [...popTo(state.stack, 'contact'), {name: 'card'}],
						error: undefined,
						notice: undefined,
					};
				}

				case 'contact': {
					return {...leaveContact(state), stack: popTo(state.stack, 'contact'), error: undefined, notice: undefined};
				}

				case 'stream': {
					return {
						...leaveContact(state),
						streamId: undefined,
						list: undefined,
						stack: popTo(state.stack, 'stream'),
						error: undefined,
						notice: undefined,
					};
				}

				case 'quit': {
					return {...state, exit: {code: state.unknownOutcome ? 1 : 0}};
				}
			}

			return state;
		}

		case 'retry-edit': {
			return retryEdit(state, action.current);
		}

		case 'error': {
			return {...state, error: action.error, notice: undefined, wait: undefined};
		}

		case 'rate-limit-wait': {
			return {...state, wait: action.wait};
		}

		case 'quit-request': {
			// A second Ctrl+C while asking means "yes, quit".
			if ((isDirty(state) || action.pending) && !state.confirmQuit) {
				return {...state, confirmQuit: true};
			}

			return {...state, exit: {code: 130}};
		}

		case 'quit-cancel': {
			return {...state, confirmQuit: false};
		}

		case 'quit': {
			return {...state, confirmQuit: false, exit: {code: action.code}};
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
			return {...push(state, {name: 'secret', profileName: action.profileName}), resumeDraft: action.draft};
		}

		case 'resume-dismissed': {
			const stack = currentScreen(state).name === 'resume' ? state.stack.slice(0, -1) : state.stack;
			return {...state, stack, resumeDraft: undefined, error: undefined, notice: action.notice};
		}

		case 'undo-prepared': {
			const contact = action.current;
			return {
				...push(state, {name: 'review'}),
				contact,
				list: withContactInList(state.list, contact),
				prepared: action.update,
				undoOf: action.undoOf,
			};
		}
	}

	return state;
}
