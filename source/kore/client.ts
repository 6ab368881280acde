import type {Dispatcher} from 'undici';
import type {Contact, ContactPage, UpdateBody} from '../contact/contact.js';
import {isRecord} from '../util.js';
import {bulkEntries, readBulkAnswer} from './bulk.js';
import {badResponse, type RequestContext} from './classify.js';
import {ContactFinder} from './contacts.js';
import {KoreError, withoutSecrets} from './errors.js';
import {hostHoldsSecret, normalizeHost} from './host.js';
import {checkBulkRecords, checkContactId, checkStream} from './ids.js';
import {createDispatcher, proxyFor, type ProxyEnv} from './proxy.js';
import {DEFAULT_WINDOW_MS, limiterKey} from './rate-limit.js';
import {type Answer, createSend} from './send.js';
import type {BulkRecord, BulkRecordResult, ClientOptions, KoreClient, RateLimitWait, RequestOptions} from './types.js';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_RETRY_DELAY_MS = 500;
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
 * The client for one host and account: the endpoints (list a page, update one contact, a bulk
 * update) sent through send.ts, the finder that pages for a contact (contacts.ts), and every thrown
 * message cleared of the secret.
 */
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

	const send = createSend({
		credentials: {accountId, clientId, clientSecret, ...(options.subject ? {subject: options.subject} : {})},
		timeoutMs,
		retries,
		retryDelayMs,
		limiterKey: key,
		maxRequests,
		windowMs,
		secrets,
		onWait,
		dispatcher: getDispatcher,
	});

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
		cachedPages: (streamId, skip) => finder.pagesFrom(streamId, skip),
		forgetCache: streamId => finder.forget(streamId),
	};
}

function toPage(answer: Answer, ctx: RequestContext, asked: {skip: number; limit: number}): ContactPage {
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

function finite(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
	return Number.isFinite(n) ? n : undefined;
}

function positive(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
