/**
 * One exchange on the wire: ofetch over Node's built-in fetch, or over undici 7's fetch with its
 * EnvHttpProxyAgent when a proxy applies (Node 20's fetch ignores HTTPS_PROXY, and its older undici
 * does not take undici 7 dispatchers). Redirects are never followed (`redirect: 'manual'`): a 3xx
 * comes back as an answer, so the JWT never goes to a host that was not configured. ofetch's own
 * retry and timeout are off (its retries reuse an already aborted signal); send.ts does both.
 *
 * ofetch, jose and undici are loaded with the first request, not when this file is imported: the
 * editor's first screen needs none of them.
 */
import type {$Fetch} from 'ofetch';
import type {Dispatcher} from 'undici';
import type {UpdateBody} from '../contact/contact.js';
import {USER_AGENT} from '../version.js';
import type {NetworkFailure} from './classify.js';
import type {BulkRecord} from './types.js';

export type Transport = {
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

/** The transport for direct or proxied requests, loaded once (a failed load is tried again by the next request). */
export function transportFor(proxied: boolean): Promise<Transport> {
	const which = proxied ? 'proxied' : 'direct';
	transports[which] ??= loadTransport(proxied).catch((error: unknown) => {
		transports[which] = undefined;
		throw error;
	});
	return transports[which];
}

/** Who signs the JWT and whose account the request is for. */
export type Credentials = {accountId: string; clientId: string; clientSecret: string; subject?: string};

export type Exchange = {
	method: 'GET' | 'PUT';
	url: string;
	query?: Record<string, number>;
	body?: UpdateBody | readonly BulkRecord[];
	signal?: AbortSignal;
	/** The most of the answer's body that is read (client.ts's LIST_BODY_LIMIT, CONTACT_BODY_LIMIT). */
	maxBytes: number;
};

export type Attempt =
	| {type: 'response'; status: number; headers: Headers; text: string; tooLarge: boolean}
	| {type: 'network'; failure: NetworkFailure};

/**
 * Sends the request once with a fresh JWT and reads at most `maxBytes` of the answer, within
 * `timeoutMs`. Never throws: a failure comes back with whether anything was sent.
 */
export async function exchangeOnce(
	exchange: Exchange,
	[{$fetch, mintJwt}, agent]: [Transport, Dispatcher | undefined],
	credentials: Credentials,
	timeoutMs: number,
): Promise<Attempt> {
	const timer = new AbortController();
	const handle = setTimeout(() => {
		timer.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
	}, timeoutMs);
	const signal = exchange.signal ? AbortSignal.any([exchange.signal, timer.signal]) : timer.signal;
	let sent = false;
	try {
		const {accountId, clientId, clientSecret, subject} = credentials;
		const jwt = await mintJwt({clientId, clientSecret, ...(subject ? {subject} : {})});
		// Stopped (Ctrl+C, the timer) before anything left: the request is known not to be sent.
		signal.throwIfAborted();
		sent = true;
		const response = await $fetch.raw<ReadableStream<Uint8Array> | undefined, 'stream'>(exchange.url, {
			method: exchange.method,
			...(exchange.query ? {query: exchange.query} : {}),
			...(exchange.body ? {body: JSON.stringify(exchange.body)} : {}),
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
		const {text, tooLarge} = await readLimited(response._data ?? response.body ?? undefined, exchange.maxBytes);
		return {type: 'response', status: response.status, headers: response.headers, text, tooLarge};
	} catch (error) {
		return {
			type: 'network',
			failure: {
				error,
				aborted: Boolean(exchange.signal?.aborted),
				timedOut: timer.signal.aborted && !exchange.signal?.aborted,
				...(sent ? {} : {notSent: true}),
			},
		};
	} finally {
		clearTimeout(handle);
	}
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
