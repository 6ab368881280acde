import type {Contact, ContactFields} from '../../../source/contact/contact.js';
import {flowReducer, initialFlowState, type FlowAction, type FlowState} from '../../../source/editor/state/flow.js';
import type {Session} from '../../../source/editor/state/navigation.js';
import type {KoreClient} from '../../../source/kore/types.js';
import type {Sandbox} from '../../../source/sandbox/types.js';
import {sandboxCredentials, testClient} from './services.js';

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

/** The send screen for the contact at `index` of the sandbox's first page, with `fields` edited and reviewed. */
export async function atSend(
	sandbox: Sandbox,
	index: number,
	fields: Partial<ContactFields>,
): Promise<{state: FlowState; client: ReturnType<typeof testClient>; id: string}> {
	const client = testClient(sandboxCredentials(sandbox));
	const list = await atContactList(sandbox, client);
	const contact = list.list!.contacts[index]!;
	const state = run(list, {type: 'contact-loaded', contact}, {type: 'edit', fields}, {type: 'review'}, {type: 'send'});
	return {state, client, id: contact.id};
}
