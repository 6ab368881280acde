import {createContext, useContext, useEffect, type Dispatch} from 'react';
import {useInput} from 'ink';
import type {KoreClient} from '../../kore/types.js';
import type {EditorServices} from '../services.js';
import type {FlowAction, FlowState} from '../state/flow.js';
import type {Wait} from '../components/Waiting.js';
import type {TerminalSize} from './use-terminal-size.js';

export type StreamInput = {streamId: string; nickname: string};

export type EditorContextValue = {
	state: FlowState;
	dispatch: Dispatch<FlowAction>;
	services: EditorServices;
	/** The client for the current session (undefined before a profile is chosen). */
	client: KoreClient | undefined;
	size: TerminalSize;
	/** Rows a screen may use below the header: the whole live area stays shorter than the terminal. */
	bodyRows: number;
	/** False while the quit question shows: screens stop taking keys. */
	active: boolean;
	/** The quit question is showing (the key line asks it). */
	confirmQuit: boolean;
	/** The client is holding a request back for the rate limit: screens show the countdown. */
	wait: Wait | undefined;
	/**
	 * The stream ID (and nickname) typed on the stream screen and sent for checking: kept while the
	 * profile form fixes the credentials (or is left with Esc), so the stream field still holds it.
	 */
	streamInput: StreamInput | undefined;
	setStreamInput: (input: StreamInput | undefined) => void;
	/** Forms report typed-but-not-submitted text, so Ctrl+C asks before throwing it away. */
	setPendingInput: (pending: boolean) => void;
};

export const EditorContext = createContext<EditorContextValue | undefined>(undefined);

export function useEditor(): EditorContextValue {
	const value = useContext(EditorContext);
	if (!value) {
		throw new Error('useEditor() must be used inside <Editor> (or EditorContext.Provider in tests).');
	}

	return value;
}

/** Esc on this screen: run `onEscape` (default: go back one step). */
export function useEscape(onEscape?: () => void, options: {isActive?: boolean} = {}): void {
	const {dispatch, active} = useEditor();
	useInput(
		(_input, key) => {
			if (key.escape) {
				if (onEscape) {
					onEscape();
				} else {
					dispatch({type: 'back'});
				}
			}
		},
		{isActive: active && (options.isActive ?? true)},
	);
}

/** Tells the editor that this form holds typed text that is not submitted yet. */
export function usePendingInput(pending: boolean): void {
	const {setPendingInput} = useEditor();
	useEffect(() => {
		setPendingInput(pending);
		return () => {
			setPendingInput(false);
		};
	}, [pending, setPendingInput]);
}
