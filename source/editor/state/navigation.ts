/**
 * Where the operator is: the screen stack (Esc goes back one step) and the place it stands for —
 * the profile's session, the stream and its loaded contact list. Pure: no I/O, no clock, no React.
 */
import type {Contact} from '../../contact/contact.js';
import type {KoreCredentials} from '../../kore/types.js';
import type {Draft} from '../../store/types.js';

/** The profile the operator is working with, with every credential resolved. */
export type Session = {
	/** Profile name, or "environment" when the KORE_* variables supply everything. */
	profileName: string;
	credentials: KoreCredentials;
	protected: boolean;
};

export type ProfileDraft = {
	name: string;
	host: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
	protected: boolean;
};

/** The card menu item to highlight when the card shows again. */
export type CardFocus = 'name' | 'salutation' | 'phone' | 'review';

export type Screen =
	| {name: 'profile'}
	/** Create or fix a profile. `reason` says why the form is showing (e.g. the server rejected it). */
	| {name: 'profile-form'; initial?: Partial<ProfileDraft>; reason?: string}
	/** The profile has no stored secret and KORE_CLIENT_SECRET is unset: ask for it, masked. */
	| {name: 'secret'; profileName: string}
	| {name: 'stream'}
	| {name: 'contact'}
	/** `focus`: the item highlighted when the card shows (the form just left, or Review after an edit). */
	| {name: 'card'; focus?: CardFocus}
	| {name: 'name'}
	| {name: 'salutation'}
	| {name: 'phone'}
	| {name: 'review'}
	| {name: 'send'}
	| {name: 'conflict'}
	| {name: 'result'}
	/** An unsent draft from an earlier session: resume, discard or keep it for later. */
	| {name: 'resume'; draft: Draft}
	/** This contact's journal entries, newest first; Enter prepares the undo of one. */
	| {name: 'history'};

export type ScreenName = Screen['name'];

/** The contacts of the current stream loaded so far (the browse list), in server order. */
export type ContactList = {
	contacts: Contact[];
	total?: number;
	hasMore: boolean;
	nextSkip: number;
};

export type Place = {
	stack: Screen[];
	session?: Session;
	streamId?: string;
	list?: ContactList;
};

export function currentScreen(place: Pick<Place, 'stack'>): Screen {
	return place.stack.at(-1) ?? {name: 'profile'};
}

/** Pops screens until `name` is on top (keeps it). Returns the stack unchanged when it is not there. */
export function popTo(stack: Screen[], name: ScreenName): Screen[] {
	for (let index = stack.length - 1; index >= 0; index--) {
		if (stack[index]?.name === name) {
			return stack.slice(0, index + 1);
		}
	}

	return stack;
}

/** The stack down to the card, with the card showing `focus` when it is on top again. */
export function backToCard(stack: Screen[], focus?: CardFocus): Screen[] {
	const below = popTo(stack, 'card');
	return below.at(-1)?.name === 'card' ? [...below.slice(0, -1), {name: 'card', ...(focus ? {focus} : {})}] : below;
}

/** Opening a form from the card: the card remembers it, so Esc from the form lands on that item. */
export function open(stack: Screen[], screen: Screen): Screen[] {
	const {name} = screen;
	if (name === 'name' || name === 'salutation' || name === 'phone') {
		return [...backToCard(stack, name), screen];
	}

	return [...stack, screen];
}

/** A stream's first page: the contact list, on top of the stream screen. */
export function streamOpened(place: Place, streamId: string, page: PageLike): Place {
	return {
		...place,
		streamId,
		list: {
			contacts: page.results,
			total: page.totalResults,
			hasMore: page.hasMore,
			nextSkip: page.skip + page.results.length,
		},
		stack: [...popTo(place.stack, 'stream'), {name: 'contact'}],
	};
}

type PageLike = {results: Contact[]; totalResults?: number; hasMore: boolean; skip: number};

/** One more page of the browse list; contacts already listed are not repeated. */
export function pageLoaded(list: ContactList | undefined, page: PageLike): ContactList {
	const current = list ?? {contacts: [], hasMore: true, nextSkip: 0};
	const known = new Set(current.contacts.map(c => c.id));
	const fresh = page.results.filter(c => !known.has(c.id));
	return {
		contacts: [...current.contacts, ...fresh],
		total: page.totalResults ?? current.total,
		hasMore: page.hasMore && page.results.length > 0,
		nextSkip: page.skip + page.results.length,
	};
}

/** The list with this contact's newer copy in its place. */
export function withContactInList(list: ContactList | undefined, contact: Contact): ContactList | undefined {
	if (!list) {
		return list;
	}

	return {...list, contacts: list.contacts.map(c => (c.id === contact.id ? contact : c))};
}

/**
 * One step back. Leaving the contact list drops the stream; leaving the stream screen (or arriving
 * at the profile list) drops the session. `left` names the screen that was left; `undefined` when
 * nothing can be left (the first screen, or the send screen, which only its request leaves).
 */
export function back(place: Place): {place: Place; left?: ScreenName} {
	const top = currentScreen(place);
	if (place.stack.length <= 1 || top.name === 'send') {
		return {place};
	}

	let next: Place = {...place, stack: place.stack.slice(0, -1)};
	switch (top.name) {
		case 'result': {
			// The result replaced review/send: back goes to the contact list.
			next = {...next, stack: popTo(place.stack, 'contact')};
			break;
		}

		case 'conflict': {
			next = {...next, stack: popTo(place.stack, 'card')};
			break;
		}

		case 'contact': {
			next = {...next, streamId: undefined, list: undefined};
			break;
		}

		case 'stream': {
			next = {...next, session: undefined};
			break;
		}

		default: {
			break;
		}
	}

	if (currentScreen(next).name === 'profile') {
		next = {...next, session: undefined};
	}

	return {place: next, left: top.name};
}
