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
	| 'aborted';

export type KoreErrorInit = {
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
	return firstLine
		? `Something unexpected went wrong: ${withStop(firstLine)}`
		: 'Something unexpected went wrong.';
}

/** The same error with these secrets removed from every text (itself when none occurs). */
export function withoutSecrets<T>(error: T, secrets: readonly string[]): T | KoreError {
	if (!isKoreError(error)) return error;
	const texts = [error.summary, error.hint, error.serverMessage ?? ''];
	if (!secrets.some(secret => secret && texts.some(text => text.includes(secret)))) return error;
	return new KoreError({
		kind: error.kind,
		what: scrubSecrets(error.summary, secrets),
		hint: scrubSecrets(error.hint, secrets),
		outcomeUnknown: error.outcomeUnknown,
		...(error.status === undefined ? {} : {status: error.status}),
		...(error.code === undefined ? {} : {code: error.code}),
		...(error.serverMessage === undefined ? {} : {serverMessage: scrubSecrets(error.serverMessage, secrets)}),
		...(error.retryAfterSeconds === undefined ? {} : {retryAfterSeconds: error.retryAfterSeconds}),
		cause: error.cause,
	});
}

/** Anything that looks like a JWT (three base64url parts, the first two starting with `eyJ`). */
const JWT_PATTERN = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** Removes JWT-looking strings and any of the given secrets from a text. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text.replace(JWT_PATTERN, '[token]');
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('[secret]');
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
