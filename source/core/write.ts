/**
 * The one write use case, below the editor and the commands: lock → re-read (rebuild or conflict)
 * → journal pending → PUT → journal complete → verification read → recents. The caller has
 * already confirmed the update (y/N, --yes, the review screen; see confirmation.ts for protected
 * profiles). Returns a typed outcome; never prints, never throws for an expected failure.
 */
import type {Contact} from '../contact/contact.js';
import {diffFields, verifyStored, type FieldChange} from '../contact/diff.js';
import {fieldsOf} from '../contact/fields.js';
import {sanitize} from '../contact/sanitize.js';
import {describeError, isKoreError} from '../kore/errors.js';
import type {KoreClient} from '../kore/types.js';
import {openJournal} from '../store/journal.js';
import {acquireLock, LockError, type HeldLock, type LockOwner} from '../store/lock.js';
import type {Journal, JournalOutcome, PendingEntry, Store} from '../store/types.js';
import {errorReason, withStop} from '../util.js';
import {checkFresh} from './conflict.js';
import type {PreparedUpdate} from './prepare.js';
import {rememberRecent} from './recents.js';

export type WritePhase = 'waiting' | 'checking' | 'saving' | 'verifying';

export type WriteRequest = {
	client: KoreClient;
	update: PreparedUpdate;
	kind: 'update' | 'undo';
	/** With kind 'undo': the journal entry it undoes. */
	undoOf?: string;
	/** The settings folder: journal.jsonl and locks/ live there. */
	dir: string;
	accountId: string;
	/** The profile in use (journaled; its recents are updated when the settings hold it). */
	profile?: string;
	store?: Store;
	signal?: AbortSignal;
	onPhase?: (phase: WritePhase, detail?: {owner?: LockOwner}) => void;
	/** How long to wait for another writer of this contact (default 60 s). */
	lockWaitMs?: number;
};

export type Verification = {
	/** True only when the server holds exactly what was sent, also when read back afterwards. */
	ok: boolean;
	/** Fields the PUT's answer holds differently from what was sent. */
	mismatches: FieldChange[];
	/** Fields someone else changed between this PUT and the read after it (as stored → now). */
	changedSince: FieldChange[];
	/** False when the read after the PUT failed (only the PUT's answer was compared). */
	reread: boolean;
};

type Common = {
	/** The update as sent (or as it would have been): the fresh rebuild when `rebuilt` is set. */
	update: PreparedUpdate;
	/** Journal problems that did not stop the write (e.g. its completion could not be written). */
	warnings: string[];
};

export type WriteOutcome =
	| (Common & {
			outcome: 'saved';
			stored: Contact;
			verification: Verification;
			journalId: string;
			/** Someone else changed these other fields after the read: the body was rebuilt on their copy. */
			rebuilt?: FieldChange[];
	  })
	| (Common & {
			outcome: 'unknown';
			journalId: string;
			/** Ctrl+C during the PUT (else: a timeout or a lost connection). */
			interrupted: boolean;
			error: unknown;
			message: string;
			hint: string;
	  })
	| (Common & {outcome: 'failed'; journalId: string; error: unknown; message: string; hint?: string})
	| (Common & {outcome: 'conflict'; current: Contact; theirs: FieldChange[]; message: string; hint: string})
	| (Common & {
			outcome: 'not-sent';
			reason: 'journal' | 'lock' | 'cancelled' | 'reread';
			/** Set when the pending entry was written (then completed as failed). */
			journalId?: string;
			message: string;
			hint?: string;
			error?: unknown;
	  });

export type WriteOutcomeName = WriteOutcome['outcome'];

const FOLDER_HINT = 'Check that the settings folder is writable and has room, or point KORE_CONTACTS_CONFIG_DIR at one that is.';

/** How to find out whether a write whose outcome is unknown arrived. */
function howToCheck(streamId: string, contactId: string): string {
	const contact = sanitize(contactId);
	return `Check the contact before sending again: kore-contacts history --contact ${contact}, or kore-contacts get --stream ${sanitize(streamId)} --contact ${contact}.`;
}

/** What the journal holds about a write that did not end in "saved". */
function journalNote(journalId: string, status: 'unknown' | 'failed'): string {
	return status === 'unknown'
		? `The change journal records it as OUTCOME UNKNOWN (entry ${sanitize(journalId)}).`
		: `The change journal records it as failed (entry ${sanitize(journalId)}); nothing was changed.`;
}

/** The journal's pending line for an update about to leave: what it changes, and whose write it is. */
export function pendingEntry(
	update: PreparedUpdate,
	who: {profile?: string | undefined; host: string; kind: 'update' | 'undo'; undoOf?: string | undefined; batch?: string},
): PendingEntry {
	return {
		...(who.profile === undefined ? {} : {profile: who.profile}),
		host: who.host,
		streamId: update.streamId,
		contactId: update.contactId,
		before: update.before,
		after: update.after,
		body: update.body,
		kind: who.kind,
		...(who.undoOf === undefined ? {} : {undoOf: who.undoOf}),
		...(who.batch === undefined ? {} : {batch: who.batch}),
	};
}

export async function write(request: WriteRequest): Promise<WriteOutcome> {
	const {client, dir, signal} = request;
	let update = request.update;
	const warnings: string[] = [];
	const notSent = (reason: 'journal' | 'lock' | 'cancelled' | 'reread', message: string, hint?: string, error?: unknown) =>
		({
			outcome: 'not-sent',
			update,
			warnings,
			reason,
			message,
			...(hint === undefined ? {} : {hint}),
			...(error === undefined ? {} : {error}),
		}) as const;
	const cancelled = (when: string) => notSent('cancelled', `Cancelled ${when}: nothing was sent.`);

	let journal: Journal;
	try {
		journal = openJournal(dir);
	} catch (error) {
		return notSent(
			'journal',
			`Nothing was sent: the change journal in ${dir} could not be opened (${errorReason(error)}).`,
			FOLDER_HINT,
			error,
		);
	}

	let lock: HeldLock;
	try {
		lock = await acquireLock(
			dir,
			{host: client.baseUrl, accountId: request.accountId, streamId: update.streamId, contactId: update.contactId},
			{
				...(signal ? {signal} : {}),
				...(request.lockWaitMs === undefined ? {} : {waitMs: request.lockWaitMs}),
				onWait: owner => request.onPhase?.('waiting', owner ? {owner} : {}),
			},
		);
	} catch (error) {
		if (signal?.aborted) return cancelled('while waiting for another save of this contact');
		if (error instanceof LockError) return notSent('lock', `Nothing was sent: ${error.message}`, undefined, error);
		return notSent(
			'lock',
			`Nothing was sent: the contact's lock could not be taken (${errorReason(error)}).`,
			FOLDER_HINT,
			error,
		);
	}

	try {
		request.onPhase?.('checking');
		let current: Contact;
		try {
			current = (await client.rereadContact(update.streamId, update.contactId, signal ? {signal} : {})).contact;
		} catch (error) {
			if (signal?.aborted) return cancelled('while re-reading the contact');
			return notSent('reread', `Nothing was sent: ${describeError(error)}`, undefined, error);
		}

		const fresh = checkFresh(update, current);
		if (fresh.kind === 'conflict') {
			return {
				outcome: 'conflict',
				update,
				warnings,
				current,
				theirs: fresh.theirs,
				message: `Nothing was sent: contact ${sanitize(update.contactId)} was changed by someone else after it was read.`,
				hint: 'Check the contact, then make the change again if it is still needed.',
			};
		}

		const rebuilt = fresh.kind === 'rebuilt' ? fresh.theirs : undefined;
		if (fresh.kind === 'rebuilt') update = fresh.update;
		if (signal?.aborted) return cancelled('before the request went out');

		request.onPhase?.('saving');
		let journalId: string;
		try {
			journalId = journal.begin(pendingEntry(update, {...request, host: client.baseUrl}));
		} catch (error) {
			return notSent(
				'journal',
				`Nothing was sent: the change could not be written to the change journal ${journal.path} first (${errorReason(error)}).`,
				FOLDER_HINT,
				error,
			);
		}

		const complete = (outcome: JournalOutcome) => {
			try {
				journal.complete(journalId, outcome);
			} catch (error) {
				warnings.push(
					`The outcome could not be written to the change journal ${journal.path} (${errorReason(error)}): \`kore-contacts history\` shows entry ${journalId} as OUTCOME UNKNOWN.`,
				);
			}
		};

		let stored: Contact;
		try {
			stored = await client.updateContact(update.streamId, update.contactId, update.body, signal ? {signal} : {});
		} catch (error) {
			const unknown = !isKoreError(error) || error.outcomeUnknown;
			complete({
				status: unknown ? 'unknown' : 'failed',
				...(isKoreError(error) && error.status !== undefined ? {httpStatus: error.status} : {}),
				error: isKoreError(error) ? error.message : errorReason(error),
			});
			if (!unknown && signal?.aborted) {
				// Cancelled while the request was being signed: it never left.
				return {...cancelled('before the request went out'), journalId};
			}

			if (!unknown) {
				return {
					outcome: 'failed',
					update,
					warnings,
					journalId,
					error,
					message: `Not saved: ${describeError(error)}`,
					hint: journalNote(journalId, 'failed'),
				};
			}

			const interrupted = Boolean(signal?.aborted);
			const what = interrupted
				? 'the save was interrupted after the request went out, so Kore.ai may or may not have stored the change.'
				: withStop(isKoreError(error) ? error.summary : describeError(error));
			return {
				outcome: 'unknown',
				update,
				warnings,
				journalId,
				interrupted,
				error,
				message: `The outcome is unknown: ${what} ${journalNote(journalId, 'unknown')}`,
				hint: howToCheck(update.streamId, update.contactId),
			};
		}

		complete({
			status: 'done',
			httpStatus: 200,
			...(stored.updatedAt === undefined || stored.updatedAt === null ? {} : {updatedAt: String(stored.updatedAt)}),
		});

		request.onPhase?.('verifying');
		const verification = await verify(client, update, stored, signal);
		rememberRecent(request.store, request.profile, update.streamId, stored);
		return {
			outcome: 'saved',
			update,
			warnings,
			stored,
			verification,
			journalId,
			...(rebuilt ? {rebuilt} : {}),
		};
	} finally {
		lock.release();
	}
}

/**
 * The PUT's answer compared with what was sent, then the contact read back (still under the lock):
 * a field that differs from the answer was changed by someone else in between, so what was sent
 * is not what the server holds.
 */
async function verify(client: KoreClient, update: PreparedUpdate, stored: Contact, signal?: AbortSignal): Promise<Verification> {
	const {mismatches} = verifyStored(update.body, stored);
	let changedSince: FieldChange[] = [];
	let reread = true;
	try {
		const {contact: now} = await client.rereadContact(update.streamId, update.contactId, signal ? {signal} : {});
		changedSince = diffFields(fieldsOf(stored), fieldsOf(now)).filter(row => row.changed);
	} catch {
		reread = false;
	}

	return {ok: mismatches.length === 0 && changedSince.length === 0, mismatches, changedSince, reread};
}
