import {useCallback, useEffect, useRef, useState} from 'react';
import type {Contact} from '../../contact/contact.js';
import {matchQuery} from '../../contact/match.js';
import {searchStream} from '../../core/find.js';
import {describeError} from '../../kore/errors.js';
import type {KoreClient, SearchPage} from '../../kore/types.js';
import {useEditor} from './use-editor.js';

/** One search of the whole stream for a text: what it found so far and how far it got. */
export type StreamSearch = {
	matches: Contact[];
	/** The last page read (progress: pages done of all, contacts scanned). */
	page?: SearchPage;
	status: 'running' | 'done' | 'stopped' | 'failed';
};

export type StreamSearchControls = {
	/** The search for this text in this stream, running or finished earlier in the session. */
	search: StreamSearch | undefined;
	running: boolean;
	/** Starts the search for the text, or goes on from the page where one stopped or failed. */
	start: () => void;
	/** Stops it; what was found stays. */
	stop: () => void;
};

/** Searches by client (one per editor session) and by stream and folded text: kept for the session. */
const sessions = new WeakMap<KoreClient, Map<string, StreamSearch>>();

function sessionCache(client: KoreClient): Map<string, StreamSearch> {
	let cache = sessions.get(client);
	if (!cache) {
		cache = new Map();
		sessions.set(client, cache);
	}

	return cache;
}

/**
 * "Search all pages for '…'": the stream read page by page with the core search `find` runs,
 * results shown as their pages arrive. Stopped when asked or when the screen goes away; what was
 * found is kept for the rest of the session.
 */
export function useStreamSearch(text: string): StreamSearchControls {
	const {client, dispatch, state} = useEditor();
	const {streamId} = state;
	const controller = useRef<AbortController | undefined>(undefined);
	const mounted = useRef(true);
	const [running, setRunning] = useState(false);
	const [, setVersion] = useState(0);
	const folded = matchQuery(text).text;
	const key = `${streamId ?? ''}\n${folded}`;

	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
			controller.current?.abort();
		};
	}, []);

	const start = useCallback(() => {
		if (!client || !streamId || folded === '' || controller.current) {
			return;
		}

		const cache = sessionCache(client);
		const mine = new AbortController();
		controller.current = mine;
		// What a stopped or failed search found stays; it goes on after the last page it read.
		const earlier = cache.get(key);
		const from = earlier?.status !== 'done' && earlier?.page ? earlier.page : undefined;
		let search: StreamSearch = from && earlier ? {...earlier, status: 'running'} : {matches: [], status: 'running'};
		const seen = new Set<string>(search.matches.map(contact => String(contact.id)));
		const save = (next: StreamSearch) => {
			search = next;
			cache.set(key, next);
			if (mounted.current) {
				setVersion(v => v + 1);
			}
		};

		save(search);
		setRunning(true);
		searchStream(client, streamId, text, {
			signal: mine.signal,
			...(from ? {from: {skip: from.scanned, pages: from.pages}} : {}),
			onPage(page) {
				// A contact the list moved onto a later page is shown once.
				const fresh = page.matches.filter(contact => !seen.has(String(contact.id)));
				for (const contact of fresh) seen.add(String(contact.id));
				save({...search, matches: [...search.matches, ...fresh], page});
			},
		})
			.then(
				() => {
					save({...search, status: 'done'});
				},
				(error: unknown) => {
					save({...search, status: mine.signal.aborted ? 'stopped' : 'failed'});
					if (!mine.signal.aborted && mounted.current) {
						dispatch({type: 'error', error: {message: describeError(error), hint: 'What was found is kept below.'}});
					}
				},
			)
			.finally(() => {
				if (controller.current === mine) {
					controller.current = undefined;
					if (mounted.current) {
						setRunning(false);
					}
				}
			});
	}, [client, streamId, folded, key, text, dispatch]);

	const stop = useCallback(() => {
		controller.current?.abort();
	}, []);

	return {search: client ? sessionCache(client).get(key) : undefined, running, start, stop};
}
