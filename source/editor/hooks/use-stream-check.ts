import {useCallback} from 'react';
import {describeError, isKoreError} from '../../kore/errors.js';
import {useEditor} from './use-editor.js';
import {useTask} from './use-task.js';

/** Contacts asked for per page when browsing (the sandbox and, as far as known, Kore.ai allow 50). */
export const PAGE_SIZE = 50;

const CREDENTIAL_KINDS = new Set(['credentials', 'scope', 'bad-host']);

/**
 * Opens a stream: the first list call also proves the credentials. On 401 it opens the profile
 * form with the server's reason (host / account ID / client ID / secret / scope to check).
 */
export function useStreamCheck(): {checking: string | undefined; check: (streamId: string, nickname?: string) => void; cancel: () => void} {
	const {client, dispatch, services, state} = useEditor();
	const {running, run, cancel} = useTask();
	const session = state.session;

	const check = useCallback(
		(streamId: string, nickname?: string) => {
			if (!client || !session) {
				dispatch({type: 'error', error: {message: 'No profile is active: press Esc and choose one.'}});
				return;
			}

			void run('Checking the credentials and loading contacts…', async signal =>
				client.listContacts(streamId, {skip: 0, limit: PAGE_SIZE}, {signal}),
			).then(result => {
				if (!result) {
					return;
				}

				if (result.ok) {
					try {
						services.store.rememberStream(session.profileName, streamId, nickname);
					} catch {
						// Remembering is a convenience; never block the operator on it.
					}

					dispatch({type: 'stream-ready', streamId, page: result.value});
					return;
				}

				const {error} = result;
				if (isKoreError(error) && CREDENTIAL_KINDS.has(error.kind)) {
					const stored = services.store.getProfile(session.profileName);
					dispatch({
						type: 'credentials-rejected',
						keepSession: true,
						error: {message: error.message},
						initial: {
							name: stored?.name ?? '',
							host: stored?.host ?? session.credentials.host,
							accountId: stored?.accountId ?? session.credentials.accountId,
							clientId: stored?.clientId ?? session.credentials.clientId,
							clientSecret: stored?.clientSecret ?? '',
							protected: stored?.protected ?? session.protected,
						},
					});
					return;
				}

				dispatch({type: 'error', error: {message: describeError(error)}});
			});
		},
		[client, session, services, dispatch, run],
	);

	return {checking: running, check, cancel};
}
