import type {$Fetch} from 'ofetch';
import type {Dispatcher} from 'undici';
import type {Contact, ContactPage, UpdateBody} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import {USER_AGENT} from '../version.js';
import {
	badResponse,
	errorFromNetwork,
	errorFromStatus,
	failedBeforeSending,
	isRateLimited,
	isTransientNetworkError,
	parseBody,
	parseRetryAfter,
	rateLimitError,
	redirectError,
	tooLargeError,
	type NetworkFailure,
	type ParsedBody,
	type RequestContext,
} from './classify.js';
import {bulkEntries, readBulkAnswer} from './bulk.js';
import {ContactFinder} from './contacts.js';
import {containsSecret, KoreError, REDACT_MIN_LENGTH, withoutSecrets} from './errors.js';
import {normalizeHost} from './host.js';
import {createDispatcher, proxyFor, type ProxyEnv} from './proxy.js';
import {acquireSlot, DEFAULT_WINDOW_MS, limiterKey, sleep} from './rate-limit.js';
import type {BulkRecord, BulkRecordResult, ClientOptions, KoreClient, RateLimitWait, RequestOptions} from './types.js';
import {isRecord} from '../util.js';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_RETRY_DELAY_MS = 500;
/** How often a request answered with "rate limit exceeded" is sent again, at most. */
const SERVER_RATE_LIMIT_RETRIES = 8;
/** All the waiting one request may do for the server's rate limit, in windows (2 minutes for Kore's). */
const SERVER_WAIT_BUDGET_WINDOWS = 2;
/** A Retry-After longer than this is not waited for: the error says how long instead. */
const MAX_SERVER_WAIT_MS = 120_000;
/** The most of a list page's answer that is read: 50 contacts take well under 100 KiB. */
export const LIST_BODY_LIMIT = 8 * 1024 * 1024;
/** The most of a PUT's answer (one contact) that is read. */
export const CONTACT_BODY_LIMIT = 1024 * 1024;
/** The most of a bulk update's answer that is read: it may carry each updated contact, like a list page. */
export const BULK_BODY_LIMIT = LIST_BODY_LIMIT;

export type KoreClientOptions = ClientOptions & {
	/** Where proxy variables are read from (default process.env). */
	env?: ProxyEnv;
	/** Use this undici dispatcher instead of one built from the proxy variables. */
	dispatcher?: Dispatcher;
	/** Length of the client-side limiter's window (default 60 000 ms; tests shorten it). */
	rateLimitWindowMs?: number;
};

/**
 * ofetch over Node's built-in fetch, or over undici 7's fetch with its EnvHttpProxyAgent when a
 * proxy applies (Node 20's fetch ignores HTTPS_PROXY, and its older undici does not take undici 7
 * dispatchers). Redirects are never followed (`redirect: 'manual'`): a 3xx is an error, so the JWT
 * never goes to a host that was not configured. ofetch's own retry and timeout are off (its
 * retries reuse an already aborted signal); this file does both.
 *
 * ofetch, jose and undici are loaded with the first request, not when this file is imported: the
 * editor's first screen needs none of them.
 */
type Transport = {
	$fetch: $Fetch;
	mintJwt: typeof import('./jwt.js').mintJwt;
};
const transports: {direct?: Promise<Transport>; proxied?: Promise<Transport>} = {};

async function loadTransport(proxied: boolean): Promise<Transport> {
	const [{createFetch}, viaProxy, {mintJwt}] = await Promise.all([
		import('ofetch'),
		proxied ? import('undici') : undefined,
		import('./jwt.js'),
	]);
	// Headers: the global class in both cases (undici's fetch takes any iterable of headers).
	const fetch = viaProxy ? (viaProxy.fetch as unknown as typeof globalThis.fetch) : globalThis.fetch;
	const $fetch = createFetch({fetch, Headers: globalThis.Headers});
	return {$fetch, mintJwt};
}

function transportFor(proxied: boolean): Promise<Transport> {
	const which = proxied ? 'proxied' : 'direct';
	transports[which] ??= loadTransport(proxied).catch((error: unknown) => {
		// A failed load is tried again by the next request.
		transports[which] = undefined;
		throw error;
	});
	return transports[which];
}

type Attempt =
	| {type: 'response'; status: number; headers: Headers; text: string; tooLarge: boolean}
	| {type: 'network'; failure: NetworkFailure};

type Call = {
	method: 'GET' | 'PUT';
	url: string;
	query?: Record<string, number>;
	body?: UpdateBody | readonly BulkRecord[];
	ctx: RequestContext;
	signal?: AbortSignal;
	/** The most of the answer's body that is read (see LIST_BODY_LIMIT, CONTACT_BODY_LIMIT). */
	maxBytes: number;
	/** A 4xx answer the caller reads itself instead of an error (a bulk update's per-record results). */
	keepAnswer?: (status: number, body: ParsedBody) => boolean;
};

export function createKoreClient(options: KoreClientOptions): KoreClient {
	const accountId = String(options.accountId ?? '').trim();
	const clientId = String(options.clientId ?? '').trim();
	const clientSecret = String(options.clientSecret ?? '');
	const secrets = clientSecret ? [clientSecret] : [];
	if (clientSecret && hostHoldsSecret(String(options.host ?? ''), clientSecret)) {
		// Refused before any request: looking the name up would send the secret to a DNS server.
		throw new KoreError({
			kind: 'bad-host',
			what: 'The host is (or contains) the client secret',
			hint: 'Type the host name, e.g. platform.kore.ai, as the host, and the secret only where the client secret is asked for',
		});
	}
	let baseUrl: string;
	try {
		baseUrl = normalizeHost(options.host);
	} catch (error) {
		// A secret pasted into the host field must not be echoed back.
		throw withoutSecrets(error, secrets);
	}
	const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
	const retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES));
	const retryDelayMs = Math.max(0, options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
	const maxRequests = positive(options.maxRequestsPerMinute, 60);
	const windowMs = positive(options.rateLimitWindowMs, DEFAULT_WINDOW_MS);
	const env = options.env ?? process.env;
	// Built with the first request (undici is loaded then, when a proxy applies); a bad proxy URL fails that request.
	let dispatcher: Promise<Dispatcher | undefined> | undefined = options.dispatcher
		? Promise.resolve(options.dispatcher)
		: undefined;
	const getDispatcher = () => (dispatcher ??= createDispatcher({url: baseUrl, env}));
	const proxy = options.dispatcher ? undefined : proxyFor(baseUrl, env);
	const key = limiterKey(baseUrl, accountId);
	const onWait = (wait: RateLimitWait) => {
		try {
			options.onRateLimitWait?.(wait);
		} catch {
			// A UI callback must not break the request.
		}
	};

	const apiBase = (streamId: string) => `${baseUrl}/agentassist/api/v1/public/${encodeURIComponent(streamId)}`;

	const context = (method: 'GET' | 'PUT', streamId: string, contactId?: string, bulkIds?: readonly string[]): RequestContext => ({
		method,
		baseUrl,
		streamId,
		...(contactId === undefined ? {} : {contactId}),
		...(bulkIds === undefined ? {} : {bulkIds}),
		timeoutMs,
		...(proxy ? {proxy} : {}),
		secrets,
	});

	const checkCredentials = () => {
		const missing = [
			accountId ? undefined : 'account ID',
			clientId ? undefined : 'client ID',
			clientSecret ? undefined : 'client secret',
		].filter(Boolean);
		if (missing.length > 0) {
			throw new KoreError({
				kind: 'credentials',
				what: `The ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`,
				hint: 'Fill it in from the app settings in Kore.ai (or set KORE_ACCOUNT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET)',
			});
		}
	};

	const abortedError = (ctx: RequestContext, error: unknown) =>
		errorFromNetwork({error, timedOut: false, aborted: true}, {...ctx, method: 'GET'});

	/** Sleeps, telling the UI once per whole second how long is left. */
	const waitForServer = async (ms: number, signal?: AbortSignal) => {
		let left = ms;
		while (left > 0) {
			onWait({seconds: Math.max(1, Math.ceil(left / 1000)), reason: 'server', ms});
			const step = Math.min(left, 1000);
			await sleep(step, signal);
			left -= step;
		}
	};

	type Ready = [Transport, Dispatcher | undefined];

	const attempt = async (call: Call, [{$fetch, mintJwt}, agent]: Ready): Promise<Attempt> => {
		const timer = new AbortController();
		const handle = setTimeout(() => {
			timer.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
		}, timeoutMs);
		const signal = call.signal ? AbortSignal.any([call.signal, timer.signal]) : timer.signal;
		let sent = false;
		try {
			const jwt = await mintJwt({clientId, clientSecret, ...(options.subject ? {subject: options.subject} : {})});
			// Stopped (Ctrl+C, the timer) before anything left: the request is known not to be sent.
			signal.throwIfAborted();
			sent = true;
			const response = await $fetch.raw<ReadableStream<Uint8Array> | undefined, 'stream'>(call.url, {
				method: call.method,
				...(call.query ? {query: call.query} : {}),
				...(call.body ? {body: JSON.stringify(call.body)} : {}),
				headers: {
					auth: jwt,
					accountId,
					'Content-Type': 'application/json',
					'User-Agent': USER_AGENT,
				},
				signal,
				redirect: 'manual',
				...(agent ? ({dispatcher: agent} as object) : {}),
				retry: false,
				ignoreResponseError: true,
				responseType: 'stream',
			});
			const {text, tooLarge} = await readLimited(response._data ?? response.body ?? undefined, call.maxBytes);
			return {type: 'response', status: response.status, headers: response.headers, text, tooLarge};
		} catch (error) {
			return {
				type: 'network',
				failure: {
					error,
					aborted: Boolean(call.signal?.aborted),
					timedOut: timer.signal.aborted && !call.signal?.aborted,
					...(sent ? {} : {notSent: true}),
				},
			};
		} finally {
			clearTimeout(handle);
		}
	};

	const backoff = async (tries: number, call: Call) => {
		const base = retryDelayMs * 2 ** (tries - 1);
		const jitter = Math.random() * Math.min(100, base * 0.1);
		try {
			await sleep(base + jitter, call.signal);
		} catch (error) {
			throw abortedError(call.ctx, error);
		}
	};

	/** One logical request: limiter, timeouts, retries; returns a 2xx answer or throws KoreError. */
	const send = async (call: Call): Promise<{status: number; text: string; body: ParsedBody}> => {
		checkCredentials();
		// Loaded before a limiter slot is taken, so the slot is spent on the request itself.
		const agent = await getDispatcher();
		const ready: Ready = [await transportFor(agent !== undefined), agent];
		let networkTries = 0;
		let serverWaits = 0;
		let serverWaitedMs = 0;
		for (;;) {
			try {
				await acquireSlot(key, {max: maxRequests, windowMs, onWait, ...(call.signal ? {signal: call.signal} : {})});
			} catch (error) {
				throw abortedError(call.ctx, error);
			}

			const result = await attempt(call, ready);
			if (result.type === 'network') {
				const {failure} = result;
				const worthRetry =
					!failure.aborted &&
					networkTries < retries &&
					(call.method === 'GET'
						? failure.timedOut || isTransientNetworkError(failure.error)
						: !failure.timedOut && failedBeforeSending(failure.error) && isTransientNetworkError(failure.error));
				if (worthRetry) {
					networkTries++;
					await backoff(networkTries, call);
					continue;
				}
				throw errorFromNetwork(failure, call.ctx);
			}

			if (result.status >= 300 && result.status < 400) {
				throw redirectError(result.status, result.headers.get('location'), call.url, call.ctx);
			}
			if (result.tooLarge && result.status >= 200 && result.status < 300) {
				throw tooLargeError(result.status, call.maxBytes, call.ctx);
			}
			const body = parseBody(result.text, secrets);
			if (isRateLimited(result.status, body)) {
				// The server did not process the request: sending it again is safe, even a PUT.
				const asked = parseRetryAfter(result.headers.get('retry-after'));
				if (asked !== undefined && asked > MAX_SERVER_WAIT_MS) {
					throw rateLimitError({retries: serverWaits, waitedMs: serverWaitedMs, askedMs: asked});
				}
				// Without Retry-After: from 1/60 of the window (1 s for Kore's minute), doubling, with jitter.
				const waitMs = asked ?? serverBackoff(serverWaits, windowMs);
				if (serverWaits >= SERVER_RATE_LIMIT_RETRIES || serverWaitedMs + waitMs > SERVER_WAIT_BUDGET_WINDOWS * windowMs) {
					throw rateLimitError({
						retries: serverWaits,
						waitedMs: serverWaitedMs,
						...(asked === undefined ? {} : {askedMs: asked}),
					});
				}
				serverWaits++;
				serverWaitedMs += waitMs;
				try {
					await waitForServer(waitMs, call.signal);
				} catch (error) {
					throw abortedError(call.ctx, error);
				}
				continue;
			}
			if ((result.status >= 200 && result.status < 300) || call.keepAnswer?.(result.status, body)) {
				return {status: result.status, text: result.text, body};
			}
			if (call.method === 'GET' && [502, 503, 504].includes(result.status) && networkTries < retries) {
				networkTries++;
				await backoff(networkTries, call);
				continue;
			}
			throw errorFromStatus(result.status, body, call.ctx);
		}
	};

	const listContacts = async (
		streamId: string,
		page: {skip: number; limit: number},
		requestOptions: RequestOptions = {},
	): Promise<ContactPage> => {
		const ctx = context('GET', checkStream(streamId));
		const skip = Math.max(0, Math.floor(Number(page.skip) || 0));
		const limit = Math.max(1, Math.floor(Number(page.limit) || 1));
		const answer = await send({
			method: 'GET',
			url: `${apiBase(streamId)}/contacts`,
			query: {skip, limit},
			ctx,
			maxBytes: LIST_BODY_LIMIT,
			...(requestOptions.signal ? {signal: requestOptions.signal} : {}),
		});
		return toPage(answer, ctx, {skip, limit});
	};

	const finder = new ContactFinder(listContacts, options.locator);

	const updateContact = async (
		streamId: string,
		contactId: string,
		body: UpdateBody,
		requestOptions: RequestOptions = {},
	): Promise<Contact> => {
		const ctx = context('PUT', checkStream(streamId), checkContactId(contactId));
		const answer = await send({
			method: 'PUT',
			url: `${apiBase(streamId)}/contacts/${encodeURIComponent(contactId)}`,
			body,
			ctx,
			maxBytes: CONTACT_BODY_LIMIT,
			...(requestOptions.signal ? {signal: requestOptions.signal} : {}),
		});
		const json = answer.body.json;
		if (!isRecord(json) || typeof json['id'] !== 'string') {
			throw badResponse(answer.status, answer.text, ctx, 'the stored contact as JSON');
		}
		const stored = json as Contact;
		finder.remember(streamId, contactId, stored);
		return stored;
	};

	const bulkUpdate = async (
		streamId: string,
		records: readonly BulkRecord[],
		requestOptions: RequestOptions = {},
	): Promise<BulkRecordResult[]> => {
		checkStream(streamId);
		const ids = checkBulkRecords(records);
		if (ids.length === 0) return [];
		const ctx = context('PUT', streamId, undefined, ids);
		const answer = await send({
			method: 'PUT',
			url: `${apiBase(streamId)}/contacts/bulk-update`,
			// Exactly the documented fields of each record, whatever else the objects carry.
			body: records.map(({id, firstName, lastName, salutation, cellPhone}) => ({
				id,
				firstName,
				lastName,
				salutation,
				cellPhone: {phoneNumber: cellPhone.phoneNumber, countryCode: cellPhone.countryCode, extension: cellPhone.extension},
			})),
			ctx,
			maxBytes: BULK_BODY_LIMIT,
			// A refusal that still lists what became of each record is read like a success.
			keepAnswer: (status, body) => [400, 412, 422].includes(status) && (bulkEntries(body.json)?.length ?? 0) > 0,
			...(requestOptions.signal ? {signal: requestOptions.signal} : {}),
		});
		const results = readBulkAnswer(answer.body.json, ids, secrets);
		for (const entry of bulkEntries(answer.body.json) ?? []) {
			const stored = isRecord(entry) ? entry['contact'] : undefined;
			const id = isRecord(stored) ? stored['id'] : undefined;
			if (typeof id === 'string' && results.some(r => r.id === id && r.outcome === 'updated')) {
				finder.remember(streamId, id, stored as Contact);
			}
		}
		return results;
	};

	/** Last line of defence: whatever was typed or echoed, a thrown message never holds the secret. */
	const guard = <T>(promise: Promise<T>): Promise<T> =>
		promise.catch((error: unknown) => {
			throw withoutSecrets(error, secrets);
		});

	return {
		baseUrl,
		accountId,
		listContacts: (streamId, page, requestOptions) =>
			guard(
				listContacts(streamId, page, requestOptions).then(listed => {
					// The browse list's pages: a later find or re-read of a contact on them needs no scan.
					finder.observe(streamId, Math.max(0, Math.floor(Number(page.skip) || 0)), listed);
					return listed;
				}),
			),
		findContact: (streamId, contactId, findOptions) =>
			guard(Promise.resolve().then(() => finder.find(checkStream(streamId), checkContactId(contactId), findOptions))),
		rereadContact: (streamId, contactId, requestOptions) =>
			guard(Promise.resolve().then(() => finder.reread(checkStream(streamId), checkContactId(contactId), requestOptions))),
		updateContact: (streamId, contactId, body, requestOptions) => guard(updateContact(streamId, contactId, body, requestOptions)),
		bulkUpdate: (streamId, records, requestOptions) => guard(bulkUpdate(streamId, records, requestOptions)),
		searchContacts: (streamId, match, searchOptions) =>
			guard(Promise.resolve().then(() => finder.search(checkStream(streamId), match, searchOptions))),
		forgetCache: streamId => finder.forget(streamId),
	};
}

/**
 * The body as text, reading at most `maxBytes`: a larger answer is cut off there (and the
 * connection closed) instead of being held in memory whole.
 */
async function readLimited(
	body: ReadableStream<Uint8Array> | undefined,
	maxBytes: number,
): Promise<{text: string; tooLarge: boolean}> {
	if (!body) return {text: '', tooLarge: false};
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let bytes = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) return {text: text + decoder.decode(), tooLarge: false};
		bytes += value.byteLength;
		if (bytes > maxBytes) {
			await reader.cancel().catch(() => undefined);
			return {text, tooLarge: true};
		}
		text += decoder.decode(value, {stream: true});
	}
}

/** The `waits`-th wait (from 0) after a 429 without Retry-After: doubling from window/60, ±25 %, at most one window. */
function serverBackoff(waits: number, windowMs: number): number {
	const base = Math.min(windowMs, (windowMs / 60) * 2 ** waits);
	return Math.round(Math.min(windowMs, base * (0.75 + Math.random() * 0.5)));
}

function toPage(
	answer: {status: number; text: string; body: ParsedBody},
	ctx: RequestContext,
	asked: {skip: number; limit: number},
): ContactPage {
	const json = answer.body.json;
	if (
		!isRecord(json) ||
		!Array.isArray(json['results']) ||
		typeof json['hasMore'] !== 'boolean' ||
		!json['results'].every(isRecord)
	) {
		throw badResponse(answer.status, answer.text, ctx, 'a contact list as JSON');
	}
	const page: ContactPage = {
		results: json['results'] as Contact[],
		skip: finite(json['skip']) ?? asked.skip,
		limit: (finite(json['limit']) ?? 0) > 0 ? finite(json['limit'])! : asked.limit,
		hasMore: json['hasMore'],
	};
	const totalPages = finite(json['totalPages']);
	const totalResults = finite(json['totalResults']);
	if (totalPages !== undefined) page.totalPages = totalPages;
	if (totalResults !== undefined) page.totalResults = totalResults;
	return page;
}

/** The secret typed as the host (any case, or as its host name), or a long secret anywhere in it. */
function hostHoldsSecret(host: string, secret: string): boolean {
	const typed = host.trim();
	let hostname = '';
	try {
		hostname = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`).hostname;
	} catch {
		// Not a URL: only the text as typed is compared.
	}
	const same = (a: string) => a !== '' && a.toLowerCase() === secret.toLowerCase();
	return same(typed) || same(hostname) || (secret.length >= REDACT_MIN_LENGTH && containsSecret(typed, secret));
}

function checkStream(streamId: string): string {
	if (typeof streamId !== 'string' || !streamId.trim()) {
		throw new KoreError({kind: 'stream', what: 'No stream ID was given', hint: 'Type the stream (bot) ID, e.g. st-...'});
	}
	if (movesThePath(streamId)) {
		throw new KoreError({
			kind: 'stream',
			what: `'${sanitize(streamId).slice(0, 80)}' cannot be a stream ID: it would change the request's path (an ID is never '.' or '..' and has no '/' or '\\')`,
			hint: 'Type the stream (bot) ID from the app settings page, e.g. st-...',
		});
	}
	return streamId;
}

function checkContactId(contactId: string): string {
	if (typeof contactId !== 'string' || !contactId.trim()) {
		throw new KoreError({
			kind: 'contact-not-found',
			what: 'No contact ID was given',
			hint: 'Type the contact ID, or browse the list',
		});
	}
	if (movesThePath(contactId)) {
		throw new KoreError({
			kind: 'contact-not-found',
			what: `'${sanitize(contactId).slice(0, 80)}' cannot be a contact ID: it would change the request's path (an ID is never '.' or '..' and has no '/' or '\\')`,
			hint: 'Type the contact ID as Kore.ai shows it, or browse the list',
		});
	}
	return contactId;
}

/** The records' IDs, each a usable contact ID and none twice (one answer per ID could not tell two records apart). */
function checkBulkRecords(records: readonly BulkRecord[]): string[] {
	if (!Array.isArray(records)) {
		throw new KoreError({
			kind: 'validation',
			what: 'A bulk update needs a list of records',
			hint: 'Pass an array of {id, ...fields}',
		});
	}
	const seen = new Set<string>();
	return records.map((record, index) => {
		const id = checkContactId(isRecord(record) ? (record.id as string) : '');
		if (!isRecord(record.cellPhone)) {
			throw new KoreError({
				kind: 'validation',
				what: `Record #${index + 1} (contact ${sanitize(id).slice(0, 80)}) has no cellPhone`,
				hint: 'Every record carries all the fields (bulkRecordOf builds one): send the current phone to keep it',
			});
		}
		if (seen.has(id)) {
			throw new KoreError({
				kind: 'validation',
				what: `Contact ${sanitize(id).slice(0, 80)} appears twice in one bulk update (record #${index + 1})`,
				hint: 'Merge its changes into one record, or send them in separate chunks',
			});
		}
		seen.add(id);
		return id;
	});
}

/** '.' and '..' survive encodeURIComponent and are resolved by URL parsing; '/' and '\\' a server may decode. */
function movesThePath(id: string): boolean {
	const trimmed = id.trim();
	return trimmed === '.' || trimmed === '..' || /[/\\]/.test(id);
}

function finite(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
	return Number.isFinite(n) ? n : undefined;
}

function positive(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
