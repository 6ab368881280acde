import {useCallback, useState} from 'react';
import type {Contact} from '../../contact/contact.js';
import {sanitize} from '../../contact/sanitize.js';
import {rememberRecent} from '../../core/recents.js';
import {describeError, isKoreError, KoreError} from '../../kore/errors.js';
import {useEditor} from './use-editor.js';
import {PAGE_SIZE} from './use-stream-check.js';
import {useTask} from './use-task.js';

/** No lookup pages further than this (a server that never says the list ended). */
const MAX_PAGES = 10_000;

export type ContactListControls = {
	/** What is running ("Loading more contacts…", "Looking for …"), or undefined. */
	running: string | undefined;
	/** Contacts scanned so far by a lookup, and the total when the server says. */
	progress: {scanned: number; total?: number} | undefined;
	/** Loads the next page of the browse list. */
	loadMore: () => void;
	/**
	 * Finds a contact by ID: among the loaded contacts, else by loading further pages of the browse
	 * list until it turns up (each page stays loaded: the count and the filter cover what was read),
	 * then opens it.
	 */
	find: (contactId: string) => void;
	/**
	 * Finds a contact by ID with the client's finder (as `get` does: the page where it was last seen
	 * first), then opens it. `onSettled` says how it ended (not called when cancelled); a failure
	 * is shown as the error.
	 */
	locate: (contactId: string, onSettled?: (outcome: 'opened' | 'missing' | 'failed') => void) => void;
	/** Opens a contact already loaded. */
	open: (contact: Contact) => void;
	cancel: () => void;
};

/** The browse list's effects: further pages on demand, lookups by ID with progress. */
export function useContactList(): ContactListControls {
	const {client, dispatch, services, state} = useEditor();
	const {running, run, cancel} = useTask();
	const [progress, setProgress] = useState<{scanned: number; total?: number} | undefined>();
	const {streamId, session, list} = state;

	const open = useCallback(
		(contact: Contact) => {
			if (session && streamId) rememberRecent(services.store, session.profileName, streamId, contact);
			dispatch({type: 'contact-loaded', contact});
		},
		[session, streamId, services.store, dispatch],
	);

	/** A failed search shown as the error; true when the contact is not in the stream (the hint then says what to do). */
	const showFailure = useCallback(
		(error: unknown, missingHint: string): boolean => {
			const missing = isKoreError(error) && error.kind === 'contact-not-found';
			dispatch({type: 'error', error: {message: describeError(error), hint: missing ? missingHint : undefined}});
			return missing;
		},
		[dispatch],
	);

	const loadMore = useCallback(() => {
		if (!client || !streamId || !list?.hasMore || running) {
			return;
		}

		void run('Loading more contacts…', async signal =>
			client.listContacts(streamId, {skip: list.nextSkip, limit: PAGE_SIZE}, {signal}),
		).then(result => {
			if (!result) {
				return;
			}

			if (result.ok) {
				dispatch({type: 'page-loaded', page: result.value});
			} else {
				dispatch({type: 'error', error: {message: describeError(result.error)}});
			}
		});
	}, [client, streamId, list, running, run, dispatch]);

	const find = useCallback(
		(contactId: string) => {
			if (!client || !streamId) {
				return;
			}

			const start = list ?? {contacts: [], hasMore: true, nextSkip: 0, total: undefined};
			const known = start.contacts.find(contact => String(contact.id) === contactId);
			if (known) {
				open(known);
				return;
			}

			setProgress({scanned: start.nextSkip, total: start.total});
			void run(`Looking for contact ${contactId}…`, async signal => {
				let skip = start.nextSkip;
				let more = start.hasMore;
				let total = start.total;
				// A runaway guard, as in the client's finder.
				for (let pages = 0; more && pages < MAX_PAGES; pages++) {
					// eslint-disable-next-line no-await-in-loop
					const page = await client.listContacts(streamId, {skip, limit: PAGE_SIZE}, {signal});
					if (signal.aborted) {
						return undefined;
					}

					dispatch({type: 'page-loaded', page});
					const next = page.skip + page.results.length;
					more = page.hasMore && page.results.length > 0 && next > skip;
					skip = next;
					total = page.totalResults ?? total;
					setProgress({scanned: skip, total});
					const contact = page.results.find(c => String(c.id) === contactId);
					if (contact) {
						return contact;
					}
				}

				throw new KoreError({
					kind: 'contact-not-found',
					what: `No contact with ID '${sanitize(contactId)}' in stream '${sanitize(streamId)}' (searched ${skip} contacts)`,
					hint: 'Check the ID, or browse the list',
				});
			}).then(result => {
				setProgress(undefined);
				if (!result) {
					return;
				}

				if (result.ok) {
					if (result.value) {
						open(result.value);
					}
				} else {
					showFailure(result.error, 'The text you typed is kept above.');
				}
			});
		},
		[client, streamId, list, run, open, dispatch, showFailure],
	);

	const locate = useCallback(
		(contactId: string, onSettled?: (outcome: 'opened' | 'missing' | 'failed') => void) => {
			if (!client || !streamId) {
				return;
			}

			setProgress({scanned: 0});
			void run(`Looking for contact ${contactId}…`, async signal =>
				client.findContact(streamId, contactId, {
					signal,
					onProgress(scanned, total) {
						setProgress({scanned, ...(total === undefined ? {} : {total})});
					},
				}),
			).then(result => {
				setProgress(undefined);
				if (!result) {
					return;
				}

				// The pages the search read join the list: browsing on asks for none of them again.
				for (const page of client.cachedPages(streamId, list?.nextSkip ?? 0)) dispatch({type: 'page-loaded', page});
				if (result.ok) {
					open(result.value.contact);
					onSettled?.('opened');
					return;
				}

				const missing = showFailure(result.error, 'The ID is in the Find field: correct it, or browse the list.');
				onSettled?.(missing ? 'missing' : 'failed');
			});
		},
		[client, streamId, list?.nextSkip, run, open, dispatch, showFailure],
	);

	const cancelAll = useCallback(() => {
		cancel();
		setProgress(undefined);
	}, [cancel]);

	return {running, progress, loadMore, find, locate, open, cancel: cancelAll};
}
