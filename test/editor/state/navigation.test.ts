import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {
	back,
	backToCard,
	open,
	pageLoaded,
	popTo,
	type Place,
	type Screen,
	withContactInList,
} from '../../../source/editor/state/navigation.js';

const contact = (id: string, firstName = 'a'): Contact => ({
	id,
	firstName,
	lastName: 'b',
	salutation: 'Mr',
	cellPhone: {phoneNumber: '1', countryCode: '+1', extension: ''},
	updatedAt: '2026-01-01T00:00:00.000Z',
});

const session = {profileName: 'p', credentials: {host: 'h', accountId: 'a', clientId: 'c', clientSecret: 's'}, protected: false};
const names = (stack: Screen[]) => stack.map(s => s.name);

describe('navigation: the screen stack', () => {
	const stack: Screen[] = [{name: 'profile'}, {name: 'stream'}, {name: 'contact'}, {name: 'card'}];

	it('popTo keeps the named screen on top, and leaves the stack alone when it is not there', () => {
		expect(names(popTo(stack, 'stream'))).toEqual(['profile', 'stream']);
		expect(popTo(stack, 'history')).toBe(stack);
	});

	it('opening a form marks it on the card below, so Esc lands on that item', () => {
		const form = open(stack, {name: 'phone'});
		expect(form.slice(-2)).toEqual([{name: 'card', focus: 'phone'}, {name: 'phone'}]);
		expect(open(stack, {name: 'history'}).at(-2)).toEqual({name: 'card'});
		expect(backToCard(form, 'review').at(-1)).toEqual({name: 'card', focus: 'review'});
		expect(backToCard(form).at(-1)).toEqual({name: 'card'});
	});

	it('back drops the stream with the contact list and the session with the stream screen', () => {
		const place: Place = {stack: stack.slice(0, 3), session, streamId: 'st', list: {contacts: [], hasMore: false, nextSkip: 0}};
		const fromList = back(place);
		expect(fromList.left).toBe('contact');
		expect(fromList.place).toMatchObject({streamId: undefined, list: undefined, session});
		const fromStream = back(fromList.place);
		expect(fromStream.place.session).toBeUndefined();
		expect(names(fromStream.place.stack)).toEqual(['profile']);
	});

	it('back from the result goes to the contact list; nothing leaves the send screen or the first screen', () => {
		const result = back({stack: [...stack.slice(0, 3), {name: 'result'}]});
		expect(names(result.place.stack)).toEqual(['profile', 'stream', 'contact']);
		expect(back({stack: [...stack, {name: 'review'}, {name: 'send'}]}).left).toBeUndefined();
		expect(back({stack: [{name: 'profile'}]}).left).toBeUndefined();
	});
});

describe('navigation: the contact list', () => {
	it('adds only contacts not listed yet, and stops at an empty page', () => {
		const first = pageLoaded(undefined, {results: [contact('1'), contact('2')], hasMore: true, skip: 0, totalResults: 3});
		const second = pageLoaded(first, {results: [contact('2'), contact('3')], hasMore: true, skip: 2});
		expect(second.contacts.map(c => c.id)).toEqual(['1', '2', '3']);
		expect(second).toMatchObject({total: 3, hasMore: true, nextSkip: 4});
		expect(pageLoaded(second, {results: [], hasMore: true, skip: 4}).hasMore).toBe(false);
	});

	it('replaces a contact with its newer copy in place', () => {
		const list = pageLoaded(undefined, {results: [contact('1'), contact('2')], hasMore: false, skip: 0});
		const newer = contact('2', 'z');
		expect(withContactInList(list, newer)?.contacts[1]).toBe(newer);
		expect(withContactInList(undefined, newer)).toBeUndefined();
	});
});
