import type React from 'react';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, useApp} from 'ink';
import {contactLabel} from '../contact/display.js';
import {describeError} from '../kore/errors.js';
import type {KoreClient} from '../kore/types.js';
import {Header, headerRows} from './components/Header.js';
import {currentScreen, flowReducer} from './state/flow.js';
import type {Screen} from './state/navigation.js';
import {useDraftKeeper} from './hooks/use-draft.js';
import type {Wait} from './components/Waiting.js';
import {EditorContext, type EditorContextValue, type StreamInput} from './hooks/use-editor.js';
import {useEditorKeys} from './hooks/use-editor-keys.js';
import {ScreenKeysContext} from './hooks/use-screen-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {LinkScreen} from './screens/LinkScreen.js';
import {asciiOnly} from './terminal/capabilities.js';
import {createTheme, ThemeContext} from './theme.js';

import {initialState} from './initial-state.js';
import {ScreenView} from './screens/ScreenView.js';
import type {EditorServices} from './services.js';

export type EditorProps = {
	services: EditorServices;
	onExit: (code: number) => void;
};

/** Screens after the link was followed: none of these is shown in between. */
const LINK_SCREENS = new Set<Screen['name']>(['stream', 'contact']);

/**
 * The interactive editor: shows the screen the flow state names, under a header line.
 * The only place that exits: calls onExit(code), then Ink's exit().
 */
export function Editor({services, onExit}: EditorProps): React.JSX.Element {
	const [state, dispatch] = useReducer(flowReducer, services, initialState);
	const {exit} = useApp();
	const size = useTerminalSize();
	const theme = useMemo(
		() => createTheme({color: services.color, ascii: asciiOnly(services.env)}),
		[services.color, services.env],
	);
	const [wait, setWait] = useState<Wait | undefined>();
	const [streamInput, setStreamInput] = useState<StreamInput | undefined>();
	const pendingInput = useRef(false);
	const setPendingInput = useCallback((pending: boolean) => {
		pendingInput.current = pending;
	}, []);

	const {session} = state;
	const clientResult = useMemo((): {client?: KoreClient; error?: string} => {
		if (!session) {
			return {};
		}

		try {
			const client = services.createClient(session.credentials, {
				profileName: session.profileName,
				onRateLimitWait(wait) {
					setWait({...wait, until: Date.now() + wait.seconds * 1000});
				},
			});
			return {client};
		} catch (error) {
			return {error: describeError(error)};
		}
	}, [session, services]);

	useEffect(() => {
		if (clientResult.error && session) {
			dispatch({
				type: 'credentials-rejected',
				error: {message: clientResult.error},
				initial: {
					name: session.profileName,
					host: session.credentials.host,
					accountId: session.credentials.accountId,
					clientId: session.credentials.clientId,
					protected: session.protected,
				},
			});
		}
	}, [clientResult.error, session]);

	// Whatever the flow does next (a page, an error, a result) ends the wait it was held in.
	// biome-ignore lint/correctness/useExhaustiveDependencies: any new flow state ends the wait
	useEffect(() => {
		setWait(undefined);
	}, [state]);

	// A stream opened, or the operator left the stream screen: the typed stream ID has served.
	const onStreamScreen = state.stack.some(screen => screen.name === 'stream');
	useEffect(() => {
		if (state.streamId !== undefined || !onStreamScreen) setStreamInput(undefined);
	}, [state.streamId, onStreamScreen]);

	const top = currentScreen(state);
	// The deep link, until it has done what it could (then undefined), and the contact ID it leaves
	// in the contact screen's Find field (read when that screen first shows).
	const [link, setLink] = useState(services.link);
	const [contactQuery, setContactQuery] = useState<string | undefined>();
	const linkDone = useCallback((query?: string) => {
		setLink(undefined);
		setContactQuery(query);
	}, []);
	const following = link !== undefined && session !== undefined && LINK_SCREENS.has(top.name);
	useEffect(() => {
		// A resumed draft opened its own contact: the link has nothing left to do.
		if (link && !following && (top.name === 'card' || top.name === 'review')) setLink(undefined);
		if (contactQuery !== undefined && top.name === 'contact') setContactQuery(undefined);
	}, [link, following, top.name, contactQuery]);

	// Keys can arrive before the handler below is re-registered: read the latest state from a ref.
	const latest = useRef(state);
	latest.current = state;
	const screenKeys = useEditorKeys(latest, dispatch, pendingInput);
	const {confirmQuit} = screenKeys;

	// Before the exit effect below: a confirmed quit removes the draft before Ink unmounts.
	useDraftKeeper(state, services.store, dispatch);

	// biome-ignore lint/correctness/useExhaustiveDependencies: the one place that exits, once, when the flow asks to
	useEffect(() => {
		if (state.exit) {
			onExit(state.exit.code);
			exit();
		}
	}, [state.exit]);

	const demo = services.demo?.banner;
	const bodyRows = Math.max(6, size.rows - headerRows({demo}) - 1);
	const value = useMemo(
		(): EditorContextValue => ({
			state,
			dispatch,
			services,
			client: clientResult.client,
			size,
			bodyRows,
			active: !confirmQuit && !state.exit && !screenKeys.help,
			confirmQuit,
			wait,
			streamInput,
			setStreamInput,
			setPendingInput,
		}),
		[state, services, clientResult.client, size, bodyRows, setPendingInput, confirmQuit, wait, streamInput, screenKeys.help],
	);

	const contact = state.contact ? contactLabel(state.contact, ` ${theme.symbols.dot} `) : undefined;
	return (
		<ThemeContext.Provider value={theme}>
			<EditorContext.Provider value={value}>
				<Box flexDirection="column" width={size.columns}>
					<Header
						profile={session?.profileName}
						host={session?.credentials.host}
						streamId={state.streamId}
						contact={contact}
						protected={session?.protected}
						demo={demo}
						columns={size.columns}
					/>
					<ScreenKeysContext.Provider value={screenKeys}>
						{state.exit ? null : following ? (
							<LinkScreen key="link" streamId={link.streamId} contactId={link.contactId} onDone={linkDone} />
						) : (
							<ScreenView key={`${state.stack.length}:${top.name}`} screen={top} contactQuery={contactQuery} />
						)}
					</ScreenKeysContext.Provider>
				</Box>
			</EditorContext.Provider>
		</ThemeContext.Provider>
	);
}
