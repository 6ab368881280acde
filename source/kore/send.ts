/**
 * One logical request to Kore.ai: the client-side limiter, timeouts, retries of what is safe to
 * send again, waits for the server's rate limit, and every failure turned into a KoreError. What
 * goes on the wire is transport.ts's; which endpoint and what it means is client.ts's.
 */
import type {Dispatcher} from 'undici';
import {
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
	type ParsedBody,
	type RequestContext,
} from './classify.js';
import {KoreError} from './errors.js';
import {acquireSlot, sleep} from './rate-limit.js';
import {type Credentials, type Exchange, exchangeOnce, type Transport, transportFor} from './transport.js';
import type {RateLimitWait} from './types.js';

/** How often a request answered with "rate limit exceeded" is sent again, at most. */
const SERVER_RATE_LIMIT_RETRIES = 8;
/** All the waiting one request may do for the server's rate limit, in windows (2 minutes for Kore's). */
const SERVER_WAIT_BUDGET_WINDOWS = 2;
/** A Retry-After longer than this is not waited for: the error says how long instead. */
const MAX_SERVER_WAIT_MS = 120_000;

export type Call = Exchange & {
	ctx: RequestContext;
	/** A 4xx answer the caller reads itself instead of an error (a bulk update's per-record results). */
	keepAnswer?: (status: number, body: ParsedBody) => boolean;
};

/** A 2xx answer (or one `keepAnswer` took), its text and its parsed body. */
export type Answer = {status: number; text: string; body: ParsedBody};

export type SendOptions = {
	credentials: Credentials;
	timeoutMs: number;
	/** Network retries (and 502/503/504 retries of a GET). */
	retries: number;
	retryDelayMs: number;
	/** The client-side limiter: its key (host and account), requests per window, window length. */
	limiterKey: string;
	maxRequests: number;
	windowMs: number;
	/** Never in a thrown message. */
	secrets: string[];
	/** Told once a second while a request waits for a rate limit. */
	onWait: (wait: RateLimitWait) => void;
	/** The proxy's dispatcher, or undefined to go direct. */
	dispatcher: () => Promise<Dispatcher | undefined>;
};

export function createSend(options: SendOptions): (call: Call) => Promise<Answer> {
	const {credentials, timeoutMs, retries, retryDelayMs, limiterKey, maxRequests, windowMs, secrets, onWait} = options;

	const checkCredentials = () => {
		const missing = [
			credentials.accountId ? undefined : 'account ID',
			credentials.clientId ? undefined : 'client ID',
			credentials.clientSecret ? undefined : 'client secret',
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
	return async (call: Call): Promise<Answer> => {
		checkCredentials();
		// Loaded before a limiter slot is taken, so the slot is spent on the request itself.
		const agent = await options.dispatcher();
		const ready: [Transport, Dispatcher | undefined] = [await transportFor(agent !== undefined), agent];
		let networkTries = 0;
		let serverWaits = 0;
		let serverWaitedMs = 0;
		for (;;) {
			try {
				await acquireSlot(limiterKey, {max: maxRequests, windowMs, onWait, ...(call.signal ? {signal: call.signal} : {})});
			} catch (error) {
				throw abortedError(call.ctx, error);
			}

			const result = await exchangeOnce(call, ready, credentials, timeoutMs);
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
}

/** The `waits`-th wait (from 0) after a 429 without Retry-After: doubling from window/60, ±25 %, at most one window. */
function serverBackoff(waits: number, windowMs: number): number {
	const base = Math.min(windowMs, (windowMs / 60) * 2 ** waits);
	return Math.round(Math.min(windowMs, base * (0.75 + Math.random() * 0.5)));
}
