/** When the editor saves and removes the unsent draft (pure rules of source/editor/draft.ts). */
import {describe, expect, it} from 'vitest';
import {draftEffect, draftOf} from '../../source/editor/draft.js';
import {flowReducer, type FlowAction, type FlowState} from '../../source/editor/state/flow.js';
import {cardState, john, session} from './helpers/fixtures.js';

/** Applies the actions one by one and collects the draft effect of each step. */
function effects(start: FlowState, ...actions: FlowAction[]): {state: FlowState; ops: string[]} {
	let state = start;
	const ops: string[] = [];
	for (const action of actions) {
		const next = flowReducer(state, action);
		ops.push(draftEffect(state, next)?.op ?? '-');
		state = next;
	}

	return {state, ops};
}

const edit: FlowAction = {type: 'edit', fields: {firstName: 'Priya'}};

describe('draft effects', () => {
	it('saves on every change of the edits, with profile, host, stream, contact and the edits', () => {
		const {state, ops} = effects(
			cardState(),
			edit,
			{type: 'edit', fields: {lastName: 'Rao'}},
			{type: 'open', screen: {name: 'phone'}},
		);
		expect(ops).toEqual(['save', 'save', '-']);
		expect(draftOf(state)).toEqual({
			profile: session.profileName,
			host: session.credentials.host,
			streamId: 'st-1',
			contactId: john.id,
			contactLabel: 'john doe',
			loaded: john,
			edits: {firstName: 'Priya', lastName: 'Rao'},
		});
		expect(draftEffect(undefined, state)?.op).toBe('save');
	});

	it('nothing is saved while nothing is edited, and nothing cleared that this session did not save', () => {
		expect(effects(cardState(), {type: 'discard'}, {type: 'back'}).ops).toEqual(['-', '-']);
		expect(draftEffect(undefined, cardState())).toBeUndefined();
	});

	it('clears when the edits are discarded, dropped on leaving the card, or edited back to the loaded values', () => {
		expect(effects(cardState(), edit, {type: 'discard'}).ops).toEqual(['save', 'clear']);
		expect(effects(cardState(), edit, {type: 'back'}).ops).toEqual(['save', 'clear']);
		expect(effects(cardState(), edit, {type: 'edit', fields: {firstName: 'john'}}).ops).toEqual(['save', 'clear']);
	});

	it('clears once sent successfully', () => {
		const {ops} = effects(
			cardState(),
			edit,
			{type: 'review'},
			{type: 'send'},
			{
				type: 'sent',
				stored: {...john, firstName: 'Priya'},
				verification: {ok: true, mismatches: []},
			},
		);
		expect(ops).toEqual(['save', '-', '-', 'clear']);
	});

	it('keeps it when the outcome of the send is unknown, or the credentials were rejected', () => {
		expect(
			effects(cardState(), edit, {type: 'review'}, {type: 'send'}, {type: 'send-unknown', message: 'timed out'}).ops,
		).toEqual(['save', '-', '-', '-']);
		expect(effects(cardState(), edit, {type: 'credentials-rejected', error: {message: '401'}}).ops).toEqual(['save', '-']);
	});

	it('clears on a quit confirmed over unsaved edits; a quit without edits leaves any draft alone', () => {
		const {state, ops} = effects(cardState(), edit, {type: 'quit', code: 130});
		expect(ops).toEqual(['save', 'clear']);
		expect(state.exit).toEqual({code: 130});
		expect(effects(cardState(), {type: 'quit', code: 130}).ops).toEqual(['-']);
	});
});
