import {useCallback} from 'react';
import {sanitize} from '../../contact/sanitize.js';
import {describeError, isKoreError} from '../../kore/errors.js';
import {useEditor} from './use-editor.js';
import {useTask} from './use-task.js';

/** Contacts asked for per page when browsing (the sandbox and, as far as known, Kore.ai allow 50). */
export const PAGE_SIZE = 50;

const CREDENTIAL_KINDS = new Set(['credentials', 'scope', 'bad-host']);

export type StreamCheckOptions = {
	/**
	 * The stream ID itself is wrong (the host has no contacts API for it, or Kore.ai refuses it while
	 * the same credentials open another stream): say so next to the stream field, keeping the text.
	 */
	onStreamError?: (message: string) => void;
	/** How the check ended (not called when it was cancelled). */
	onSettled?: (outcome: 'ready' | 'stream' | 'credentials' | 'failed') => void;
};

type Outcome<T> = {ok: true; value: T} | {ok: false; error: unknown; streamMessage?: string};

/**
 * Opens a stream: the first list call also proves the credentials. On 401 it opens the profile
 * form with the server's reason (host / account ID / client ID / secret / scope to check) — unless
 * the stream ID is what is wrong: a 404 ('stream' error), or a 401 for this stream while a stream
 * this profile opened before still opens with the same credentials (Kore.ai answers a wrong stream
 * ID with the same 401 as wrong credentials, so one list call of that known stream tells them apart).
 */
export function useStreamCheck(): {
	checking: string | undefined;
	check: (streamId: string, nickname?: string, options?: StreamCheckOptions) => void;
	cancel: () => void;
} {
	const {client, dispatch, services, state} = useEditor();
	const {running, run, cancel} = useTask();
	const session = state.session;

	const check = useCallback(
		(streamId: string, nickname?: string, options: StreamCheckOptions = {}) => {
			if (!client || !session) {
				dispatch({type: 'error', error: {message: 'No profile is active: press Esc and choose one.'}});
				return;
			}

			let known: string | undefined;
			try {
				known = services.store.recentStreams(session.profileName).find(stream => stream.id !== streamId)?.id;
			} catch {
				known = undefined;
			}

			void run(
				'Checking the credentials and loading contacts…',
				async (signal): Promise<Outcome<Awaited<ReturnType<typeof client.listContacts>>>> => {
					try {
						return {ok: true, value: await client.listContacts(streamId, {skip: 0, limit: PAGE_SIZE}, {signal})};
					} catch (error) {
						if (!isKoreError(error) || error.kind !== 'credentials' || known === undefined) {
							return {ok: false, error};
						}

						// Do these credentials still open a stream this profile opened before?
						try {
							await client.listContacts(known, {skip: 0, limit: 1}, {signal});
						} catch {
							return {ok: false, error};
						}

						return {
							ok: false,
							error,
							streamMessage: `Kore.ai refused stream '${sanitize(streamId)}'${error.status ? ` (${error.status})` : ''}, but the same credentials open stream '${sanitize(known)}': this stream ID is wrong, or the app has no access to it. Check the stream ID (st-...) on the app settings page.`,
						};
					}
				},
			).then(task => {
				if (!task) {
					return;
				}

				const result = task.ok ? task.value : {ok: false as const, error: task.error};
				if (result.ok) {
					try {
						services.store.rememberStream(session.profileName, streamId, nickname);
					} catch {
						// Remembering is a convenience; never block the operator on it.
					}

					dispatch({type: 'stream-ready', streamId, page: result.value});
					options.onSettled?.('ready');
					return;
				}

				const {error} = result;
				const streamMessage = result.streamMessage ?? (isKoreError(error) && error.kind === 'stream' ? error.message : undefined);
				if (streamMessage !== undefined) {
					dispatch({type: 'error', error: undefined});
					if (options.onStreamError) {
						options.onStreamError(streamMessage);
					} else {
						dispatch({type: 'error', error: {message: streamMessage}});
					}

					options.onSettled?.('stream');
					return;
				}

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
					options.onSettled?.('credentials');
					return;
				}

				dispatch({type: 'error', error: {message: describeError(error)}});
				options.onSettled?.('failed');
			});
		},
		[client, session, services, dispatch, run],
	);

	return {checking: running, check, cancel};
}
