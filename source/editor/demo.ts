/** Demo mode: the sandbox in this process and a throwaway settings folder holding its one profile. */
import {rmSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {Store} from '../store/types.js';

export const DEMO_BANNER = 'DEMO — a built-in sandbox on 127.0.0.1, nothing real is changed';

export const DEMO_PROFILE = 'demo';

/** Demo mode seeds this many contacts when set (a positive whole number; the bench uses 2000). */
export const DEMO_CONTACTS_VARIABLE = 'KORE_CONTACTS_DEMO_CONTACTS';

/** More would make the demo slow to start for no use. */
export const MAX_DEMO_CONTACTS = 100_000;

/**
 * The demo's contact count from KORE_CONTACTS_DEMO_CONTACTS: undefined (unset or empty: the
 * sandbox's default), a positive whole number, or one sentence saying what to set instead.
 */
export function demoContactCount(env: NodeJS.ProcessEnv): {ok: true; count?: number} | {ok: false; message: string} {
	const raw = (env[DEMO_CONTACTS_VARIABLE] ?? '').trim();
	if (raw === '') return {ok: true};
	const count = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isSafeInteger(count) || count < 1 || count > MAX_DEMO_CONTACTS) {
		const shown = raw.length > 20 ? `${raw.slice(0, 20)}...` : raw;
		return {
			ok: false,
			message: `${DEMO_CONTACTS_VARIABLE} must be a whole number from 1 to ${MAX_DEMO_CONTACTS} (how many contacts the demo seeds), not "${shown.replace(/[^\x20-\x7e]/g, '?')}": correct it or unset it.`,
		};
	}

	return {ok: true, count};
}

/** Variables that would point demo mode at a real account or a real settings folder. */
const DEMO_HIDDEN_VARIABLES = [
	'KORE_HOST',
	'KORE_ACCOUNT_ID',
	'KORE_CLIENT_ID',
	'KORE_CLIENT_SECRET',
	'KORE_PROFILE',
	'KORE_CONTACTS_CONFIG_DIR',
];

/** Proxy variables: demo mode talks to 127.0.0.1 directly. */
const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];

export type Demo = {
	/** The sandbox's address: the only host demo mode talks to. */
	url: string;
	store: Store;
	env: NodeJS.ProcessEnv;
	close: () => Promise<void>;
};

/** The sandbox in this process on a free loopback port, and a throwaway settings folder holding its profile. */
export async function startDemo(env: NodeJS.ProcessEnv, contactCount: number | undefined): Promise<Demo> {
	const demoEnv = {...env};
	for (const name of [...DEMO_HIDDEN_VARIABLES, ...PROXY_VARIABLES]) delete demoEnv[name];
	const {startSandbox, SANDBOX_DEFAULTS} = await import('../sandbox/index.js');
	const {openStore} = await import('../store/config.js');
	const sandbox = await startSandbox({
		host: SANDBOX_DEFAULTS.host,
		port: 0,
		...(contactCount === undefined ? {} : {contactCount}),
	});
	let dir: string | undefined;
	try {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kore-contacts-demo-'));
		const store = openStore({configDir: dir, env: demoEnv});
		store.saveProfile({
			name: DEMO_PROFILE,
			host: sandbox.url,
			accountId: sandbox.accountId,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			protected: false,
		});
		store.setDefaultProfile(DEMO_PROFILE);
		// Offered on the stream screen, so nobody has to know the sandbox's stream ID.
		store.rememberStream(DEMO_PROFILE, sandbox.streamId, 'sandbox');
		const folder = dir;
		// Should the process end without close() (an uncaught error, process.exit elsewhere).
		const removeNow = () => {
			rmSync(folder, {recursive: true, force: true});
		};

		process.once('exit', removeNow);
		return {
			url: sandbox.url,
			store,
			env: demoEnv,
			async close() {
				process.off('exit', removeNow);
				await Promise.allSettled([sandbox.close(), fs.rm(folder, {recursive: true, force: true})]);
			},
		};
	} catch (error) {
		await sandbox.close();
		if (dir) await fs.rm(dir, {recursive: true, force: true});
		throw error;
	}
}
/** What demo mode says when asked to talk to anything but its built-in sandbox. */
export const DEMO_SEALED =
	'The demo only talks to its built-in sandbox: quit and start kore-contacts without --demo to use a real host.';
