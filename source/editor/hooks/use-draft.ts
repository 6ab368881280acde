import {useEffect, useMemo, useRef, type Dispatch} from 'react';
import type {Drafts, Store} from '../../store/types.js';
import {draftEffect} from '../draft.js';
import type {FlowAction, FlowState} from '../state/flow.js';
import {draftsFor, fileErrorReason} from '../store-files.js';

/**
 * Keeps draft.json in step with the flow state (see ../draft.ts for when it saves and clears).
 * A draft that cannot be written is reported once; the edit goes on.
 */
export function useDraftKeeper(state: FlowState, store: Store, dispatch: Dispatch<FlowAction>): void {
	const drafts = useMemo((): Drafts | undefined => {
		try {
			return draftsFor(store);
		} catch {
			return undefined;
		}
	}, [store]);
	const previous = useRef<FlowState | undefined>(undefined);
	const warned = useRef(false);

	useEffect(() => {
		const effect = draftEffect(previous.current, state);
		previous.current = state;
		if (!effect) {
			return;
		}

		try {
			if (!drafts) {
				throw new Error(`the settings folder ${store.dir} is not usable`);
			}

			if (effect.op === 'save') {
				drafts.save(effect.draft);
			} else {
				drafts.clear();
			}
		} catch (error) {
			if (effect.op === 'save' && !warned.current) {
				warned.current = true;
				dispatch({
					type: 'error',
					error: {
						message: `Your edits could not be saved as a draft (${fileErrorReason(error)}): they live only in this window until sent.`,
						hint: 'Check that the settings folder is writable.',
					},
				});
			}
		}
	}, [state, drafts, store.dir, dispatch]);
}
