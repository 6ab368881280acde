import {useCallback, useEffect, useRef, useState} from 'react';
import {write, type WritePhase} from '../../core/write.js';
import {useEditor} from './use-editor.js';

/** After a cancel that sent nothing. */
const TRY_AGAIN = 'Press Enter to try again, or Esc to go back.';
/** Besides the shell commands of the outcome's hint. */
const CHECK_HERE = 'Or choose "Check this contact now" below, or reopen the contact.';
export type SendPhase = 'checking' | 'saving';

/** Until the PUT leaves, nothing is sent (Esc cancels); from then on Ctrl+C makes the outcome unknown. */
function sendPhase(phase: WritePhase): SendPhase {
	return phase === 'waiting' || phase === 'checking' ? 'checking' : 'saving';
}

/**
 * Runs the core write for the confirmed update (the review screen is the editor's confirmation)
 * and reports its outcome to the flow. `abort()` (Ctrl+C, Esc before the PUT) cancels it.
 */
export function useSend(): {phase: SendPhase; waiting: boolean; abort: () => void} {
	const {client, dispatch, state, services} = useEditor();
	const [phase, setPhase] = useState<SendPhase>('checking');
	// Another kore-contacts on this machine is saving this contact: the lock is awaited.
	const [waiting, setWaiting] = useState(false);
	const controller = useRef<AbortController | undefined>(undefined);
	const started = useRef(false);
	const update = state.prepared;
	const {undoOf, session} = state;

	useEffect(() => {
		if (started.current || !update) {
			return;
		}

		started.current = true;
		if (!client || !session) {
			dispatch({type: 'send-failed', error: {message: 'No profile is active, so nothing was sent.'}});
			return;
		}

		const mine = new AbortController();
		controller.current = mine;
		void write({
			client,
			update,
			kind: undoOf ? 'undo' : 'update',
			...(undoOf ? {undoOf} : {}),
			dir: services.store.dir,
			accountId: session.credentials.accountId,
			profile: session.profileName,
			store: services.store,
			signal: mine.signal,
			onPhase(next) {
				setPhase(sendPhase(next));
				setWaiting(next === 'waiting');
			},
		})
			.then(outcome => {
				const note = outcome.warnings.length > 0 ? outcome.warnings.join(' ') : undefined;
				switch (outcome.outcome) {
					case 'saved': {
						const rebuilt = outcome.rebuilt
							? `Someone else changed ${outcome.rebuilt.map(change => change.label).join(', ')} meanwhile: your change was made on their copy, keeping theirs.`
							: undefined;
						const notes = [rebuilt, note].filter(Boolean).join(' ');
						dispatch({
							type: 'sent',
							update: outcome.update,
							stored: outcome.stored,
							verification: outcome.verification,
							...(notes ? {note: notes} : {}),
						});
						break;
					}

					case 'conflict': {
						dispatch({type: 'conflict', conflict: {current: outcome.current, theirs: outcome.theirs}});
						break;
					}

					case 'unknown': {
						dispatch({
							type: 'send-unknown',
							message: [outcome.message, outcome.hint, CHECK_HERE, note].filter(Boolean).join(' '),
						});
						break;
					}

					case 'failed': {
						dispatch({type: 'send-failed', error: {message: [outcome.message, note].filter(Boolean).join(' ')}});
						break;
					}

					case 'not-sent': {
						const hint = outcome.reason === 'cancelled' ? TRY_AGAIN : outcome.hint;
						dispatch({type: 'send-failed', error: {message: outcome.message, ...(hint ? {hint} : {})}});
						break;
					}
				}
			})
			.finally(() => {
				controller.current = undefined;
			});
	}, [client, update, dispatch, services.store, undoOf, session]);

	const abort = useCallback(() => {
		controller.current?.abort();
	}, []);

	return {phase, waiting, abort};
}
