import type {Contact, ContactPage, UpdateBody} from '../contact/contact.js';

export type KoreCredentials = {
	/** Any accepted host form; normalised by `normalizeHost`. */
	host: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
};

export type RateLimitWait = {
	/** Whole seconds still to wait. */
	seconds: number;
	/** 'client' when our own limiter holds the request back, 'server' after a 429. */
	reason: 'client' | 'server';
	/** For a server wait: its whole length in ms (the same on each of its once-a-second calls). */
	ms?: number;
};

export type ClientOptions = KoreCredentials & {
	/** Per-request timeout, default 15 000 ms. */
	timeoutMs?: number;
	/** Client-side limiter budget, default 60 requests per minute per account. */
	maxRequestsPerMinute?: number;
	/** How many times a GET is retried on network errors and 502/503/504 (default 3). */
	retries?: number;
	/** Base backoff delay in ms (default 500, doubled each try). */
	retryDelayMs?: number;
	/** Called when a request waits for the rate limit, so the UI can say "waiting for the rate limit (12 s)". */
	onRateLimitWait?: (wait: RateLimitWait) => void;
	/** `sub` claim of the JWT (default: "kore-contacts"). */
	subject?: string;
	/** Remembers across processes where contacts were seen (store/locator.ts); none: memory only. */
	locator?: ContactLocator;
};

/** Where contacts were seen in a stream's list, kept beyond the process. Never throws. */
export type ContactLocator = {
	where(streamId: string, contactId: string): {skip: number; limit: number} | undefined;
	saw(streamId: string, skip: number, limit: number, contactIds: readonly string[]): void;
	/** The whole list was read and the contact is not on it. */
	lost(streamId: string, contactId: string): void;
};

export type SearchPage = {
	/** The page's skip, and the contacts on it that match. */
	skip: number;
	matches: Contact[];
	/** Contacts read so far, and the list's total when the server gave one. */
	scanned: number;
	total?: number;
	pages: number;
};

export type SearchOptions = RequestOptions & {
	/** Called as each page arrives, before the next is asked for. */
	onPage?: (page: SearchPage) => void;
	/** Stop once this many matches were found. */
	limit?: number;
	/** Go on with a search that stopped after `pages` pages: the next page starts at `skip`. */
	from?: {skip: number; pages: number};
};

export type SearchResult = {matches: Contact[]; scanned: number; total?: number; pages: number; complete: boolean};

export type RequestOptions = {signal?: AbortSignal};

/**
 * One record of `PUT /contacts/bulk-update`: the single PUT's body (bulkRecordOf in
 * contact/update-body.ts builds it) and the contact's ID. Kore lists id, firstName, lastName and
 * salutation as required, so a record always carries every field.
 */
export type BulkRecord = UpdateBody & {id: string};

/**
 * What became of one record, read defensively (Kore does not document the answer's shape):
 * 'updated' or 'failed' only when the answer says so clearly; otherwise 'unknown' — the record may
 * or may not have been saved, and must be re-read before it is sent again.
 */
export type BulkRecordResult = {
	id: string;
	outcome: 'updated' | 'failed' | 'unknown';
	/** The server's reason for a failure (sanitised, secrets removed), or why the outcome is unknown. */
	message?: string;
};

export type FoundContact = {
	contact: Contact;
	/** Where it was found, so it can be re-read with one request. */
	skip: number;
	limit: number;
};

export type KoreClient = {
	/** e.g. "https://platform.kore.ai" */
	readonly baseUrl: string;
	readonly accountId: string;
	listContacts(streamId: string, page: {skip: number; limit: number}, options?: RequestOptions): Promise<ContactPage>;
	/** Pages through the list (asks for 50 a page), stops when found, caches pages for the session. Throws KoreError kind 'contact-not-found'. */
	findContact(
		streamId: string,
		contactId: string,
		options?: RequestOptions & {onProgress?: (scanned: number, total?: number) => void},
	): Promise<FoundContact>;
	/** Reads the contact again from the server, bypassing the cache (the page it was found on first). */
	rereadContact(streamId: string, contactId: string, options?: RequestOptions): Promise<FoundContact>;
	/** PUT; sent once. Returns the contact as the server stored it. */
	updateContact(streamId: string, contactId: string, body: UpdateBody, options?: RequestOptions): Promise<Contact>;
	/**
	 * One PUT /contacts/bulk-update with these records (the caller chunks them), sent once; an
	 * answer per record, in the records' order. Throws a KoreError when the whole request failed;
	 * `outcomeUnknown` on it when the records may have been saved (timeout, cut connection, 5xx).
	 */
	bulkUpdate(streamId: string, records: readonly BulkRecord[], options?: RequestOptions): Promise<BulkRecordResult[]>;
	/** Pages through the whole list (50 a page) and returns the contacts `match` accepts, page by page through onPage. */
	searchContacts(streamId: string, match: (contact: Contact) => boolean, options?: SearchOptions): Promise<SearchResult>;
	/**
	 * The pages this client has read of the stream's list (a find scans them), one after another
	 * from `skip` to the first it has not read: a browse list grows by them without asking again.
	 */
	cachedPages(streamId: string, skip: number): ContactPage[];
	/** Drops cached pages (of one stream, or all). */
	forgetCache(streamId?: string): void;
};
