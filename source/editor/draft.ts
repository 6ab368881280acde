/**
 * When the editor saves or removes the unsent draft (pure: the hook use-draft.ts does the I/O).
 *
 * - Saved on every change of the edits (and when a draft is resumed), with profile, host, stream,
 *   the contact as loaded and the edits.
 * - Removed when the edits are gone because the operator sent them, discarded them, left the
 *   contact dropping them, reloaded over them, or quit confirming "lose the unsaved edits?".
 * - Kept when the edits vanish without the operator choosing it: an outcome-unknown send (the
 *   draft is then the way back to the edit, until a check finds it went through) or rejected
 *   credentials. A signal (SIGHUP, SIGTERM) or
 *   a crash never reaches the reducer, so the last saved draft stays.
 */
import {contactName} from '../contact/display.js';
import type {Draft} from '../store/types.js';
import {currentScreen, isDirty, type FlowState} from './state/flow.js';

export type DraftEffect = {op: 'save'; draft: Omit<Draft, 'savedAt'>} | {op: 'clear'} | undefined;

export function draftOf(state: FlowState): Omit<Draft, 'savedAt'> | undefined {
	const {contact, session, streamId} = state;
	if (!contact || !session || !streamId || !isDirty(state)) {
		return undefined;
	}

	return {
		profile: session.profileName,
		host: session.credentials.host,
		streamId,
		contactId: String(contact.id),
		contactLabel: contactName(contact),
		loaded: contact,
		edits: state.edits,
	};
}

export function draftEffect(previous: FlowState | undefined, next: FlowState): DraftEffect {
	if (next.exit) {
		// The only way out with edits still there is "Quit and lose the unsaved edits? y".
		return isDirty(next) ? {op: 'clear'} : undefined;
	}

	// "Check this contact now" found that the send whose outcome was unknown went through.
	if (previous?.outcome?.kind === 'unknown' && next.outcome?.kind === 'saved') {
		return {op: 'clear'};
	}

	const draft = draftOf(next);
	if (draft) {
		const changed =
			!previous ||
			previous.edits !== next.edits ||
			previous.contact !== next.contact ||
			previous.streamId !== next.streamId ||
			previous.session !== next.session;
		return changed ? {op: 'save', draft} : undefined;
	}

	if (previous && isDirty(previous) && !isDirty(next)) {
		if (next.outcome?.kind === 'unknown' || currentScreen(next).name === 'profile-form') {
			return undefined;
		}

		return {op: 'clear'};
	}

	return undefined;
}
