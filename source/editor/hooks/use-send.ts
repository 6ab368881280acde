import {useCallback, useEffect, useRef, useState} from 'react';
import {describeError, isKoreError} from '../../kore/errors.js';
import type {Journal} from '../../store/types.js';
import {checkConflict} from '../../core/conflict.js';
import {journalIdOf, JournalWriteError, sendUpdate, type JournalContext} from '../../core/send.js';
import {shortId} from '../../core/undo.js';
import {fileErrorReason, journalFor} from '../store-files.js';
import {useEditor} from './use-editor.js';

/** After a cancel that sent nothing. */
const TRY_AGAIN = 'Press Enter to try again, or Esc to go back.';
export type SendPhase = 'checking' | 'saving';

/** How to find out whether an interrupted save arrived. */
export function howToCheck(streamId: string, contactId: string): string {
	return `To check before trying again: choose "Check this contact now" below or reopen the contact, run kore-contacts history --contact ${contactId}, or kore-contacts get --stream ${streamId} --contact ${contactId}.`;
}

function withStop(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** What the journal holds about a send whose outcome is unknown. */
export function journalNote(entryId: string | undefined): string {
	return entryId
		? `The change journal recorded it as OUTCOME UNKNOWN (entry ${shortId(entryId)}).`
		: 'The change journal recorded it as OUTCOME UNKNOWN.';
}

/**
 * Re-reads the contact (checkConflict), then sends the PUT once (sendUpdate), journaled: the
 * entry is written before the PUT and completed after it (kind 'undo' when the update undoes an
 * entry). `abort()` (Ctrl+C) cancels: before the PUT nothing was sent; during the PUT the outcome
 * is unknown, and it says so, with where the journal recorded it and how to check.
 */
export function useSend(): {phase: SendPhase; abort: () => void} {
	const {client, dispatch, state, services} = useEditor();
	const [phase, setPhase] = useState<SendPhase>('checking');
	const phaseRef = useRef<SendPhase>('checking');
	const controller = useRef<AbortController | undefined>(undefined);
	const started = useRef(false);
	const update = state.prepared;
	const {undoOf} = state;
	const profile = state.session?.profileName;

	useEffect(() => {
		if (started.current || !update) {
			return;
		}

		started.current = true;
		if (!client) {
			dispatch({type: 'send-failed', error: {message: 'No profile is active, so nothing was sent.'}});
			return;
		}

		let journal: Journal;
		try {
			journal = journalFor(services.store);
		} catch (error) {
			dispatch({
				type: 'send-failed',
				error: {
					message: `Nothing was sent: the change journal in ${services.store.dir} could not be opened (${fileErrorReason(error)}).`,
					hint: 'Check that the settings folder is writable, or point KORE_CONTACTS_CONFIG_DIR at one that is.',
				},
			});
			return;
		}

		const context: JournalContext = {
			journal,
			host: client.baseUrl,
			...(profile === undefined ? {} : {profile}),
			kind: undoOf ? 'undo' : 'update',
			...(undoOf ? {undoOf} : {}),
		};
		const mine = new AbortController();
		controller.current = mine;
		const run = async () => {
			try {
				const check = await checkConflict(client, update, {signal: mine.signal});
				if (check.conflict) {
					dispatch({type: 'conflict', conflict: {current: check.current, theirs: check.theirs}});
					return;
				}

				if (mine.signal.aborted) {
					throw new Error('aborted');
				}

				phaseRef.current = 'saving';
				setPhase('saving');
				const result = await sendUpdate(client, update, {signal: mine.signal, journal: context});
				dispatch({
					type: 'sent',
					stored: result.stored,
					verification: result.verification,
					...(result.journalWarning ? {note: result.journalWarning} : {}),
				});
			} catch (error) {
				const check = howToCheck(update.streamId, update.contactId);
				if (phaseRef.current === 'checking') {
					dispatch({
						type: 'send-failed',
						error: mine.signal.aborted
							? {
									message: 'Cancelled while re-reading the contact: nothing was sent.',
									hint: TRY_AGAIN,
								}
							: {message: `Nothing was sent: ${describeError(error)}`},
					});
				} else if (error instanceof JournalWriteError) {
					dispatch({type: 'send-failed', error: {message: error.message}});
				} else if (mine.signal.aborted && isKoreError(error) && !error.outcomeUnknown) {
					// Cancelled while the request was being signed: it never left (the journal says failed).
					dispatch({
						type: 'send-failed',
						error: {
							message: 'Cancelled before the request went out: nothing was sent.',
							hint: TRY_AGAIN,
						},
					});
				} else if (mine.signal.aborted) {
					dispatch({
						type: 'send-unknown',
						message: `The outcome is unknown: the save was interrupted after the request went out, so Kore.ai may or may not have stored the change. ${journalNote(journalIdOf(error))} ${check}`,
					});
				} else if (isKoreError(error) && error.outcomeUnknown) {
					dispatch({
						type: 'send-unknown',
						// The summary, not the message: the message's hint repeats the `kore-contacts get` check below.
						message: `The outcome is unknown. ${withStop(error.summary)} ${journalNote(journalIdOf(error))} ${check}`,
					});
				} else {
					dispatch({type: 'send-failed', error: {message: `Not saved: ${describeError(error)}`}});
				}
			} finally {
				controller.current = undefined;
			}
		};

		void run();
	}, [client, update, dispatch, services.store, undoOf, profile]);

	const abort = useCallback(() => {
		controller.current?.abort();
	}, []);

	return {phase, abort};
}
