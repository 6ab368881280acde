/**
 * Searching a whole stream for a typed text: `kore-contacts find` and the editor's "Search all
 * pages" both run this. The pages are read by the client's finder (50 a page, ⌈n/50⌉ requests,
 * each page feeding its cache and the locator); what matches is contact/match.ts.
 */
import {formatCount} from '../contact/display.js';
import {contactMatcher} from '../contact/match.js';
import type {KoreClient, SearchOptions, SearchPage, SearchResult} from '../kore/types.js';

/** Page size of a search, and the request budget it runs under (for "time left"). */
export const SEARCH_PAGE_SIZE = 50;
const REQUESTS_PER_MINUTE = 60;

/** Every contact of the stream matching `text`, page by page through `onPage`; rejects when interrupted. */
export function searchStream(
	client: KoreClient,
	streamId: string,
	text: string,
	options: SearchOptions = {},
): Promise<SearchResult> {
	return client.searchContacts(streamId, contactMatcher(text), options);
}

/** Pages read and, when the server gave a total, pages in all. */
export function searchPages(page: SearchPage): {done: number; total?: number} {
	return page.total === undefined
		? {done: page.pages}
		: {done: page.pages, total: Math.max(page.pages, Math.ceil(page.total / SEARCH_PAGE_SIZE))};
}

/** "page 12 of 40 · 3 found · ≤ 28 s left" (the label before it is the caller's). */
export function progressLine(page: SearchPage, found: number, label = 'Searching…'): string {
	const {done, total} = searchPages(page);
	const of = total === undefined ? '' : ` of ${formatCount(total)}`;
	const left = total === undefined ? '' : ` · ${timeLeft(total - done)} left`;
	return `${label} page ${formatCount(done)}${of} · ${formatCount(found)} found${left}`;
}

/** At most one request a second at 60 a minute: pages left = seconds left, at worst. */
export function timeLeft(pagesLeft: number): string {
	const seconds = Math.ceil((Math.max(0, pagesLeft) * 60) / REQUESTS_PER_MINUTE);
	if (seconds < 60) return `≤ ${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	return `≤ ${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}
