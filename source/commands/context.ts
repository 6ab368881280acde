import type {Contact} from '../contact/contact.js';
import {rememberRecent} from '../core/recents.js';
import {createKoreClient} from '../kore/client.js';
import type {KoreClient, KoreCredentials, RateLimitWait} from '../kore/types.js';
import {CREDENTIAL_ENV, missingMessage, resolveCredentials} from '../store/credentials.js';
import {defaultConfigDir} from '../store/files.js';
import {openJournal} from '../store/journal.js';
import {openLocator} from '../store/locator.js';
import type {Journal, ResolvedCredentials, Store} from '../store/types.js';
import {errorReason} from '../util.js';
import {UsageError} from './errors.js';
import {isInteractive, printErr, type CommandIo} from './io.js';
import {askSecret, readStdinSecret} from './prompt.js';

/** The options every command accepts (defined once, on the program). */
export type GlobalOptions = {
	profile?: string;
	host?: string;
	accountId?: string;
	clientId?: string;
	clientSecretStdin?: boolean;
	/** Seconds. */
	timeout?: number;
	demo?: boolean;
	resume?: boolean;
};

export type Connection = {
	client: KoreClient;
	/** Undefined when flags and KORE_* variables supplied everything (the settings were not opened). */
	store?: Store;
	resolved: ResolvedCredentials;
	credentials: KoreCredentials;
};

/** Opens the settings and prints any warning about them (e.g. a corrupt file moved aside). */
export async function openSettings(io: CommandIo): Promise<Store> {
	// Loaded on demand: conf (with its schema validator) is the slowest module to start.
	const {openStore} = await import('../store/config.js');
	const store = openStore({env: io.env});
	for (const warning of store.warnings) printErr(io, `Warning: ${warning}`);
	return store;
}

const given = (value: string | undefined) => typeof value === 'string' && value.trim() !== '';

/**
 * True when no profile can matter: none is named (--profile, KORE_PROFILE) and flags and KORE_*
 * variables give all four fields. Scripts in CI usually run like this; the settings file is then
 * not even opened.
 */
function settingsNeeded(io: CommandIo, globals: GlobalOptions): boolean {
	if (given(globals.profile) || given(io.env['KORE_PROFILE'])) return true;
	const flags: Partial<Record<keyof KoreCredentials, string | undefined>> = {
		host: globals.host,
		accountId: globals.accountId,
		clientId: globals.clientId,
	};
	return (Object.keys(CREDENTIAL_ENV) as Array<keyof KoreCredentials>).some(field => {
		if (field === 'clientSecret' && globals.clientSecretStdin) return false;
		return !given(flags[field]) && !given(io.env[CREDENTIAL_ENV[field]]);
	});
}

/** A store with no profiles, for resolving credentials from flags and variables alone. */
const NO_SETTINGS: Store = {
	path: '',
	dir: '',
	warnings: [],
	listProfiles: () => [],
	getProfile: () => undefined,
	saveProfile: () => undefined,
	removeProfile: () => false,
	getDefaultProfile: () => undefined,
	setDefaultProfile: () => undefined,
	recentStreams: () => [],
	rememberStream: () => undefined,
	recentContacts: () => [],
	rememberContact: () => undefined,
};

/**
 * Credentials from flags, then KORE_* variables, then the profile; the secret from
 * --client-secret-stdin, KORE_CLIENT_SECRET, the profile, or a masked prompt on a terminal.
 * Throws UsageError (exit 2) naming what is missing.
 */
export async function resolveForCommand(io: CommandIo, globals: GlobalOptions, store: Store): Promise<ResolvedCredentials> {
	const resolved = await gatherCredentials(io, globals, store, {prompt: true});
	if (resolved.missing.length > 0) throw new UsageError(missingMessage(resolved));
	return resolved;
}

/** Like resolveForCommand, but leaves missing fields in `missing` instead of throwing (for doctor). */
export async function gatherCredentials(
	io: CommandIo,
	globals: GlobalOptions,
	store: Store,
	options: {prompt: boolean},
): Promise<ResolvedCredentials> {
	const flags: Partial<KoreCredentials> = {};
	if (globals.host !== undefined) flags.host = globals.host;
	if (globals.accountId !== undefined) flags.accountId = globals.accountId;
	if (globals.clientId !== undefined) flags.clientId = globals.clientId;
	const resolved = resolveCredentials({
		store,
		...(globals.profile === undefined ? {} : {profileName: globals.profile}),
		flags,
		env: io.env,
	});

	if (globals.clientSecretStdin) {
		const secret = await readStdinSecret(io);
		if (!secret)
			throw new UsageError(
				'--client-secret-stdin was given but stdin held no secret: pipe it in, e.g. `printf %s "$SECRET" | kore-contacts ...`.',
			);
		setField(resolved, 'clientSecret', secret, 'flag');
	}

	if (options.prompt && resolved.missing.includes('clientSecret') && resolved.missing.length === 1 && isInteractive(io)) {
		const whose = resolved.profileName ? ` for profile "${resolved.profileName}"` : '';
		const secret = await askSecret(io, `Client secret${whose}: `);
		if (secret) setField(resolved, 'clientSecret', secret, 'flag');
	}
	return resolved;
}

/** Resolves the credentials and builds the client (rate-limit waits are reported on stderr). */
export async function connect(io: CommandIo, globals: GlobalOptions): Promise<Connection> {
	const store = settingsNeeded(io, globals) ? await openSettings(io) : undefined;
	const resolved = await resolveForCommand(io, globals, store ?? NO_SETTINGS);
	const credentials = resolved.credentials as KoreCredentials;
	const client = createKoreClient({
		...credentials,
		...(globals.timeout === undefined ? {} : {timeoutMs: globals.timeout * 1000}),
		onRateLimitWait: rateLimitReporter(io),
		env: io.env,
		// Where contacts were seen, per profile (or host + account) and stream: a later process reads that page first.
		locator: openLocator({
			dir: () => settingsDir(io, store),
			profile: resolved.profileName,
			host: credentials.host,
			accountId: credentials.accountId,
		}),
	});
	return {client, ...(store ? {store} : {}), resolved, credentials};
}

function setField(resolved: ResolvedCredentials, field: keyof KoreCredentials, value: string, source: 'flag'): void {
	resolved.credentials[field] = value;
	resolved.sources[field] = source;
	resolved.missing = resolved.missing.filter(f => f !== field);
}

/** "Waiting for the rate limit (12 s)…" at most every 5 seconds (every second on a terminal). */
function rateLimitReporter(io: CommandIo): (wait: RateLimitWait) => void {
	let last = 0;
	return wait => {
		const now = Date.now();
		const tty = Boolean(io.stderr.isTTY);
		if (!tty && now - last < 5000) return;
		last = now;
		const who = wait.reason === 'server' ? 'Kore.ai asked to slow down' : 'staying within 60 requests a minute';
		const text = `Waiting for the rate limit (${wait.seconds} s; ${who})…`;
		io.stderr.write(tty ? `\r\u001B[2K${text}${wait.seconds <= 1 ? '\n' : ''}` : `${text}\n`);
	};
}

/**
 * The settings folder (where journal.jsonl lives), as openStore picks it: KORE_CONTACTS_CONFIG_DIR,
 * else the default folder. Computed without opening the settings (CI runs may never open them).
 */
export function settingsDir(io: CommandIo, store?: Store): string {
	if (store?.dir) return store.dir;
	return io.env['KORE_CONTACTS_CONFIG_DIR'] || defaultConfigDir(io.env);
}

/** The change journal in the settings folder. Throws a plain Error with an operator sentence when it cannot be opened. */
export function openCommandJournal(io: CommandIo, store?: Store): Journal {
	const dir = settingsDir(io, store);
	try {
		return openJournal(dir);
	} catch (error) {
		throw new JournalOpenError(
			`The change journal in ${dir} could not be opened (${errorReason(error)}): check that the folder is writable, or point KORE_CONTACTS_CONFIG_DIR at one that is.`,
		);
	}
}

/** The journal could not be opened: nothing was sent (exit 1). */
export class JournalOpenError extends Error {
	override readonly name = 'JournalOpenError';
}

/** Remembers the stream and contact in the profile's recents (core/recents: one place for both front-ends). */
export function rememberUse(connection: Pick<Connection, 'store' | 'resolved'>, streamId: string, contact?: Contact): void {
	rememberRecent(connection.store, connection.resolved.profileName, streamId, contact);
}
