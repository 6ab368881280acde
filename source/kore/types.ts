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
};

export type RequestOptions = {signal?: AbortSignal};

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
	/** Drops cached pages (of one stream, or all). */
	forgetCache(streamId?: string): void;
};
