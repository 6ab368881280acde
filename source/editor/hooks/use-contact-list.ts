import {useCallback, useState} from 'react';
import type {Contact} from '../../contact/contact.js';
import {describeError, isKoreError} from '../../kore/errors.js';
import {useEditor} from './use-editor.js';
import {PAGE_SIZE} from './use-stream-check.js';
import {useTask} from './use-task.js';

export type ContactListControls = {
	/** What is running ("Loading more contacts…", "Looking for …"), or undefined. */
	running: string | undefined;
	/** Contacts scanned so far by a lookup, and the total when the server says. */
	progress: {scanned: number; total?: number} | undefined;
	/** Loads the next page of the browse list. */
	loadMore: () => void;
	/** Finds a contact by ID on the server (pages through the list), then opens it. */
	find: (contactId: string) => void;
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
			if (session && streamId) {
				try {
					const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.fullName || undefined;
					services.store.rememberContact(session.profileName, streamId, String(contact.id), name ?? undefined);
				} catch {
					// Remembering is a convenience only.
				}
			}

			dispatch({type: 'contact-loaded', contact});
		},
		[session, streamId, services.store, dispatch],
	);

	const loadMore = useCallback(() => {
		if (!client || !streamId || !list?.hasMore || running) {
			return;
		}

		void run('Loading more contacts…', async signal => client.listContacts(streamId, {skip: list.nextSkip, limit: PAGE_SIZE}, {signal})).then(
			result => {
				if (!result) {
					return;
				}

				if (result.ok) {
					dispatch({type: 'page-loaded', page: result.value});
				} else {
					dispatch({type: 'error', error: {message: describeError(result.error)}});
				}
			},
		);
	}, [client, streamId, list, running, run, dispatch]);

	const find = useCallback(
		(contactId: string) => {
			if (!client || !streamId) {
				return;
			}

			setProgress({scanned: 0});
			void run(`Looking for contact ${contactId}…`, async signal =>
				client.findContact(streamId, contactId, {
					signal,
					onProgress(scanned, total) {
						setProgress({scanned, total});
					},
				}),
			).then(result => {
				setProgress(undefined);
				if (!result) {
					return;
				}

				if (result.ok) {
					open(result.value.contact);
				} else {
					const {error} = result;
					dispatch({
						type: 'error',
						error: {
							message: describeError(error),
							hint: isKoreError(error) && error.kind === 'contact-not-found' ? 'The text you typed is kept: correct it, or browse the list.' : undefined,
						},
					});
				}
			});
		},
		[client, streamId, run, open, dispatch],
	);

	const cancelAll = useCallback(() => {
		cancel();
		setProgress(undefined);
	}, [cancel]);

	return {running, progress, loadMore, find, open, cancel: cancelAll};
}
