import type {EditorServices} from './services.js';
import {type FlowState, initialFlowState} from './state/flow.js';
import type {Screen} from './state/navigation.js';
import {resolveSession} from './screens/session.js';
import {loadDraft} from './store-files.js';

/** Said on the first screen when --resume finds no draft. */
export const NO_DRAFT_NOTICE = 'There is no unsent edit to resume: nothing was saved as a draft. Start a new edit below.';

/**
 * The first screen: an unsent draft (not in demo mode, whose settings folder is thrown away) is
 * offered first, above what would otherwise show, so Later lands on the normal first screen.
 */
export function initialState(services: EditorServices): FlowState {
	const state = initialProfileState(services);
	const draft = services.demo ? undefined : loadDraft(services.store);
	if (draft) {
		return {...state, stack: [...state.stack, {name: 'resume', draft}], error: undefined};
	}

	return services.resume ? {...state, notice: NO_DRAFT_NOTICE} : state;
}

function initialProfileState(services: EditorServices): FlowState {
	if (services.initialProfile === undefined && services.link === undefined) {
		return initialFlowState();
	}

	const resolution = resolveSession(services.store, services.env, services.initialProfile);
	if (resolution.ok) {
		return initialFlowState({session: resolution.session});
	}

	const state = initialFlowState();
	const secretOf = resolution.profileName ?? services.initialProfile;
	const screen: Screen =
		resolution.needsSecret && secretOf !== undefined
			? {name: 'secret', profileName: secretOf}
			: {name: 'profile-form', initial: resolution.draft, reason: resolution.error.message};
	return {...state, stack: [...state.stack, screen], error: resolution.needsSecret ? undefined : resolution.error};
}
