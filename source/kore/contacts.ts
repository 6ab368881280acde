import type {Contact, ContactPage} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import {KoreError} from './errors.js';
import type {ContactLocator, FoundContact, RequestOptions, SearchOptions, SearchResult} from './types.js';

/** Page size findContact asks for (the server may grant less). */
const SCAN_PAGE_SIZE = 50;
/** A runaway guard: no stream is scanned past this many pages. */
const MAX_PAGES = 10_000;
/** How many pages on each side of a remembered page are read before the whole list is. */
const NEARBY_PAGES = 2;

export type PageLister = (
	streamId: string,
	page: {skip: number; limit: number},
	options?: RequestOptions,
) => Promise<ContactPage>;

type FindOptions = RequestOptions & {onProgress?: (scanned: number, total?: number) => void};

type Location = {skip: number; limit: number};

type StreamCache = {
	/** Pages as the server sent them, by the skip we asked for. */
	pages: Map<number, ContactPage>;
	/** contactId -> the page it was seen on. */
	where: Map<string, Location>;
	/** Where the scan continues. */
	nextSkip: number;
	/** The scan reached the end of the list. */
	done: boolean;
	/** Contacts on the pages the scan went through, to notice a server that sends the same page again. */
	scannedIds: Set<string>;
	total?: number;
	/** Serialises scans of one stream so concurrent finds share pages. */
	queue: Promise<unknown>;
};

/**
 * Finds contacts by paging through `GET /contacts` (there is no documented single-contact GET).
 * Pages are cached per stream for the finder's lifetime: finding a contact already seen costs
 * no request. The scan advances by the number of results the server actually returned (its
 * granted limit on a full page), so a server that grants fewer than asked skips nobody.
 *
 * With a locator, every page read is remembered beyond the process: a contact seen before is
 * looked for on its remembered page first, then on the pages around it, then in the whole list.
 */
export class ContactFinder {
	private readonly streams = new Map<string, StreamCache>();

	constructor(
		private readonly list: PageLister,
		private readonly locator?: ContactLocator,
	) {}

	async find(streamId: string, contactId: string, options: FindOptions = {}): Promise<FoundContact> {
		const cache = this.stream(streamId);
		return this.serialise(cache, async () => {
			const hit = this.lookup(cache, contactId);
			if (hit) return hit;
			if (cache.where.has(contactId)) this.reset(cache); // its page changed under us: start over
			return this.locate(streamId, contactId, cache, options);
		});
	}

	/** Reads the remembered page again (no cache); if the contact moved, looks around it, then in the whole list. */
	async reread(streamId: string, contactId: string, options: RequestOptions = {}): Promise<FoundContact> {
		const cache = this.stream(streamId);
		return this.serialise(cache, async () => {
			const location = cache.where.get(contactId);
			if (location) {
				const page = await this.list(streamId, location, options);
				this.store(streamId, cache, location.skip, page);
				const contact = page.results.find(c => idOf(c) === contactId);
				if (contact) return {contact, skip: location.skip, limit: page.limit};
			}
			this.reset(cache);
			return this.locate(streamId, contactId, cache, options);
		});
	}

	/**
	 * Reads every page of the list from the start (50 a page, ⌈n/50⌉ requests), fresh from the
	 * server, handing each page's matches to onPage as it arrives; `from` goes on where a stopped
	 * search left off instead. Every page feeds the cache and the locator. An interrupted search
	 * rejects; what onPage was given stays valid.
	 */
	async search(streamId: string, match: (contact: Contact) => boolean, options: SearchOptions = {}): Promise<SearchResult> {
		const matches: Contact[] = [];
		const seen = new Set<string>();
		let skip = Math.max(0, Math.floor(options.from?.skip ?? 0));
		let pages = Math.max(0, Math.floor(options.from?.pages ?? 0));
		let total: number | undefined;
		while (pages < MAX_PAGES) {
			const page = await this.list(streamId, {skip, limit: SCAN_PAGE_SIZE}, options);
			pages++;
			const ids = page.results.map(idOf);
			if (ids.length > 0 && ids.every(id => seen.has(id))) throw repeatedPage(skip, pages);
			for (const id of ids) seen.add(id);
			this.observe(streamId, skip, page);
			if (page.totalResults !== undefined) total = page.totalResults;
			const found = page.results.filter(contact => match(contact));
			const room = options.limit === undefined ? found.length : Math.max(0, options.limit - matches.length);
			matches.push(...found.slice(0, room));
			skip += page.results.length;
			options.onPage?.({
				skip: skip - page.results.length,
				matches: found.slice(0, room),
				scanned: skip,
				pages,
				...(total === undefined ? {} : {total}),
			});
			const end = page.results.length === 0 || !page.hasMore || (total !== undefined && skip >= total);
			if (end) return {matches, scanned: skip, pages, complete: true, ...(total === undefined ? {} : {total})};
			if (options.limit !== undefined && matches.length >= options.limit) {
				return {matches, scanned: skip, pages, complete: false, ...(total === undefined ? {} : {total})};
			}
		}
		return {matches, scanned: skip, pages, complete: false, ...(total === undefined ? {} : {total})};
	}

	/** After a successful PUT: the cached copy becomes what the server stored. */
	remember(streamId: string, contactId: string, stored: Contact): void {
		const cache = this.streams.get(streamId);
		const location = cache?.where.get(contactId);
		const page = location ? cache?.pages.get(location.skip) : undefined;
		if (!page) return;
		const index = page.results.findIndex(c => idOf(c) === contactId);
		if (index >= 0) page.results[index] = stored;
	}

	/**
	 * A page listed by someone else (the editor's browse list): kept like a scanned page, so
	 * finding or re-reading a contact already listed costs no scan. A page at the skip where the
	 * scan would go next moves the scan on.
	 */
	observe(streamId: string, skip: number, page: ContactPage): void {
		const cache = this.stream(streamId);
		const held = cache.pages.get(skip);
		if (held && held.results.length > page.results.length) return; // keep the longer page at this skip
		this.store(streamId, cache, skip, page);
		if (!cache.done && skip === cache.nextSkip) {
			for (const contact of page.results) cache.scannedIds.add(idOf(contact));
			if (page.results.length === 0 || !page.hasMore) cache.done = true;
			else cache.nextSkip = skip + page.results.length;
		}
	}

	/** Cached pages one after another from `skip`, up to the first gap (see KoreClient.cachedPages). */
	pagesFrom(streamId: string, skip: number): ContactPage[] {
		const pages: ContactPage[] = [];
		const cache = this.streams.get(streamId);
		let next = skip;
		for (let page = cache?.pages.get(next); page && page.results.length > 0; page = cache?.pages.get(next)) {
			pages.push(page);
			if (!page.hasMore) break;
			next += page.results.length;
		}
		return pages;
	}

	forget(streamId?: string): void {
		if (streamId === undefined) this.streams.clear();
		else this.streams.delete(streamId);
	}

	private stream(streamId: string): StreamCache {
		let cache = this.streams.get(streamId);
		if (!cache) {
			cache = {
				pages: new Map(),
				where: new Map(),
				nextSkip: 0,
				done: false,
				scannedIds: new Set(),
				queue: Promise.resolve(),
			};
			this.streams.set(streamId, cache);
		}
		return cache;
	}

	private async serialise<T>(cache: StreamCache, task: () => Promise<T>): Promise<T> {
		const run = cache.queue.then(task, task);
		cache.queue = run.catch(() => undefined);
		return run;
	}

	private lookup(cache: StreamCache, contactId: string): FoundContact | undefined {
		const location = cache.where.get(contactId);
		const page = location ? cache.pages.get(location.skip) : undefined;
		const contact = page?.results.find(c => idOf(c) === contactId);
		return contact && location ? {contact, skip: location.skip, limit: location.limit} : undefined;
	}

	private reset(cache: StreamCache): void {
		cache.pages.clear();
		cache.where.clear();
		cache.nextSkip = 0;
		cache.done = false;
		cache.scannedIds.clear();
		delete cache.total;
	}

	private store(streamId: string, cache: StreamCache, skip: number, page: ContactPage): void {
		cache.pages.set(skip, page);
		for (const contact of page.results) cache.where.set(idOf(contact), {skip, limit: page.limit});
		if (page.totalResults !== undefined) cache.total = page.totalResults;
		this.locator?.saw(streamId, skip, page.limit, page.results.map(idOf));
	}

	/** The remembered page, then the pages around it (nearest first), then the whole list. */
	private async locate(streamId: string, contactId: string, cache: StreamCache, options: FindOptions): Promise<FoundContact> {
		const remembered = this.locator?.where(streamId, contactId);
		const read = new Map<number, ContactPage>();
		if (remembered) {
			const limit = SCAN_PAGE_SIZE;
			const skips = [remembered.skip];
			for (let step = 1; step <= NEARBY_PAGES; step++) skips.push(remembered.skip + step * limit, remembered.skip - step * limit);
			for (const skip of skips) {
				if (skip < 0 || (cache.total !== undefined && skip >= cache.total)) continue;
				const page = await this.list(streamId, {skip, limit}, options);
				read.set(skip, page);
				this.store(streamId, cache, skip, page);
				const contact = page.results.find(c => idOf(c) === contactId);
				if (contact) return {contact, skip, limit: page.limit};
			}
		}
		return this.scan(streamId, contactId, cache, options, read);
	}

	private scanned(cache: StreamCache): number {
		let count = 0;
		for (const page of cache.pages.values()) count += page.results.length;
		return count;
	}

	/** Pages on from where the scan stopped; `read`: pages just read (around a remembered one), not asked for again. */
	private async scan(
		streamId: string,
		contactId: string,
		cache: StreamCache,
		options: FindOptions,
		read = new Map<number, ContactPage>(),
	): Promise<FoundContact> {
		for (let pages = 0; !cache.done && pages < MAX_PAGES; pages++) {
			const skip = cache.nextSkip;
			const page = read.get(skip) ?? (await this.list(streamId, {skip, limit: SCAN_PAGE_SIZE}, options));
			const ids = page.results.map(idOf);
			if (ids.length > 0 && ids.every(id => cache.scannedIds.has(id))) throw repeatedPage(skip, pages + 1);
			for (const id of ids) cache.scannedIds.add(id);
			if (!read.has(skip)) this.store(streamId, cache, skip, page);
			options.onProgress?.(skip + page.results.length, page.totalResults);
			if (page.results.length === 0 || !page.hasMore) cache.done = true;
			else cache.nextSkip = skip + page.results.length;
			const contact = page.results.find(c => idOf(c) === contactId);
			if (contact) return {contact, skip, limit: page.limit};
		}
		if (cache.done) this.locator?.lost(streamId, contactId);
		throw new KoreError({
			kind: 'contact-not-found',
			what: `No contact with ID '${sanitize(contactId)}' in stream '${sanitize(streamId)}' (searched ${this.scanned(cache)} contacts)`,
			hint: 'Check the ID, or browse the list',
		});
	}
}

/** Every contact on the page was on an earlier one: the server ignores `skip`, or repeats itself. */
function repeatedPage(skip: number, pages: number): KoreError {
	return new KoreError({
		kind: 'bad-response',
		what: `The list answered skip=${skip} with contacts it had already sent (page ${pages} of this search): the server seems to ignore skip, so the search stopped`,
		hint: 'Check the host: Kore.ai pages the contact list with skip and limit; if the host is right, try again later',
	});
}

function idOf(contact: Contact): string {
	return String(contact.id);
}
