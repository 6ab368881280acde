import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {createKoreClient, type KoreClientOptions} from '../../source/kore/client.js';
import {isKoreError, type KoreError, type KoreErrorKind} from '../../source/kore/errors.js';
import type {Sandbox} from '../../source/sandbox/index.js';

/** A client for the sandbox: no proxy from the machine's environment, quick retries, a roomy limiter. */
export function clientFor(sandbox: Sandbox, overrides: Partial<KoreClientOptions> = {}) {
	return createKoreClient({
		host: sandbox.url,
		accountId: sandbox.accountId,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		maxRequestsPerMinute: 100_000,
		retryDelayMs: 10,
		timeoutMs: 5000,
		env: {},
		...overrides,
	});
}

/** Awaits a promise that must reject with a KoreError of this kind, and returns the error. */
export async function koreFailure(promise: Promise<unknown>, kind: KoreErrorKind): Promise<KoreError> {
	try {
		await promise;
	} catch (error) {
		if (!isKoreError(error)) throw error;
		expect(error.kind, error.message).toBe(kind);
		return error;
	}
	throw new Error(`expected a KoreError of kind ${kind}, but it succeeded`);
}

/** A loopback port nobody listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

/** A self-signed certificate for localhost and 127.0.0.1 in a fresh temp dir. */
export function selfSignedCert(): {dir: string; keyPath: string; certPath: string; key: string; cert: string} {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-tls-'));
	const keyPath = path.join(dir, 'key.pem');
	const certPath = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			keyPath,
			'-out',
			certPath,
			'-subj',
			'/CN=localhost',
			'-addext',
			'subjectAltName=DNS:localhost,IP:127.0.0.1',
			'-days',
			'1',
		],
		{stdio: 'ignore'},
	);
	return {dir, keyPath, certPath, key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8')};
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
