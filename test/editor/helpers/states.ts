import type {Contact} from '../../../source/contact/contact.js';
import {flowReducer, initialFlowState, type FlowAction, type FlowState, type Session} from '../../../source/editor/flow.js';
import type {KoreClient} from '../../../source/kore/types.js';
import type {Sandbox} from '../../../source/sandbox/types.js';
import {sandboxCredentials} from './services.js';

export function sandboxSession(sandbox: Sandbox, overrides: Partial<Session> = {}): Session {
	return {profileName: 'sandbox', credentials: sandboxCredentials(sandbox), protected: false, ...overrides};
}

export function run(state: FlowState, ...actions: FlowAction[]): FlowState {
	return actions.reduce(flowReducer, state);
}

/** The contact screen with the first page loaded, as the stream screen leaves it. */
export async function atContactList(sandbox: Sandbox, client: KoreClient, session = sandboxSession(sandbox)): Promise<FlowState> {
	const page = await client.listContacts(sandbox.streamId, {skip: 0, limit: 50});
	return run(initialFlowState({session}), {type: 'stream-ready', streamId: sandbox.streamId, page});
}

/** The card of one contact (read from the server's list). */
export async function atCard(
	sandbox: Sandbox,
	client: KoreClient,
	contact: Contact,
	session = sandboxSession(sandbox),
): Promise<FlowState> {
	return run(await atContactList(sandbox, client, session), {type: 'contact-loaded', contact});
}
