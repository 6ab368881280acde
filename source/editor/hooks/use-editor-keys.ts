import {useCallback, useMemo, useRef, useState, type Dispatch, type RefObject} from 'react';
import {useInput} from 'ink';
import {currentScreen, isDirty, type FlowAction, type FlowState} from '../state/flow.js';
import {useNamedKeys} from '../terminal/key-name.js';
import type {ScreenKeys} from './use-screen-keys.js';

/**
 * The editor-wide keys: Ctrl+C and the quit question, `q` (quit from menus, through the same
 * question), and `?` / F1 (the key list). Both the question and the list are view state kept here:
 * while either shows, screens take no keys, and the next key answers or closes it. `?` and `q` are
 * text on a screen with a text field.
 */
export function useEditorKeys(
	latest: RefObject<FlowState>,
	dispatch: Dispatch<FlowAction>,
	pendingInput: RefObject<boolean>,
): ScreenKeys & {confirmQuit: boolean} {
	const [help, setHelp] = useState(false);
	const helpOpen = useRef(false);
	const showHelp = (open: boolean) => {
		helpOpen.current = open;
		setHelp(open);
	};

	const [confirmQuit, setConfirmQuit] = useState(false);
	const asking = useRef(false);
	const ask = (open: boolean) => {
		asking.current = open;
		setConfirmQuit(open);
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
	/** The one quit path: the question when edits or typed text would be lost, else the exit at once. */
	const quit = (state: FlowState, code: number) => {
		quitCode.current = code;
		if (isDirty(state) || pendingInput.current) ask(true);
		else dispatch({type: 'quit', code});
	};

	useInput((input, key) => {
		const state = latest.current;
		if (asking.current) {
			if (input === 'y' || input === 'Y' || (key.ctrl && input === 'c')) {
				ask(false);
				dispatch({type: 'quit', code: key.ctrl ? 130 : quitCode.current});
			} else if (input === 'n' || input === 'N' || key.escape || key.return) {
				ask(false);
			}

			return;
		}

		// During the PUT, Ctrl+C aborts the request (the send screen handles it) instead of quitting.
		if (key.ctrl && input === 'c' && currentScreen(state).name !== 'send') quit(state, 130);
	});

	// F1 has no name in useInput: these are read from the same key events with their names.
	useNamedKeys(key => {
		const state = latest.current;
		if (helpOpen.current) {
			showHelp(false);
			return;
		}

		if (asking.current || state.exit || currentScreen(state).name === 'send') return;
		const text = typingCount.current > 0 || key.ctrl || key.meta;
		if (key.name === 'f1' || (!text && key.sequence === '?')) {
			showHelp(true);
		} else if (!text && key.sequence === 'q') {
			quit(state, state.unknownOutcome ? 1 : 0);
		}
	});

	const screen = currentScreen(latest.current).name;
	return useMemo(
		() => ({help, typing, setTyping, quits: !typing && screen !== 'send', confirmQuit}),
		[help, typing, setTyping, screen, confirmQuit],
	);
}
