import {useCallback, useEffect, useRef, useState} from 'react';
import {describeError, isKoreError} from '../../kore/errors.js';
import {checkConflict} from '../../update/conflict.js';
import {sendUpdate} from '../../update/send.js';
import {useEditor} from './use-editor.js';

export type SendPhase = 'checking' | 'saving';

/** How to find out whether an interrupted save arrived. */
export function howToCheck(streamId: string, contactId: string): string {
	return `Check before trying again: choose "Check this contact now" below, or run kore-contacts get --stream ${streamId} --contact ${contactId}.`;
}

/**
 * Re-reads the contact (checkConflict), then sends the PUT once (sendUpdate). `abort()` (Ctrl+C)
 * cancels: before the PUT nothing was sent; during the PUT the outcome is unknown, and it says so.
 */
export function useSend(): {phase: SendPhase; abort: () => void} {
	const {client, dispatch, state} = useEditor();
	const [phase, setPhase] = useState<SendPhase>('checking');
	const phaseRef = useRef<SendPhase>('checking');
	const controller = useRef<AbortController | undefined>(undefined);
	const started = useRef(false);
	const update = state.prepared;

	useEffect(() => {
		if (started.current || !update) {
			return;
		}

		started.current = true;
		if (!client) {
			dispatch({type: 'send-failed', error: {message: 'No profile is active, so nothing was sent.'}});
			return;
		}

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
				const result = await sendUpdate(client, update, {signal: mine.signal});
				dispatch({type: 'sent', stored: result.stored, verification: result.verification});
			} catch (error) {
				const check = howToCheck(update.streamId, update.contactId);
				if (phaseRef.current === 'checking') {
					dispatch({
						type: 'send-failed',
						error: mine.signal.aborted
							? {message: 'Cancelled while re-reading the contact: nothing was sent.', hint: 'Press Enter to try again, or Esc to go back.'}
							: {message: `Nothing was sent: ${describeError(error)}`},
					});
				} else if (mine.signal.aborted) {
					dispatch({
						type: 'send-unknown',
						message: `The save was interrupted after the request went out: Kore.ai may or may not have stored the change. ${check}`,
					});
				} else if (isKoreError(error) && error.outcomeUnknown) {
					dispatch({type: 'send-unknown', message: `${error.message} The change may or may not have been stored. ${check}`});
				} else {
					dispatch({type: 'send-failed', error: {message: `Not saved: ${describeError(error)}`}});
				}
			} finally {
				controller.current = undefined;
			}
		};

		void run();
	}, [client, update, dispatch]);

	const abort = useCallback(() => {
		controller.current?.abort();
	}, []);

	return {phase, abort};
}
