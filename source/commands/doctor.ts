import fs from 'node:fs';
import {sanitize} from '../contact/sanitize.js';
import {createKoreClient} from '../kore/client.js';
import {describeError, isKoreError, type KoreErrorKind} from '../kore/errors.js';
import {normalizeHost} from '../kore/host.js';
import {proxyFor, redactProxyUrl} from '../kore/proxy.js';
import type {KoreCredentials} from '../kore/types.js';
import {colorEnabled} from '../output/color.js';
import {formatCount, wrap} from '../output/text.js';
import {openStore} from '../store/config.js';
import {describeSources, missingMessage} from '../store/credentials.js';
import type {ResolvedCredentials, Store} from '../store/types.js';
import {VERSION} from '../version.js';
import {gatherCredentials, type GlobalOptions} from './context.js';
import {EXIT, isInterrupted} from './errors.js';
import {outputWidth, printOut, stdoutStyle, type CommandIo} from './io.js';
import type {Command} from 'commander';
import {defineCommand, runner, type CommandContext} from './command.js';
import {identifier} from './parse.js';

type Status = 'ok' | 'warn' | 'fail' | 'info';
export type Check = {status: Status; title: string; details?: string[]};

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** What a failed live check says about which piece is broken. */
const PIECE: Partial<Record<KoreErrorKind, string>> = {
	'bad-host': 'the host',
	dns: 'DNS (the host name does not resolve)',
	tls: 'TLS (the certificate)',
	proxy: 'the proxy',
	connection: 'the network connection',
	timeout: 'the network (no answer in time)',
	credentials: 'the credentials (or the stream ID)',
	scope: "the app's API scope",
	stream: 'the stream ID or host',
	'rate-limit': 'the rate limit',
	server: 'the Kore.ai server',
	'bad-response': 'the host (it does not answer like Kore.ai)',
	method: 'the host (it does not answer like Kore.ai)',
};

export async function runDoctor(io: CommandIo, globals: GlobalOptions, options: {stream?: string}): Promise<number> {
	const checks: Check[] = [];
	const add = (check: Check) => {
		checks.push(check);
	};

	add(nodeCheck());

	let store: Store | undefined;
	try {
		store = openStore({env: io.env});
		add(settingsCheck(store));
	} catch (error) {
		add({status: 'fail', title: `Settings: ${describeError(error)}`});
	}

	let resolved: ResolvedCredentials | undefined;
	if (store) {
		try {
			resolved = await gatherCredentials(io, globals, store, {prompt: options.stream !== undefined});
		} catch (error) {
			// Missing fields are reported by credentialsCheck; this is e.g. an unknown profile.
			if (isInterrupted(error, io.signal)) throw error;
			add({
				status: 'fail',
				title: `Credentials: ${error instanceof Error && !isKoreError(error) ? sanitize(error.message) : describeError(error)}`,
			});
		}
	}

	let host: string | undefined;
	if (resolved) {
		add(credentialsCheck(resolved));
		if (resolved.credentials.host) {
			try {
				host = normalizeHost(resolved.credentials.host);
				add({status: 'ok', title: `Host: ${host}`});
			} catch (error) {
				add({status: 'fail', title: `Host: ${describeError(error)}`});
			}
		}
	}

	add(proxyCheck(io.env, host));
	add(caCheck(io.env));
	add(terminalCheck(io));

	if (options.stream) {
		if (resolved && resolved.missing.length === 0 && host) {
			add(await liveCheck(io, globals, resolved.credentials as KoreCredentials, options.stream));
		} else {
			add({status: 'fail', title: 'Live check: skipped, the credentials are incomplete (see above).'});
		}
	} else {
		add({status: 'info', title: 'Live check: add --stream ID to try listing one contact.'});
	}

	const style = stdoutStyle(io);
	const label: Record<Status, string> = {
		ok: style.green('ok  '),
		warn: style.yellow('warn'),
		fail: style.red('FAIL'),
		info: style.dim('info'),
	};
	const width = outputWidth(io);
	printOut(io, style.bold(`kore-contacts ${VERSION} doctor`));
	for (const check of checks) {
		// Long sentences wrap at word boundaries, under the text (past the 6-column label).
		for (const line of wrap(check.title, width, {first: `${label[check.status]}  `, indent: '      '})) printOut(io, line);
		for (const detail of check.details ?? []) {
			for (const line of wrap(detail, width, {first: '      ', indent: '        '})) printOut(io, line);
		}
	}
	const failed = checks.filter(c => c.status === 'fail').length;
	printOut(io, failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
	return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** The oldest Node kore-contacts runs on (package.json "engines"; undici 7 needs it). */
export const MIN_NODE_VERSION = '20.18.1';

export function nodeCheck(version = process.versions.node): Check {
	const shown = `v${version.replace(/^v/, '')}`;
	return atLeast(version, MIN_NODE_VERSION)
		? {status: 'ok', title: `Node ${shown} (${MIN_NODE_VERSION} or newer needed)`}
		: {status: 'fail', title: `Node ${shown} is too old: install Node ${MIN_NODE_VERSION} or newer.`};
}

/** "20.18.1" >= "20.18.0" (numeric, part by part; pre-release tags ignored). */
function atLeast(version: string, minimum: string): boolean {
	const parts = (v: string) =>
		v
			.replace(/^v/, '')
			.split(/[.-]/)
			.slice(0, 3)
			.map(n => Number.parseInt(n, 10) || 0);
	const have = parts(version);
	const need = parts(minimum);
	for (let i = 0; i < 3; i++) {
		if (have[i]! !== need[i]!) return have[i]! > need[i]!;
	}
	return true;
}

function mode(path: string): number | undefined {
	try {
		return fs.statSync(path).mode & 0o777;
	} catch {
		return undefined;
	}
}

function settingsCheck(store: Store): Check {
	const fileMode = mode(store.path);
	const dirMode = mode(store.dir);
	const octal = (m: number | undefined) => (m === undefined ? 'missing' : m.toString(8).padStart(3, '0'));
	const details = [`file ${octal(fileMode)}, folder ${octal(dirMode)}`, ...store.warnings.map(w => `warning: ${w}`)];
	const loose = (fileMode !== undefined && (fileMode & 0o077) !== 0) || (dirMode !== undefined && (dirMode & 0o077) !== 0);
	if (loose) {
		return {
			status: 'warn',
			title: `Settings: ${store.path} can be read by other users: run \`chmod 700 ${store.dir} && chmod 600 ${store.path}\``,
			details,
		};
	}
	return {status: store.warnings.length > 0 ? 'warn' : 'ok', title: `Settings: ${store.path}`, details};
}

function credentialsCheck(resolved: ResolvedCredentials): Check {
	const profile = resolved.profileName
		? `profile "${sanitize(resolved.profileName)}"${resolved.protected ? ' (protected)' : ''}`
		: 'no profile';
	const details = describeSources(resolved).map(line => sanitize(line));
	if (resolved.missing.length > 0)
		return {status: 'fail', title: `Credentials (${profile}): ${missingMessage(resolved)}`, details};
	return {status: 'ok', title: `Credentials (${profile}): complete`, details};
}

function proxyCheck(env: NodeJS.ProcessEnv, host: string | undefined): Check {
	const set = PROXY_VARIABLES.filter(name => env[name]);
	if (set.length === 0) return {status: 'info', title: 'Proxy: no proxy variables set (direct connections)'};
	const details = set.map(name => {
		const value = env[name] ?? '';
		return `${name}=${name.toLowerCase() === 'no_proxy' ? sanitize(value) : sanitize(redactProxyUrl(value))}`;
	});
	let title = 'Proxy: variables set';
	if (host) {
		const choice = proxyFor(host, env);
		title = choice
			? `Proxy: ${host} is reached through ${sanitize(choice.display)} (${choice.variable})`
			: `Proxy: ${host} is reached directly (NO_PROXY or no matching variable)`;
	}
	return {status: 'info', title, details};
}

function caCheck(env: NodeJS.ProcessEnv): Check {
	const file = env['NODE_EXTRA_CA_CERTS'];
	if (!file)
		return {status: 'info', title: 'NODE_EXTRA_CA_CERTS: not set (only the built-in certificate authorities are trusted)'};
	try {
		fs.accessSync(file, fs.constants.R_OK);
		return {status: 'ok', title: `NODE_EXTRA_CA_CERTS: ${sanitize(file)}`};
	} catch {
		return {
			status: 'fail',
			title: `NODE_EXTRA_CA_CERTS: ${sanitize(file)} cannot be read: fix the path (Node ignores it otherwise).`,
		};
	}
}

function terminalCheck(io: CommandIo): Check {
	const tty = (stream: {isTTY?: boolean}) => (stream.isTTY ? 'a terminal' : 'not a terminal');
	const why = io.env['NO_COLOR'] ? ' (NO_COLOR is set)' : io.env['TERM'] === 'dumb' ? ' (TERM=dumb)' : '';
	const color = colorEnabled(io.stdout, io.env) ? 'colour on' : `colour off${why}`;
	return {
		status: 'info',
		title: `Terminal: stdin ${tty(io.stdin)}, stdout ${tty(io.stdout)}; ${color}`,
		details:
			io.stdin.isTTY && io.stdout.isTTY ? [] : ['The editor needs a terminal; scripts use list/get/update (update needs --yes).'],
	};
}

async function liveCheck(io: CommandIo, globals: GlobalOptions, credentials: KoreCredentials, stream: string): Promise<Check> {
	const started = Date.now();
	try {
		const client = createKoreClient({
			...credentials,
			...(globals.timeout === undefined ? {} : {timeoutMs: globals.timeout * 1000}),
			retries: 0,
			env: io.env,
		});
		const page = await client.listContacts(stream, {skip: 0, limit: 1}, {signal: io.signal});
		const total = page.totalResults === undefined ? '' : ` (${formatCount(page.totalResults)} in total)`;
		return {
			status: 'ok',
			title: `Live check: listed ${page.results.length} contact of stream ${sanitize(stream)}${total} in ${Date.now() - started} ms`,
		};
	} catch (error) {
		if (isKoreError(error)) {
			if (error.kind === 'aborted') throw error;
			const piece = PIECE[error.kind] ?? 'the request';
			return {status: 'fail', title: `Live check failed at ${piece}: ${error.message}`};
		}
		return {status: 'fail', title: `Live check failed: ${describeError(error)}`};
	}
}

/** `kore-contacts doctor`: its flags and what it runs. */
export function doctorCommand(context: CommandContext): Command {
	return defineCommand(
		'doctor',
		`  $ kore-contacts doctor
  $ kore-contacts --profile prod doctor --stream st-123`,
	)
		.description('check the setup: Node, settings file, credentials and where they come from, proxies, TLS, terminal')
		.option(
			'--stream <id>',
			'also list one contact of this stream, naming the failing piece (DNS, TLS, credentials, scope, stream)',
			identifier('stream ID'),
		)
		.action(runner<{stream?: string}>(context, (globals, options) => runDoctor(context.io, globals, options)));
}
