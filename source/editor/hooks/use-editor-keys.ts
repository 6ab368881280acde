import {useCallback, useMemo, useRef, useState, type Dispatch, type RefObject} from 'react';
import {useInput} from 'ink';
import {currentScreen, isDirty, type FlowAction, type FlowState} from '../flow.js';
import {useNamedKeys} from '../terminal/key-name.js';
import type {ScreenKeys} from './use-screen-keys.js';

/**
 * The editor-wide keys: Ctrl+C and the quit question, `q` (quit from menus, through the same
 * question), and `?` / F1 (the key list, view-only state: while it shows, screens take no keys and
 * the next key closes it). `?` and `q` are text on a screen with a text field.
 */
export function useEditorKeys(
	latest: RefObject<FlowState>,
	dispatch: Dispatch<FlowAction>,
	pendingInput: RefObject<boolean>,
): ScreenKeys {
	const [help, setHelp] = useState(false);
	const helpOpen = useRef(false);
	const showHelp = (open: boolean) => {
		helpOpen.current = open;
		setHelp(open);
	};

	// Text fields on the screen, counted in a ref (read by the next key) and in state (for the key line).
	const typingCount = useRef(0);
	const [typing, setTypingState] = useState(false);
	const setTyping = useCallback((present: boolean) => {
		typingCount.current = Math.max(0, typingCount.current + (present ? 1 : -1));
		setTypingState(typingCount.current > 0);
	}, []);

	// The exit code the quit question's y gives: 130 after Ctrl+C, as a Quit item's after q.
	const quitCode = useRef(130);
	useInput((input, key) => {
		const state = latest.current;
		if (state.confirmQuit) {
			if (input === 'y' || input === 'Y' || (key.ctrl && input === 'c')) {
				dispatch({type: 'quit', code: key.ctrl ? 130 : quitCode.current});
			} else if (input === 'n' || input === 'N' || key.escape || key.return) {
				dispatch({type: 'quit-cancel'});
			}

			return;
		}

		// During the PUT, Ctrl+C aborts the request (the send screen handles it) instead of quitting.
		if (key.ctrl && input === 'c' && currentScreen(state).name !== 'send') {
			quitCode.current = 130;
			dispatch({type: 'quit-request', pending: pendingInput.current});
		}
	});

	// F1 has no name in useInput: these are read from the same key events with their names.
	useNamedKeys(key => {
		const state = latest.current;
		if (helpOpen.current) {
			showHelp(false);
			return;
		}

		if (state.confirmQuit || state.exit || currentScreen(state).name === 'send') return;
		const text = typingCount.current > 0 || key.ctrl || key.meta;
		if (key.name === 'f1' || (!text && key.sequence === '?')) {
			showHelp(true);
		} else if (!text && key.sequence === 'q') {
			// The one quit path: the question when edits would be lost, else the exit a Quit item gives.
			quitCode.current = state.unknownOutcome ? 1 : 0;
			if (isDirty(state) || pendingInput.current) {
				dispatch({type: 'quit-request', pending: true});
			} else {
				dispatch({type: 'quit', code: quitCode.current});
			}
		}
	});

	const screen = currentScreen(latest.current).name;
	return useMemo(
		(): ScreenKeys => ({help, typing, setTyping, quits: !typing && screen !== 'send'}),
		[help, typing, setTyping, screen],
	);
}
