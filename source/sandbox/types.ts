import type {Contact, UpdateBody} from '../contact/contact.js';

export type SandboxOptions = {
	/** Port to listen on; 0 (default) picks a free one. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	streamId?: string;
	accountId?: string;
	clientId?: string;
	clientSecret?: string;
	/** How many contacts to seed (default 150). Ignored when `contacts` is given. */
	contactCount?: number;
	/** An explicit list of contacts instead of seeding (copied). */
	contacts?: Contact[];
	/** Page size when `limit` is not given (default 10). */
	defaultPageSize?: number;
	/** Largest page size granted (default 50). */
	maxPageSize?: number;
	/** Longest array PUT /contacts/bulk-update accepts (default 100; Kore documents none). */
	bulkMaxRecords?: number;
	/** Requests per sliding minute per account; 0 or Infinity turns the limit off (default 60). */
	rateLimitPerMinute?: number;
	/** "Enforce JTI": every token needs a never-seen jti and exp - iat <= 3600. */
	enforceJti?: boolean;
	/** false: the app lacks the API scope and every Kore call answers 401 code 4002 (default true). */
	scopeGranted?: boolean;
	/** What a PUT does with fields left out of its body (the docs are silent). Default 'keep'. */
	omittedFields?: 'keep' | 'clear';
	/** Serve HTTPS with this PEM key and certificate. */
	tls?: {key: string; cert: string};
	/** Clock (default: () => new Date()). */
	now?: () => Date;
};

export type RecordedRequest = {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	status: number;
	/** The raw `auth` header, kept in process only so tests can check claims. Never print it. */
	jwt?: string;
	/** Request headers, lower-case names, with `auth` removed. */
	headers: Record<string, string>;
	/** Date.now() when the request arrived. */
	at: number;
	/** For a hugeBody answer: how many body bytes the sandbox wrote before it finished or the client hung up. */
	sentBytes?: number;
};

export type FaultMethod = 'GET' | 'PUT';

export type FaultCommon = {
	/** Only requests with this method trigger the fault (default: any Kore request). */
	method?: FaultMethod;
	/** How many requests it affects (default 1; Infinity allowed in process). */
	times?: number;
};

export type FaultSpec =
	| ({type: 'latency'; ms: number} & FaultCommon)
	| ({type: 'fail'; status: number; body?: string; headers?: Record<string, string>} & FaultCommon)
	| ({type: 'rateLimit'; retryAfter?: number | null} & FaultCommon)
	| ({type: 'drop'; when: 'before-response' | 'mid-response'} & FaultCommon)
	| ({type: 'redirect'; status: number; location: string} & FaultCommon)
	| ({type: 'hugeBody'; bytes: number} & FaultCommon)
	| ({type: 'ignoreSkip'} & FaultCommon)
	| ({type: 'editAfterRead'; contactId: string; changes: Partial<UpdateBody>} & FaultCommon)
	| ({type: 'bulkPartial'} & BulkPartialOptions & FaultCommon)
	| ({type: 'bulkTimeout'; ms?: number} & FaultCommon);

/** Which records of a bulk update fail: those at `indexes` (0-based) and every `every`-th (1-based: every 3 = #3, #6, ...). */
export type BulkPartialOptions = {
	indexes?: number[];
	every?: number;
	/** 412 (validation, the default) or 400 (unknown record): the status in each failed record's message. */
	status?: 400 | 412;
};

export type Faults = {
	/** Delay the response by `ms`. */
	latency(ms: number, options?: FaultCommon): void;
	/** Answer with `status` and a raw body (default: an error envelope). */
	fail(status: number, options?: FaultCommon & {body?: string; headers?: Record<string, string>}): void;
	/** 429 with Kore's message; Retry-After only when `retryAfter` is a number. */
	rateLimit(options?: FaultCommon & {retryAfter?: number | null}): void;
	/** Destroy the socket, before any response or after headers and half the body. */
	drop(options: FaultCommon & {when: 'before-response' | 'mid-response'}): void;
	/** Answer with this 3xx status and Location (a host that moved, or one that hands requests elsewhere). */
	redirect(status: number, location: string, options?: FaultCommon): void;
	/** Answer 200 with a body of `bytes` bytes, streamed (no Content-Length) until done or the client hangs up. */
	hugeBody(bytes: number, options?: FaultCommon): void;
	/** Answer a list request as if `skip` had not been given: the first page again, hasMore as for skip 0. */
	ignoreSkip(options?: FaultCommon): void;
	/** Someone else edits this contact right after the next list response that includes it is sent. */
	editAfterRead(contactId: string, changes: Partial<UpdateBody>, options?: FaultCommon): void;
	/**
	 * The next bulk update fails the chosen records (with a 412 or 400 message in their results) and
	 * applies the others. Only PUT /contacts/bulk-update requests take it.
	 */
	bulkPartial(options: BulkPartialOptions & FaultCommon): void;
	/**
	 * The next bulk update is applied, but its answer comes only after `ms` (none: never, until the
	 * client hangs up): the client cannot know what was saved. Only PUT /contacts/bulk-update takes it.
	 */
	bulkTimeout(options?: FaultCommon & {ms?: number}): void;
	/** Add a fault from its JSON description (what the HTTP control route does). */
	add(spec: FaultSpec): void;
	/** Faults still armed. */
	pending(): FaultSpec[];
	clear(): void;
};

export type Sandbox = {
	/** e.g. "http://127.0.0.1:54321" */
	url: string;
	port: number;
	streamId: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
	/** Copies of every contact (including INACTIVE ones), in list order. */
	contacts(): Contact[];
	/** A copy of one contact. */
	getContact(id: string): Contact | undefined;
	/** Someone else edits this contact now (as a real PUT by another user would). Throws for an unknown id. */
	editContact(id: string, changes: Partial<UpdateBody>): Contact;
	faults: Faults;
	/** Every request except the /__sandbox/ control routes, oldest first. Tests may empty it (length = 0). */
	requests: RecordedRequest[];
	/**
	 * The same requests as they arrive, before any latency fault holds them (status 0 until
	 * answered; one whose client gave up meanwhile stays here only). Tests may empty it too.
	 */
	arrivals: RecordedRequest[];
	close(): Promise<void>;
};
