import {sanitize} from '../contact/sanitize.js';
import {KoreError, scrubSecrets} from './errors.js';
import type {ProxyChoice} from './proxy.js';
import {isRecord} from '../util.js';

/** What the client knew about one request, for turning a failure into a sentence. */
export type RequestContext = {
	method: 'GET' | 'PUT';
	baseUrl: string;
	streamId: string;
	contactId?: string;
	/** For a bulk update: the IDs of the contacts it carries. */
	bulkIds?: readonly string[];
	timeoutMs: number;
	/** The proxy this request went through, if any. */
	proxy?: ProxyChoice;
	/** Strings that must never appear in a message (the client secret). */
	secrets: string[];
};

const RATE_LIMIT_TEXT = 'exceeded the per-minute rate limit';

const TLS_CODES = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_GET_ISSUER_CERT',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'CERT_SIGNATURE_FAILURE',
]);

/** Failures that happen while connecting: nothing of the request reached the server. */
const CONNECT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

// ---------------------------------------------------------------- bodies

export type ParsedBody = {
	/** The parsed JSON, or undefined when the body is empty or not JSON. */
	json: unknown;
	isJson: boolean;
	/** `msg`s of the `{"errors":[{msg, code}]}` envelope (sanitised, secrets removed). */
	messages: string[];
	codes: number[];
};

export function parseBody(text: string, secrets: string[] = []): ParsedBody {
	let json: unknown;
	let isJson = false;
	if (text.trim()) {
		try {
			json = JSON.parse(text);
			isJson = true;
		} catch {
			json = undefined;
		}
	}
	const messages: string[] = [];
	const codes: number[] = [];
	const errors = isRecord(json) ? json['errors'] : undefined;
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			if (!isRecord(entry)) continue;
			if (entry['msg'] !== undefined && entry['msg'] !== null) {
				const msg = clean(entry['msg'], secrets);
				if (msg) messages.push(msg);
			}
			const code = Number(entry['code']);
			if (entry['code'] !== undefined && Number.isFinite(code)) codes.push(code);
		}
	} else if (isRecord(json) && typeof json['message'] === 'string') {
		const msg = clean(json['message'], secrets);
		if (msg) messages.push(msg);
	}
	return {json, isJson, messages, codes};
}

export function isRateLimited(status: number, body: ParsedBody): boolean {
	return status === 429 || body.messages.some(m => m.toLowerCase().includes(RATE_LIMIT_TEXT));
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

// ---------------------------------------------------------------- statuses

/** A non-2xx answer (other than the rate limit, which the client retries) as a KoreError. */
export function errorFromStatus(status: number, body: ParsedBody, ctx: RequestContext): KoreError {
	const serverMessage = body.messages.length > 0 ? body.messages.join('; ') : undefined;
	const code = body.codes[0];
	const said = serverMessage ? `: "${serverMessage}"` : '';
	const common = {status, ...(code === undefined ? {} : {code}), ...(serverMessage ? {serverMessage} : {})};
	const stream = show(ctx.streamId);
	const host = ctx.baseUrl;

	if (status === 401 || status === 403) {
		if (serverMessage && /scope/i.test(serverMessage)) {
			return new KoreError({
				kind: 'scope',
				what: `Kore.ai refused the request (${status}${said})`,
				hint: "The app's credentials lack the Contact Center 'Configuration' API scope: add it to the app in Kore.ai and publish",
				...common,
			});
		}
		return new KoreError({
			kind: 'credentials',
			what: `Kore.ai did not accept the credentials for stream ${stream} at ${host} (${status}${said})`,
			hint: 'Check the host, account ID, client ID and client secret, and the stream ID: a wrong stream also gives 401',
			...common,
		});
	}
	if ((status === 400 || (status === 404 && body.messages.length > 0)) && ctx.contactId !== undefined) {
		return new KoreError({
			kind: 'contact-not-found',
			what: `Kore.ai has no contact with ID ${show(ctx.contactId)} in stream ${stream} (${status}${said})`,
			hint: 'Check the contact ID, or browse the list',
			...common,
		});
	}
	if (status === 404) {
		return new KoreError({
			kind: 'stream',
			what: `${host} has no contacts API for stream ${stream} (404${said})`,
			hint: 'Check the host (e.g. platform.kore.ai) and the stream ID (st-...) on the app settings page',
			...common,
		});
	}
	if (status === 405) {
		return new KoreError({
			kind: 'method',
			what: `Kore.ai does not allow ${ctx.method} on this path (405${said})`,
			hint: 'Check the host: it may not be a Kore.ai platform host, or the API has changed',
			...common,
		});
	}
	if (status === 412 || status === 422 || (status === 400 && ctx.contactId === undefined)) {
		return new KoreError({
			kind: 'validation',
			what: serverMessage
				? `Kore.ai rejected the request: ${serverMessage}`
				: `Kore.ai rejected the request as invalid (${status})`,
			hint: 'Correct the value it names and try again',
			...common,
		});
	}
	if (status >= 500) {
		return withOutcome(
			new KoreError({
				kind: 'server',
				what: `Kore.ai answered with a server error (${status}${said})`,
				hint: 'Try again in a moment; if it keeps happening, check the Kore.ai status page',
				...common,
			}),
			ctx,
			ctx.method === 'PUT',
		);
	}
	return new KoreError({
		kind: 'bad-response',
		what: `Kore.ai answered with an unexpected status ${status}${said}`,
		hint: 'Check the host; if it is right, try again later',
		...common,
	});
}

/** A 2xx answer whose body is not what the API documents. */
export function badResponse(status: number, text: string, ctx: RequestContext, expected: string): KoreError {
	const snippet = clean(text, ctx.secrets).slice(0, 60);
	return withOutcome(
		new KoreError({
			kind: 'bad-response',
			what: `${ctx.baseUrl} answered ${status} but not with ${expected}${snippet ? ` (it began "${snippet}")` : ' (the body was empty)'}`,
			hint: 'Check the host: it may be a web page, a login page of a proxy, or not a Kore.ai platform host',
			status,
		}),
		ctx,
		ctx.method === 'PUT',
	);
}

/**
 * Any 3xx: redirects are never followed, so nothing (least of all the JWT) went to the other host.
 * For a PUT the configured server answered, but not with the stored contact: most likely it did
 * not save (a 303 usually follows a request that was processed), so the outcome is left unknown.
 */
export function redirectError(status: number, location: string | null, requestUrl: string, ctx: RequestContext): KoreError {
	const from = safeOrigin(ctx.baseUrl);
	let to: string | undefined;
	try {
		if (location) to = sanitize(new URL(location, requestUrl).origin).slice(0, 120);
	} catch {
		// Reported as a redirect without a usable Location.
	}
	const where = to ? ` to ${to}` : ' without a usable Location';
	const notSent = to && to !== from ? `; nothing was sent to ${to}` : '';
	if (ctx.method === 'GET') {
		return new KoreError({
			kind: 'redirect',
			what: `The request to ${from} was redirected${where} (${status}); kore-contacts does not follow redirects`,
			hint: `Check the host: it should be the Kore.ai platform host itself, e.g. platform.kore.ai${notSent}`,
			status,
		});
	}
	const likely =
		status === 303
			? 'a 303 usually follows a request that was processed, so the change may have been saved'
			: 'it answered with a redirect instead of the saved contact, so the change was most likely not saved';
	return new KoreError({
		kind: 'redirect',
		what: `The update sent to ${from} was redirected${where} (${status}); kore-contacts does not follow redirects${notSent}. ${from} ${likely}`,
		hint: `Check with \`${checkCommand(ctx)}\` before sending it again, and check the host: it should be the Kore.ai platform host itself, e.g. platform.kore.ai`,
		outcomeUnknown: true,
		status,
	});
}

/** A 2xx answer larger than the client reads: cut off, never held whole in memory. */
export function tooLargeError(status: number, maxBytes: number, ctx: RequestContext): KoreError {
	const mib = Math.round(maxBytes / 1024 / 1024);
	const what =
		ctx.method === 'GET'
			? `${ctx.baseUrl} answered ${status} with more than ${mib} MiB for one page of contacts; stopped reading it`
			: `${ctx.baseUrl} answered ${status} with more than ${mib} MiB for ${ctx.bulkIds ? 'a bulk update' : 'the updated contact'}; stopped reading it`;
	return withOutcome(
		new KoreError({
			kind: 'bad-response',
			what,
			hint: 'Check the host: a Kore.ai page of 50 contacts is far smaller, so this may not be a Kore.ai platform host',
			status,
		}),
		ctx,
		ctx.method === 'PUT',
	);
}

/**
 * The client gave up on the server's rate limit: a Retry-After too long to wait (said as its real
 * length), or still limited after its retries (saying how long it waited).
 */
export function rateLimitError(given: {retries: number; waitedMs: number; askedMs?: number}): KoreError {
	const asked = given.askedMs === undefined ? undefined : Math.ceil(given.askedMs / 1000);
	const shared = 'other tools using the same account share its limit of 60 requests per minute';
	if (asked !== undefined && given.retries === 0) {
		return new KoreError({
			kind: 'rate-limit',
			what: `Kore.ai's rate limit was exceeded and it asks to wait ${asked} s${asked >= 120 ? ` (${aboutDuration(asked)})` : ''}`,
			hint: `Try again in ${aboutDuration(asked)}; ${shared}`,
			status: 429,
			retryAfterSeconds: asked,
		});
	}
	const waited = Math.round(given.waitedMs / 1000);
	return new KoreError({
		kind: 'rate-limit',
		what: `Kore.ai's per-minute rate limit was still exceeded after ${given.retries} retries over ${waited} s`,
		hint:
			asked === undefined
				? `Try again in about a minute; ${shared}`
				: `Kore.ai last asked to wait ${aboutDuration(asked)}: try again after that; ${shared}`,
		status: 429,
		...(asked === undefined ? {} : {retryAfterSeconds: asked}),
	});
}

/** "45 s", "about 5 minutes", "about 1 hour", "about 2.5 hours". */
function aboutDuration(seconds: number): string {
	if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
	if (seconds < 3600) return `about ${Math.round(seconds / 60)} minutes`;
	const hours = Math.round(seconds / 1800) / 2;
	return `about ${hours} hour${hours === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------- network

/** The first `code` in an error's cause chain (undici wraps errors in "fetch failed"). */
export function networkCode(error: unknown): string | undefined {
	for (const e of causes(error)) {
		const code = (e as {code?: unknown}).code;
		if (typeof code === 'string' && code) return code;
	}
	return undefined;
}

/**
 * The status with which the proxy refused the CONNECT. undici gives it only in the message of its
 * UND_ERR_ABORTED error ("Proxy response (407) !== 200 when HTTP Tunneling").
 */
function proxyRefusalStatus(error: unknown): number | undefined {
	for (const e of causes(error)) {
		if ((e as {code?: unknown}).code !== 'UND_ERR_ABORTED') continue;
		const match = /Proxy response \((\d+)\)/.exec(String((e as {message?: unknown}).message ?? ''));
		if (match) return Number(match[1]);
	}
	return undefined;
}

/** True when nothing of the request can have been processed: safe to send again, even a PUT. */
export function failedBeforeSending(error: unknown): boolean {
	const code = networkCode(error);
	return proxyRefusalStatus(error) !== undefined || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** Whether a failed GET is worth another try (not for permanent causes). */
export function isTransientNetworkError(error: unknown): boolean {
	const code = networkCode(error);
	if (proxyRefusalStatus(error) !== undefined) return false;
	if (code && (TLS_CODES.has(code) || code === 'ENOTFOUND' || code.startsWith('ERR_SSL') || code === 'EPROTO')) {
		return false;
	}
	return true;
}

export type NetworkFailure = {
	error: unknown;
	/** Our per-attempt timer fired. */
	timedOut: boolean;
	/** The caller's signal fired. */
	aborted: boolean;
	/** Stopped before the request was handed to fetch: nothing reached the server. */
	notSent?: boolean;
};

export function errorFromNetwork(failure: NetworkFailure, ctx: RequestContext): KoreError {
	const {error} = failure;
	const unknownOutcome = ctx.method === 'PUT' && !failure.notSent && !failedBeforeSending(error);
	const hostname = safeHostname(ctx.baseUrl);

	if (failure.aborted) {
		return withOutcome(new KoreError({kind: 'aborted', what: 'Cancelled', hint: '', cause: error}), ctx, unknownOutcome);
	}
	if (failure.timedOut) {
		const seconds = Math.round(ctx.timeoutMs / 100) / 10;
		return withOutcome(
			new KoreError({
				kind: 'timeout',
				what: `Kore.ai at ${ctx.baseUrl} did not answer within ${seconds} s`,
				hint: `Check your network; if Kore.ai is only slow, allow more time with --timeout SECONDS (now ${seconds} s)`,
				cause: error,
			}),
			ctx,
			unknownOutcome,
		);
	}

	const code = networkCode(error);
	const proxyStatus = proxyRefusalStatus(error);
	let result: KoreError;
	if (code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code === 'EPROTO')) {
		result = tlsError(code, hostname, error);
	} else if (ctx.proxy && (proxyStatus !== undefined || (code && CONNECT_CODES.has(code)))) {
		const why =
			proxyStatus === undefined
				? code
				: `it answered ${proxyStatus}${proxyStatus === 407 ? ': proxy authentication required' : ''}`;
		result = new KoreError({
			kind: 'proxy',
			what: `Could not reach ${hostname} through the proxy ${ctx.proxy.display} set in ${ctx.proxy.variable} (${why})`,
			hint: `Check ${ctx.proxy.variable} (host, port and any proxy login), or add ${hostname} to NO_PROXY if it should be reached directly`,
			cause: error,
		});
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		result = new KoreError({
			kind: 'dns',
			what: `Could not find the host ${hostname} (${code})`,
			hint: 'Check the host spelling (e.g. platform.kore.ai) and your network or DNS',
			cause: error,
		});
	} else {
		const detail = code ?? innermostMessage(error, ctx.secrets) ?? 'connection failed';
		result = new KoreError({
			kind: 'connection',
			what:
				code === 'ECONNREFUSED'
					? `Could not connect to ${ctx.baseUrl}: the connection was refused (${code})`
					: `The connection to ${ctx.baseUrl} failed (${detail})`,
			hint: 'Check the host and port, and that you are online',
			cause: error,
		});
	}
	return withOutcome(result, ctx, unknownOutcome);
}

function tlsError(code: string, hostname: string, cause: unknown): KoreError {
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return new KoreError({
			kind: 'tls',
			what: `The TLS certificate of ${hostname} is not valid for that name (${code})`,
			hint: 'Check the host; if a proxy or gateway presents its own certificate, its CA must be trusted: NODE_EXTRA_CA_CERTS=/path/to/ca.pem',
			cause,
		});
	}
	if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
		return new KoreError({
			kind: 'tls',
			what: `The TLS certificate of ${hostname} is outside its validity dates (${code})`,
			hint: "Check this computer's clock and date; otherwise the server's certificate must be renewed",
			cause,
		});
	}
	if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
		return new KoreError({
			kind: 'tls',
			what: `The TLS handshake with ${hostname} failed (${code})`,
			hint: 'Check the host and port: the server may not speak https on that port',
			cause,
		});
	}
	return new KoreError({
		kind: 'tls',
		what: `Could not verify the TLS certificate of ${hostname} (${code})`,
		hint: 'If your network or on-premises host uses its own certificate authority, point Node at it: NODE_EXTRA_CA_CERTS=/path/to/ca.pem',
		cause,
	});
}

/** For a PUT whose fate is unknown: say so, and how to check. */
function withOutcome(error: KoreError, ctx: RequestContext, unknown: boolean): KoreError {
	if (!unknown) return error;
	const check = checkCommand(ctx);
	const many = ctx.bulkIds !== undefined && ctx.bulkIds.length !== 1;
	return new KoreError({
		kind: error.kind,
		what: `${stripStop(error.summary)}. ${many ? `The changes to ${ctx.bulkIds!.length} contacts` : 'The change'} may or may not have been saved`,
		hint: many
			? `Re-read each of them (e.g. \`${check}\`) before sending them again`
			: `Check with \`${check}\` before sending it again`,
		outcomeUnknown: true,
		...(error.status === undefined ? {} : {status: error.status}),
		...(error.code === undefined ? {} : {code: error.code}),
		...(error.serverMessage === undefined ? {} : {serverMessage: error.serverMessage}),
		cause: error.cause,
	});
}

// ---------------------------------------------------------------- helpers

function checkCommand(ctx: RequestContext): string {
	return `kore-contacts get --stream ${shellWord(ctx.streamId)} --contact ${shellWord(ctx.contactId ?? ctx.bulkIds?.[0] ?? '')}`;
}

function safeOrigin(baseUrl: string): string {
	try {
		return new URL(baseUrl).origin;
	} catch {
		return baseUrl;
	}
}

function* causes(error: unknown): Generator<object> {
	let current: unknown = error;
	for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
		yield current;
		current = (current as {cause?: unknown}).cause;
	}
}

function innermostMessage(error: unknown, secrets: string[]): string | undefined {
	let last: string | undefined;
	for (const e of causes(error)) {
		const message = (e as {message?: unknown}).message;
		if (typeof message === 'string' && message) last = message;
	}
	return last ? clean(last, secrets).slice(0, 120) : undefined;
}

function clean(value: unknown, secrets: string[]): string {
	return scrubSecrets(sanitize(value), secrets).trim();
}

function show(value: string): string {
	const clean = sanitize(value);
	return `'${clean.length > 80 ? `${clean.slice(0, 77)}...` : clean}'`;
}

function shellWord(value: string): string {
	const clean = sanitize(value);
	return /^[\w.@:+-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
}

function safeHostname(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return baseUrl;
	}
}

function stripStop(text: string): string {
	return text.replace(/[.]+$/, '');
}
