import {jwtVerify} from 'jose';
import {RATE_LIMIT_MESSAGE} from './defaults.js';
import {AUTH_CODE, INVALID_CREDENTIALS, SCOPE_INCORRECT, SandboxHttpError} from './errors.js';

export type AuthSettings = {
	clientId: string;
	clientSecret: string;
	accountId: string;
	streamId: string;
	enforceJti: boolean;
	scopeGranted: boolean;
	now: () => Date;
};

const credentialsError = () => new SandboxHttpError(401, INVALID_CREDENTIALS, {code: AUTH_CODE});

/**
 * Kore's checks for a public API call, in order: the `auth` JWT (HS256, signed with the client
 * secret, `appId` = client ID, `exp` not passed; with Enforce JTI: a never-seen `jti` and
 * exp - iat <= 3600), the `accountId` header, the stream in the path, then the API scope.
 * Throws SandboxHttpError 401 / 4002; every credentials problem gets the same message, as Kore does.
 */
export function createAuthenticator(settings: AuthSettings) {
	const key = new TextEncoder().encode(settings.clientSecret);
	const seenJti = new Set<string>();

	return async function authenticate(input: {auth?: string; accountId?: string; streamId: string}): Promise<void> {
		const token = input.auth?.trim();
		if (!token) throw credentialsError();
		let payload;
		try {
			({payload} = await jwtVerify(token, key, {algorithms: ['HS256'], currentDate: settings.now()}));
		} catch {
			throw credentialsError();
		}
		if (payload.appId !== settings.clientId) throw credentialsError();
		if (settings.enforceJti) {
			const {jti, iat, exp} = payload;
			if (typeof jti !== 'string' || jti === '' || seenJti.has(jti)) throw credentialsError();
			seenJti.add(jti);
			if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > 3600) throw credentialsError();
		}
		if (input.accountId !== settings.accountId) throw credentialsError();
		if (input.streamId !== settings.streamId) throw credentialsError();
		if (!settings.scopeGranted) throw new SandboxHttpError(401, SCOPE_INCORRECT, {code: AUTH_CODE});
	};
}

/**
 * Sliding 60-second window per account. Only admitted requests use a slot; a request over the
 * limit gets 429 with Kore's message and Retry-After = whole seconds until the oldest slot frees.
 * `perMinute` 0 or Infinity turns the limit off.
 */
export function createRateLimiter(perMinute: number, now: () => Date) {
	const windows = new Map<string, number[]>();
	const off = perMinute === 0 || !Number.isFinite(perMinute);

	return function admit(accountId: string): void {
		if (off) return;
		const t = now().getTime();
		const kept = (windows.get(accountId) ?? []).filter(at => at > t - 60_000);
		if (kept.length >= perMinute) {
			windows.set(accountId, kept);
			const retryAfter = Math.max(1, Math.ceil((kept[0]! + 60_000 - t) / 1000));
			throw new SandboxHttpError(429, RATE_LIMIT_MESSAGE, {headers: {'Retry-After': String(retryAfter)}});
		}
		kept.push(t);
		windows.set(accountId, kept);
	};
}
