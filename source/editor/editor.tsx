import type React from 'react';
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {Box, useApp} from 'ink';
import {contactLabel} from '../contact/display.js';
import {describeError} from '../kore/errors.js';
import type {KoreClient, KoreCredentials, RateLimitWait} from '../kore/types.js';
import type {Store} from '../store/types.js';
import {Header, headerRows} from './components/Header.js';
import {flowReducer, currentScreen, initialFlowState, type FlowState, type Screen} from './flow.js';
import {useDraftKeeper} from './hooks/use-draft.js';
import {EditorContext, type EditorContextValue} from './hooks/use-editor.js';
import {useEditorKeys} from './hooks/use-editor-keys.js';
import {ScreenKeysContext} from './hooks/use-screen-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {CardScreen} from './screens/CardScreen.js';
import {ConflictScreen} from './screens/ConflictScreen.js';
import {ContactScreen} from './screens/ContactScreen.js';
import {HistoryScreen} from './screens/HistoryScreen.js';
import {NameForm} from './screens/NameForm.js';
import {PhoneForm} from './screens/PhoneForm.js';
import {ProfileForm} from './screens/ProfileForm.js';
import {ProfileScreen} from './screens/ProfileScreen.js';
import {ResultScreen} from './screens/ResultScreen.js';
import {ResumeScreen} from './screens/ResumeScreen.js';
import {ReviewScreen} from './screens/ReviewScreen.js';
import {SalutationForm} from './screens/SalutationForm.js';
import {SecretScreen} from './screens/SecretScreen.js';
import {SendScreen} from './screens/SendScreen.js';
import {resolveSession} from './screens/session.js';
import {StreamScreen} from './screens/StreamScreen.js';
import {loadDraft} from './store-files.js';
import {createTheme, ThemeContext} from './theme.js';

export type EditorServices = {
	store: Store;
	env: NodeJS.ProcessEnv;
	createClient: (
		credentials: KoreCredentials,
		hooks: {onRateLimitWait: (w: RateLimitWait) => void; profileName?: string | undefined},
	) => KoreClient;
	/** false with NO_COLOR / TERM=dumb. */
	color: boolean;
	/** Shows a visible DEMO banner. */
	/** Demo mode: the banner, and the sandbox's address (the only host it may talk to). */
	demo?: {banner: string; host?: string};
	/** Start with this profile (demo uses its profile); the profile list stays one Esc away. */
	initialProfile?: string;
	/** --resume: open the unsent draft's question at once, or say that there is none. */
	resume?: boolean;
};

/** Said on the first screen when --resume finds no draft. */
export const NO_DRAFT_NOTICE = 'There is no unsent edit to resume: nothing was saved as a draft. Start a new edit below.';

export type EditorProps = {
	services: EditorServices;
	onExit: (code: number) => void;
};

/**
 * The first screen: an unsent draft (not in demo mode, whose settings folder is thrown away) is
 * offered first, above what would otherwise show, so Later lands on the normal first screen.
 */
function initialState(services: EditorServices): FlowState {
	const state = initialProfileState(services);
	const draft = services.demo ? undefined : loadDraft(services.store);
	if (draft) {
		return {...state, stack: [...state.stack, {name: 'resume', draft}], error: undefined};
	}

	return services.resume ? {...state, notice: NO_DRAFT_NOTICE} : state;
}

function initialProfileState(services: EditorServices): FlowState {
	if (services.initialProfile === undefined) {
		return initialFlowState();
	}

	const resolution = resolveSession(services.store, services.env, services.initialProfile);
	if (resolution.ok) {
		return initialFlowState({session: resolution.session});
	}

	const state = initialFlowState();
	const screen: Screen = resolution.needsSecret
		? {name: 'secret', profileName: resolution.profileName ?? services.initialProfile}
		: {name: 'profile-form', initial: resolution.draft, reason: resolution.error.message};
	return {...state, stack: [...state.stack, screen], error: resolution.needsSecret ? undefined : resolution.error};
}

function ScreenView({screen}: {screen: Screen}): React.JSX.Element {
	switch (screen.name) {
		case 'profile': {
			return <ProfileScreen />;
		}

		case 'profile-form': {
			return <ProfileForm initial={screen.initial} reason={screen.reason} />;
		}

		case 'secret': {
			return <SecretScreen profileName={screen.profileName} />;
		}

		case 'stream': {
			return <StreamScreen />;
		}

		case 'contact': {
			return <ContactScreen />;
		}

		case 'card': {
			return <CardScreen />;
		}

		case 'name': {
			return <NameForm />;
		}

		case 'salutation': {
			return <SalutationForm />;
		}

		case 'phone': {
			return <PhoneForm />;
		}

		case 'review': {
			return <ReviewScreen />;
		}

		case 'send': {
			return <SendScreen />;
		}

		case 'conflict': {
			return <ConflictScreen />;
		}

		case 'result': {
			return <ResultScreen />;
		}

		case 'resume': {
			return <ResumeScreen draft={screen.draft} />;
		}

		case 'history': {
			return <HistoryScreen />;
		}
	}
}

/**
 * The interactive editor: shows the screen the flow state names, under a header line.
 * The only place that exits: calls onExit(code), then Ink's exit().
 */
export function Editor({services, onExit}: EditorProps): React.JSX.Element {
	const [state, dispatch] = useReducer(flowReducer, services, initialState);
	const {exit} = useApp();
	const size = useTerminalSize();
	const theme = useMemo(
		() => createTheme({color: services.color, ascii: services.env['TERM'] === 'dumb'}),
		[services.color, services.env],
	);
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
					dispatch({type: 'rate-limit-wait', wait: {...wait, until: Date.now() + wait.seconds * 1000}});
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

	const top = currentScreen(state);
	// Keys can arrive before the handler below is re-registered: read the latest state from a ref.
	const latest = useRef(state);
	latest.current = state;
	const screenKeys = useEditorKeys(latest, dispatch, pendingInput);

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
			active: !state.confirmQuit && !state.exit && !screenKeys.help,
			setPendingInput,
		}),
		[state, services, clientResult.client, size, bodyRows, setPendingInput, screenKeys.help],
	);

	const contact = state.contact ? contactLabel(state.contact) : undefined;
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
						{state.exit ? null : <ScreenView key={`${state.stack.length}:${top.name}`} screen={top} />}
					</ScreenKeysContext.Provider>
				</Box>
			</EditorContext.Provider>
		</ThemeContext.Provider>
	);
}
