export type KoreErrorKind =
	| 'bad-host'
	| 'credentials'
	| 'scope'
	| 'stream'
	| 'contact-not-found'
	| 'validation'
	| 'rate-limit'
	| 'method'
	| 'server'
	| 'timeout'
	| 'dns'
	| 'tls'
	| 'proxy'
	| 'connection'
	| 'bad-response'
	| 'redirect'
	| 'aborted';

type KoreErrorInit = {
	kind: KoreErrorKind;
	/** What happened, one sentence without the trailing hint. */
	what: string;
	/** What to check or do. */
	hint: string;
	status?: number;
	code?: number;
	serverMessage?: string;
	outcomeUnknown?: boolean;
	retryAfterSeconds?: number;
	cause?: unknown;
};

/**
 * Every expected failure of the Kore.ai client. `message` is one operator-facing sentence
 * (what happened, then what to check); `hint` is the "what to check" part on its own.
 * Neither ever contains the client secret or a JWT.
 */
export class KoreError extends Error {
	override readonly name = 'KoreError';
	readonly kind: KoreErrorKind;
	readonly status?: number;
	readonly code?: number;
	readonly serverMessage?: string;
	readonly hint: string;
	/** What happened, without the hint (message = summary + hint). */
	readonly summary: string;
	readonly outcomeUnknown: boolean;
	readonly retryAfterSeconds?: number;

	constructor(init: KoreErrorInit) {
		const what = scrubSecrets(init.what);
		const hint = scrubSecrets(init.hint);
		super(joinSentences(what, hint), init.cause === undefined ? undefined : {cause: init.cause});
		this.kind = init.kind;
		this.hint = hint;
		this.summary = what;
		this.outcomeUnknown = init.outcomeUnknown ?? false;
		if (init.status !== undefined) this.status = init.status;
		if (init.code !== undefined) this.code = init.code;
		if (init.serverMessage !== undefined) this.serverMessage = scrubSecrets(init.serverMessage);
		if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
	}
}

export function isKoreError(error: unknown): error is KoreError {
	return error instanceof KoreError;
}

/** One sentence for any thrown value: a KoreError's message, or a generic sentence. Never a stack. */
export function describeError(error: unknown): string {
	if (isKoreError(error)) return error.message;
	const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
	const firstLine = scrubSecrets(raw.split('\n')[0] ?? '')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
		.trim()
		.slice(0, 300);
	return firstLine ? `Something unexpected went wrong: ${withStop(firstLine)}` : 'Something unexpected went wrong.';
}

/**
 * The same error with these secrets removed from the text that could hold them (itself when none
 * does). Our own sentences (the hint, the fixed words of the summary) are never rewritten: a short
 * secret such as "wrong" must not garble "a wrong stream", nor reveal itself by the gap it leaves.
 * What is redacted: the server's message (see scrubSecrets), and in the summary the echoed
 * server message and quoted values (e.g. a secret pasted as the stream ID); a secret of
 * REDACT_MIN_LENGTH or more characters anywhere in the summary or hint (it cannot be an ordinary word).
 */
export function withoutSecrets<T>(error: T, secrets: readonly string[]): T | KoreError {
	if (!isKoreError(error)) return error;
	const present = secrets.filter(
		secret => secret && [error.summary, error.hint, error.serverMessage ?? ''].some(text => containsSecret(text, secret)),
	);
	if (present.length === 0) return error;
	let summary = error.summary;
	let serverMessage = error.serverMessage;
	if (serverMessage !== undefined && present.some(secret => containsSecret(serverMessage!, secret))) {
		const scrubbed = scrubSecrets(serverMessage, present);
		summary = summary.split(serverMessage).join(scrubbed);
		serverMessage = scrubbed;
	}
	summary = redactEchoes(summary, present);
	const hint = redactEchoes(error.hint, present);
	if (summary === error.summary && hint === error.hint && serverMessage === error.serverMessage) return error;
	return new KoreError({
		kind: error.kind,
		what: summary,
		hint,
		outcomeUnknown: error.outcomeUnknown,
		...(error.status === undefined ? {} : {status: error.status}),
		...(error.code === undefined ? {} : {code: error.code}),
		...(serverMessage === undefined ? {} : {serverMessage}),
		...(error.retryAfterSeconds === undefined ? {} : {retryAfterSeconds: error.retryAfterSeconds}),
		cause: error.cause,
	});
}

/** Secrets at least this long are replaced by "[secret]" wherever they occur; shorter ones could be ordinary words. */
export const REDACT_MIN_LENGTH = 8;

/** Said instead of a server message that contained a short secret (which cannot be cut out safely). */
export const WITHHELD_MESSAGE = "[the server's message was withheld because it contained the client secret]";

/** Anything that looks like a JWT (three base64url parts, the first two starting with `eyJ`). */
const JWT_PATTERN = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/**
 * Makes text that came from elsewhere (a server's message, a response body, a network error)
 * safe to show: JWT-looking strings become "[token]", a secret of REDACT_MIN_LENGTH or more
 * characters becomes "[secret]" in any of its forms (see secretForms), and when a shorter secret
 * occurs the whole text is replaced by WITHHELD_MESSAGE (replacing a short secret would garble
 * ordinary words and show which word it is). Never use it on our own sentences.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text.replace(JWT_PATTERN, '[token]');
	for (const secret of secrets) {
		if (!secret || !containsSecret(out, secret)) continue;
		if (secret.length < REDACT_MIN_LENGTH) return WITHHELD_MESSAGE;
		for (const form of formPatterns(secret)) out = out.replace(form, '[secret]');
	}
	return out;
}

/** Whether the text holds the secret in any of its forms, in any case. */
export function containsSecret(text: string, secret: string): boolean {
	return Boolean(secret) && formPatterns(secret).some(form => new RegExp(form.source, 'iu').test(text));
}

/**
 * The forms a secret takes once it has gone through a URL or a server: as typed, percent-encoded
 * (path, query), and as a parsed host name (lower-cased, punycode). Matched in any case.
 */
function secretForms(secret: string): string[] {
	const forms = new Set([secret, encodeURIComponent(secret), encodeURI(secret)]);
	forms.add(new URLSearchParams({s: secret}).toString().slice(2));
	if (!/[/?#@:\\%\s]/.test(secret)) {
		try {
			forms.add(new URL(`https://${secret}`).hostname);
		} catch {
			// Not a host name: no such form.
		}
	}
	return [...forms].filter(Boolean).sort((a, b) => b.length - a.length);
}

function formPatterns(secret: string): RegExp[] {
	return secretForms(secret).map(form => new RegExp(escapeRegExp(form), 'giu'));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * In one of our sentences: a long secret anywhere (any form, any case); a short one only as a
 * whole quoted value ('…', "…" or `…`), which is where we echo what was typed or received.
 */
function redactEchoes(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= REDACT_MIN_LENGTH) {
			for (const form of formPatterns(secret)) out = out.replace(form, '[secret]');
		} else {
			for (const form of secretForms(secret)) {
				for (const q of ["'", '"', '`'])
					out = out.replace(new RegExp(escapeRegExp(`${q}${form}${q}`), 'giu'), `${q}[secret]${q}`);
			}
		}
	}
	return out;
}

function withStop(sentence: string): string {
	return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function joinSentences(what: string, hint: string): string {
	if (!hint) return withStop(what);
	return `${withStop(what)} ${withStop(hint)}`;
}
