import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Sandbox} from '../source/sandbox/index.js';

/** A throwaway home and settings folder, with the KORE_* variables of this sandbox: what a CLI run in the bench needs. */
export function cliEnv(sandbox: Sandbox, prefix: string): {home: string; env: NodeJS.ProcessEnv} {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	return {
		home,
		env: {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: home,
			KORE_CONTACTS_CONFIG_DIR: path.join(home, 'config'),
			KORE_HOST: sandbox.url,
			KORE_ACCOUNT_ID: sandbox.accountId,
			KORE_CLIENT_ID: sandbox.clientId,
			KORE_CLIENT_SECRET: sandbox.clientSecret,
		},
	};
}
