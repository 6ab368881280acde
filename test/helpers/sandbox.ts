import {randomUUID} from 'node:crypto';
import {SignJWT, type JWTPayload} from 'jose';
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';

/**
 * Starts a sandbox before all tests of the file, closes it after all, and clears its faults and
 * recorded requests before each test. Returns a getter (the sandbox exists only once beforeAll ran).
 * The sandbox's state (edits) and its rate-limit window (60 requests/min by default) last for the
 * whole file: pass `{rateLimitPerMinute: 0}` when a file makes many calls and is not about the limit.
 */
export function useSandbox(options?: SandboxOptions): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});
	beforeEach(() => {
		sandbox?.faults.clear();
		if (sandbox) {
			sandbox.requests.length = 0;
			sandbox.arrivals.length = 0;
		}
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running: call the getter inside a test or hook.');
		return sandbox;
	};
}

/**
 * A JWT the sandbox accepts: HS256 with the sandbox's client secret, appId = clientId, sub, iat,
 * exp = iat + 300 and a random jti. `claims` overrides or adds claims (set one to undefined to drop it).
 * `secret` signs with another secret (for bad-signature tests).
 */
export async function mintTestJwt(
	sandbox: Pick<Sandbox, 'clientId' | 'clientSecret'>,
	claims: JWTPayload & Record<string, unknown> = {},
	secret?: string,
): Promise<string> {
	const iat = Math.floor(Date.now() / 1000);
	const payload: Record<string, unknown> = {
		appId: sandbox.clientId,
		sub: 'kore-contacts-test',
		iat,
		exp: iat + 300,
		jti: randomUUID(),
		...claims,
	};
	for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
	return new SignJWT(payload as JWTPayload)
		.setProtectedHeader({alg: 'HS256', typ: 'JWT'})
		.sign(new TextEncoder().encode(secret ?? sandbox.clientSecret));
}

/** Headers for a Kore call against the sandbox (a fresh JWT each time). */
export async function sandboxHeaders(
	sandbox: Sandbox,
	claims?: JWTPayload & Record<string, unknown>,
): Promise<Record<string, string>> {
	return {
		auth: await mintTestJwt(sandbox, claims),
		accountId: sandbox.accountId,
		'Content-Type': 'application/json',
	};
}

/** A call to the sandbox's own control API (`/__sandbox/...`: faults, requests, contacts). */
export async function sandboxControl(s: Sandbox, method: string, path: string, body?: unknown) {
	const res = await fetch(`${s.url}/__sandbox${path}`, {
		method,
		headers: {'Content-Type': 'application/json'},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return {status: res.status, body: (await res.json()) as any};
}

/** `${url}/agentassist/api/v1/public/${streamId}` + path. */
export function koreUrl(sandbox: Sandbox, path = '/contacts', streamId = sandbox.streamId): string {
	return `${sandbox.url}/agentassist/api/v1/public/${streamId}${path}`;
}

/**
 * `profile add NAME` pointing at this sandbox, the secret read from stdin (pass it as the input);
 * `extra` adds flags such as --protected.
 */
export function profileAddArgs(
	sandbox: Pick<Sandbox, 'url' | 'accountId' | 'clientId'>,
	name: string,
	extra: string[] = [],
	secretFromStdin = true,
): string[] {
	return [
		'profile',
		'add',
		name,
		'--host',
		sandbox.url,
		'--account-id',
		sandbox.accountId,
		'--client-id',
		sandbox.clientId,
		...(secretFromStdin ? ['--client-secret-stdin'] : []),
		...extra,
	];
}

/**
 * Whether a PUT has reached the sandbox (held there by a latency fault, say). Ctrl+C tests press it
 * only then: a cancel before the PUT leaves is a known "nothing was sent", not an unknown outcome.
 */
export function putArrived(sandbox: Sandbox): boolean {
	return sandbox.arrivals.some(request => request.method === 'PUT');
}
