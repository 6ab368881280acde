import type {Contact} from '../../../source/contact/contact.js';
import {initialFlowState, type FlowState} from '../../../source/editor/state/flow.js';
import type {Session} from '../../../source/editor/state/navigation.js';
import {run} from './states.js';

export const session: Session = {
	profileName: 'prod',
	credentials: {host: 'platform.kore.ai', accountId: 'acc', clientId: 'cs-1', clientSecret: 'not-shown-secret'},
	protected: false,
};

export const john: Contact = {
	id: '667e48f7c8b972fc69100001',
	firstName: 'john',
	lastName: 'doe',
	fullName: 'john doe',
	salutation: 'mr',
	cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
	status: 'ACTIVE',
	updatedAt: '2026-01-09T05:55:58.158Z',
};

/** The card of `contact` (no server involved). */
export function cardState(contact: Contact = john, overrides: Partial<Session> = {}): FlowState {
	return run(
		initialFlowState({session: {...session, ...overrides}}),
		{type: 'stream-ready', streamId: 'st-1', page: {results: [contact], skip: 0, limit: 50, hasMore: false}},
		{type: 'contact-loaded', contact},
	);
}
