/*
 * Final shape (journal helper, session 2):
 *   export type JournalContext = {journal: Journal; profile?: string; host: string; kind?: 'update' | 'undo'; undoOf?: string};
 *   export type SendOptions = RequestOptions & {journal?: JournalContext};
 *   export type SendOutcome = SendResult & {journalId?: string; journalWarning?: string};
 *   sendUpdate(client, update, options?: SendOptions): Promise<SendOutcome>
 *   journalIdOf(error: unknown): string | undefined   // the entry a failed send left behind
 *   class JournalWriteError                            // the pending entry could not be written: nothing was sent
 */
import type {Contact} from '../contact/contact.js';
import {verifyStored, type FieldChange} from '../contact/diff.js';
import {isKoreError} from '../kore/errors.js';
import type {KoreClient, RequestOptions} from '../kore/types.js';
import type {Journal, JournalOutcome} from '../store/types.js';
import type {PreparedUpdate} from './prepare.js';

export type SendResult = {
	/** The contact as the server stored it (its PUT response). */
	stored: Contact;
	/** Whether the stored values are the ones sent (phone normalisation taken into account). */
	verification: {ok: boolean; mismatches: FieldChange[]};
};

/** Where and how a send is recorded in the change journal. Never holds a secret or a token. */
export type JournalContext = {
	journal: Journal;
	profile?: string;
	/** The normalised host (client.baseUrl). */
	host: string;
	/** Default 'update'. */
	kind?: 'update' | 'undo';
	/** For kind 'undo': the id of the entry being undone. */
	undoOf?: string;
};

export type SendOptions = RequestOptions & {journal?: JournalContext};

export type SendOutcome = SendResult & {
	/** The journal entry of this send (when a journal was given). */
	journalId?: string;
	/** Set when the PUT succeeded but its completion could not be written (the entry then reads "outcome unknown"). */
	journalWarning?: string;
};

/** The pending journal entry could not be written, so nothing was sent. */
export class JournalWriteError extends Error {
	override readonly name = 'JournalWriteError';
}

const failedEntries = new WeakMap<object, string>();

/** The journal entry id a failed sendUpdate recorded (for "see `kore-contacts history`" messages). */
export function journalIdOf(error: unknown): string | undefined {
	return error !== null && typeof error === 'object' ? failedEntries.get(error) : undefined;
}

/**
 * Sends the prepared body with one PUT (never retried: a PUT whose outcome is unknown must be
 * checked, not repeated) and compares what the server stored with what was sent.
 * Throws the client's KoreError (with `outcomeUnknown` when the request may have arrived).
 *
 * With `options.journal`: a pending entry (before/after fields, the body, profile, host, stream,
 * contact) is appended BEFORE the PUT, and completed after it: 'done' with the stored updatedAt,
 * or, when it throws, 'unknown' (the request may have arrived) or 'failed' (it did not take
 * effect) with the HTTP status and the error sentence. A process killed during the PUT leaves the
 * pending entry without completion, which reads as 'unknown'. When the pending entry cannot be
 * written, nothing is sent (JournalWriteError).
 */
export async function sendUpdate(client: KoreClient, update: PreparedUpdate, options: SendOptions = {}): Promise<SendOutcome> {
	const {journal: context, ...requestOptions} = options;
	const journalId = context ? beginEntry(context, update) : undefined;

	let stored: Contact;
	try {
		stored = await client.updateContact(update.streamId, update.contactId, update.body, requestOptions);
	} catch (error) {
		if (context && journalId !== undefined) {
			const outcome: JournalOutcome = isKoreError(error)
				? {
						status: error.outcomeUnknown ? 'unknown' : 'failed',
						...(error.status === undefined ? {} : {httpStatus: error.status}),
						error: error.message,
					}
				: {status: 'unknown', error: error instanceof Error ? error.message : String(error)};
			tryComplete(context.journal, journalId, outcome);
			if (error !== null && typeof error === 'object') failedEntries.set(error, journalId);
		}
		throw error;
	}

	const result: SendOutcome = {stored, verification: verifyStored(update.body, stored)};
	if (context && journalId !== undefined) {
		result.journalId = journalId;
		const updatedAt = stored.updatedAt;
		const problem = tryComplete(context.journal, journalId, {
			status: 'done',
			httpStatus: 200,
			...(updatedAt === undefined || updatedAt === null ? {} : {updatedAt: String(updatedAt)}),
		});
		if (problem) {
			result.journalWarning = `The update was saved, but its outcome could not be written to the change journal ${context.journal.path} (${problem}); \`kore-contacts history\` will show it as "outcome unknown".`;
		}
	}
	return result;
}

function beginEntry(context: JournalContext, update: PreparedUpdate): string {
	try {
		return context.journal.begin({
			...(context.profile === undefined ? {} : {profile: context.profile}),
			host: context.host,
			streamId: update.streamId,
			contactId: update.contactId,
			before: update.before,
			after: update.after,
			body: update.body,
			kind: context.kind ?? 'update',
			...(context.undoOf === undefined ? {} : {undoOf: context.undoOf}),
		});
	} catch (error) {
		throw new JournalWriteError(
			`Nothing was sent: the change journal ${context.journal.path} could not be written (${reason(error)}). Check that the settings folder is writable, or point KORE_CONTACTS_CONFIG_DIR at one that is.`,
		);
	}
}

/** Appends the completion; returns a short reason when it could not be written. */
function tryComplete(journal: Journal, id: string, outcome: JournalOutcome): string | undefined {
	try {
		journal.complete(id, outcome);
		return undefined;
	} catch (error) {
		return reason(error);
	}
}

function reason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string') return code;
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n')[0]!.slice(0, 200);
}
