/**
 * The contact being corrected: as loaded, the operator's edits on top, the update prepared for the
 * review, a conflict found before sending, and the outcome of the send. Pure: no I/O, no clock, no React.
 */
import type {Contact, ContactFields, FieldName} from '../../contact/contact.js';
import type {FieldChange} from '../../contact/diff.js';
import {FIELD_LABELS, FIELD_NAMES, fieldsOf} from '../../contact/fields.js';
import {prepareUpdate, type PreparedUpdate} from '../../core/prepare.js';

export type Conflict = {current: Contact; theirs: FieldChange[]};

export type Verification = {ok: boolean; mismatches: FieldChange[]; changedSince?: FieldChange[]};

export type Outcome =
	| {
			kind: 'saved';
			update: PreparedUpdate;
			stored: Contact;
			/** changedSince: fields someone else changed right after the save (core/write's verification). */
			verification: Verification;
			undoOf?: string;
			note?: string;
	  }
	/** The request may or may not have reached the server (aborted or timed out mid-PUT). */
	| {kind: 'unknown'; update: PreparedUpdate; message: string; undoOf?: string};

export type EditSession = {
	/** The contact as loaded from the server (raw: sanitise when rendering). */
	contact?: Contact;
	/** Only fields whose value differs from the loaded contact. */
	edits: Partial<ContactFields>;
	prepared?: PreparedUpdate;
	conflict?: Conflict;
	outcome?: Outcome;
	/** The prepared update undoes this journal entry (sent and journaled as kind 'undo'). */
	undoOf?: string;
};

/** A step of the session that the operator is told about. */
export type Step = {session: EditSession; error?: {message: string; hint?: string}; notice?: string};

export const NO_CONTACT: EditSession = {
	contact: undefined,
	edits: {},
	prepared: undefined,
	conflict: undefined,
	outcome: undefined,
	undoOf: undefined,
};

/** The values the operator sees now: loaded values with the edits on top. */
export function currentFields(session: EditSession): ContactFields | undefined {
	if (!session.contact) {
		return undefined;
	}

	return {...fieldsOf(session.contact), ...session.edits};
}

export function editedFields(session: EditSession): FieldName[] {
	return FIELD_NAMES.filter(name => session.edits[name] !== undefined);
}

/** Unsaved edits exist (quitting asks first). */
export function isDirty(session: EditSession): boolean {
	return editedFields(session).length > 0;
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

/** The fields an update sets, as edits. */
function editsOf(update: PreparedUpdate): Partial<ContactFields> {
	const mine: Partial<ContactFields> = {};
	for (const change of update.changes) {
		mine[change.field] = change.after;
	}

	return mine;
}

function preparedErrors(errors: Partial<Record<FieldName, string>>): {message: string; hint: string} {
	const lines = FIELD_NAMES.filter(name => errors[name]).map(name => `${FIELD_LABELS[name]}: ${errors[name]}`);
	return {
		message: lines.length > 0 ? lines.join(' ') : 'These changes cannot be sent.',
		hint: 'Open the field from the menu and correct it.',
	};
}

export function loadContact(contact: Contact, edits: Partial<ContactFields> = {}): EditSession {
	return {...NO_CONTACT, contact, edits: normalizeEdits(contact, edits)};
}

export function edit(session: EditSession, fields: Partial<ContactFields>): EditSession {
	if (!session.contact) {
		return session;
	}

	return {...session, edits: normalizeEdits(session.contact, {...session.edits, ...fields})};
}

export function discard(session: EditSession): Step {
	if (!isDirty(session)) {
		return {session: {...session, prepared: undefined}, notice: 'Nothing to discard: no field has been changed.'};
	}

	return {session: {...session, edits: {}, prepared: undefined}, notice: 'Changes discarded.'};
}

/** The update for the review, or why it cannot be prepared (the session unchanged). */
export function review(session: EditSession, streamId: string): Step {
	if (!session.contact) {
		return {session};
	}

	if (!isDirty(session)) {
		return {
			session,
			error: {
				message: 'Nothing to review yet: no field has been changed.',
				hint: 'Choose Name, Salutation or Cell phone to edit a field.',
			},
		};
	}

	const result = prepareUpdate({streamId, loaded: session.contact, edits: session.edits});
	if (!result.ok) {
		return {session, error: preparedErrors(result.errors)};
	}

	return {session: {...session, prepared: result.update, undoOf: undefined}};
}

/** Leaving the review: nothing stays prepared. */
export function unprepare(session: EditSession): EditSession {
	return {...session, prepared: undefined, undoOf: undefined, conflict: undefined};
}

/** My fields on top of the values that are there now; `prepared` is set when something is left to send. */
export function applyOnTop(session: EditSession, streamId: string): Step {
	if (!session.conflict || !session.prepared) {
		return {session};
	}

	const contact = session.conflict.current;
	const next: EditSession = {
		...session,
		contact,
		edits: normalizeEdits(contact, editsOf(session.prepared)),
		conflict: undefined,
		prepared: undefined,
	};
	if (!isDirty(next)) {
		return {session: next, notice: 'Someone else already made exactly these changes: nothing left to send.'};
	}

	const result = prepareUpdate({streamId, loaded: contact, edits: next.edits});
	if (!result.ok) {
		return {session: next, error: preparedErrors(result.errors)};
	}

	return {
		session: {...next, prepared: result.update},
		notice: 'Your changes now sit on top of the current values: check the new diff.',
	};
}

export function reloadCurrent(session: EditSession): Step {
	if (!session.conflict) {
		return {session};
	}

	return {
		session: {...NO_CONTACT, contact: session.conflict.current},
		notice: 'Reloaded the current values; your edits were dropped.',
	};
}

export function cancelConflict(session: EditSession): Step {
	return {
		session: {...session, conflict: undefined, prepared: undefined, undoOf: undefined},
		notice: session.undoOf ? 'Nothing was sent: the undo was cancelled.' : 'Nothing was sent. Your edits are kept.',
	};
}

export function saved(
	session: EditSession,
	result: {update?: PreparedUpdate; stored: Contact; verification: Verification; note?: string},
): EditSession {
	if (!session.prepared) {
		return session;
	}

	// A check after an unknown outcome that finds the save went through: still the same undo, if it was one.
	const undoOf = session.undoOf ?? (session.outcome?.kind === 'unknown' ? session.outcome.undoOf : undefined);
	return {
		...NO_CONTACT,
		contact: result.stored,
		outcome: {
			kind: 'saved',
			update: result.update ?? session.prepared,
			stored: result.stored,
			verification: result.verification,
			...(undoOf ? {undoOf} : {}),
			...(result.note ? {note: result.note} : {}),
		},
		prepared: session.prepared,
	};
}

export function unknown(session: EditSession, message: string): EditSession {
	if (!session.prepared) {
		return session;
	}

	return {
		...session,
		edits: {},
		outcome: {
			kind: 'unknown',
			update: session.prepared,
			message,
			...(session.undoOf ? {undoOf: session.undoOf} : {}),
		},
		undoOf: undefined,
	};
}

/** After a save: the same contact again, fresh. */
export function again(session: EditSession): EditSession | undefined {
	const contact = session.outcome?.kind === 'saved' ? session.outcome.stored : session.contact;
	return contact ? loadContact(contact) : undefined;
}

/**
 * The edit whose outcome is unknown, back on the card: the fields the operator changed, on top of
 * the contact as it is now. Fields that already hold the sent values drop out (the save went
 * through); fields someone else changed meanwhile are named. The review re-reads before sending.
 */
export function retry(session: EditSession, current: Contact | undefined): Step | undefined {
	const outcome = session.outcome;
	if (outcome?.kind !== 'unknown') {
		return undefined;
	}

	const {update} = outcome;
	const contact = current ?? update.loaded;
	const next = loadContact(contact, editsOf(update));
	const now = fieldsOf(contact);
	const others = FIELD_NAMES.filter(name => now[name] !== update.before[name] && now[name] !== update.after[name]);
	const meanwhile =
		others.length > 0
			? ` Changed on the server by someone else meanwhile: ${others.map(name => FIELD_LABELS[name]).join(', ')}.`
			: '';
	let notice: string;
	if (!current) {
		notice =
			'Your edit is back on the values you loaded; whether the last save went through is not known. Before anything is sent, the contact is read again and any change made since is shown first.';
	} else if (!isDirty(next)) {
		notice = 'Re-read the contact: it already holds the values you sent, so the save went through. Nothing is left to send.';
	} else {
		notice = `Re-read the contact: it does not hold all you sent, so your edit is kept on top of its current values. Review checks again before anything is sent.${meanwhile}`;
	}

	return {session: next, notice};
}

/** An undo of a journal entry, prepared on the contact as it is now. */
export function undoPrepared(session: EditSession, update: PreparedUpdate, undoOf: string, current: Contact): EditSession {
	return {...session, contact: current, prepared: update, undoOf};
}
