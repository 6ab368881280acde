import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import type {EditorServices} from '../../../source/editor/services.js';
import {createKoreClient} from '../../../source/kore/client.js';
import type {KoreClient, KoreCredentials, RateLimitWait} from '../../../source/kore/types.js';
import type {Sandbox} from '../../../source/sandbox/types.js';
import {openStore} from '../../../source/store/config.js';
import type {Profile} from '../../../source/store/types.js';

const made: string[] = [];

afterAll(() => {
	for (const dir of made.splice(0)) {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

/** A real settings folder in a temp dir (removed after the test file). */
export function tempConfigDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-'));
	made.push(dir);
	return dir;
}

/** A client for tests: no client-side limiter in the way, no retry delays. */
export function testClient(credentials: KoreCredentials, hooks?: {onRateLimitWait: (wait: RateLimitWait) => void}): KoreClient {
	return createKoreClient({
		...credentials,
		maxRequestsPerMinute: 100_000,
		retryDelayMs: 1,
		onRateLimitWait: hooks?.onRateLimitWait,
	});
}

export function makeServices(
	options: {
		configDir?: string;
		env?: NodeJS.ProcessEnv;
		color?: boolean;
		demo?: {banner: string; host?: string};
		initialProfile?: string;
	} = {},
): EditorServices {
	const configDir = options.configDir ?? tempConfigDir();
	return {
		store: openStore({configDir, env: {}}),
		env: options.env ?? {},
		createClient: (credentials, hooks) => testClient(credentials, hooks),
		color: options.color ?? false,
		demo: options.demo,
		initialProfile: options.initialProfile,
	};
}

export function sandboxProfile(sandbox: Sandbox, overrides: Partial<Profile> = {}): Profile {
	return {
		name: 'sandbox',
		host: sandbox.url,
		accountId: sandbox.accountId,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		protected: false,
		...overrides,
	};
}

export function sandboxCredentials(sandbox: Sandbox): KoreCredentials {
	return {host: sandbox.url, accountId: sandbox.accountId, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret};
}
