import type {Dispatcher} from 'undici';
import {KoreError} from './errors.js';

export type ProxyEnv = Record<string, string | undefined>;

export type ProxyChoice = {
	/** The environment variable the proxy came from, e.g. "HTTPS_PROXY". */
	variable: string;
	/** The proxy URL without user name or password, safe to show. */
	display: string;
};

const DEFAULT_PORTS: Record<string, number> = {'http:': 80, 'https:': 443};

function pick(env: ProxyEnv, names: string[]): {variable: string; value: string} | undefined {
	for (const name of names) {
		const value = env[name];
		if (value) return {variable: name, value};
	}
	return undefined;
}

function httpProxy(env: ProxyEnv) {
	return pick(env, ['http_proxy', 'HTTP_PROXY']);
}

function httpsProxy(env: ProxyEnv) {
	return pick(env, ['https_proxy', 'HTTPS_PROXY']) ?? httpProxy(env);
}

function noProxyValue(env: ProxyEnv): string {
	return env['no_proxy'] ?? env['NO_PROXY'] ?? '';
}

/**
 * The dispatcher for requests to `url`: undici's EnvHttpProxyAgent through the proxy the
 * environment names for it (Node's fetch ignores HTTP(S)_PROXY), or undefined for a direct
 * connection (no proxy variable, or NO_PROXY lists the host). Only that one proxy variable is
 * checked and handed on, the other as '' so undici does not read it from process.env itself.
 * `env` defaults to process.env; tests pass their own. Async: undici is loaded only when a
 * request through a proxy is about to be sent (see client.ts), never at start-up.
 */
export async function createDispatcher(options: {url: string; env?: ProxyEnv}): Promise<Dispatcher | undefined> {
	const proxy = checkProxyUrl(chosenProxy(options.url, options.env ?? process.env));
	if (!proxy) return undefined;
	const https = new URL(options.url).protocol === 'https:';
	const {EnvHttpProxyAgent} = await import('undici');
	// NO_PROXY was applied above; this dispatcher serves requests to `url` only.
	return new EnvHttpProxyAgent({httpProxy: https ? '' : proxy.value, httpsProxy: https ? proxy.value : '', noProxy: ''});
}

/**
 * A proxy variable must hold an http:// or https:// URL (a proxy that takes HTTP CONNECT). Anything
 * else would fail deep in undici with "Invalid URL"; SOCKS URLs would work only through undici's
 * experimental SOCKS5 support, whose warning would land on the editor's screen.
 */
function checkProxyUrl(chosen: {variable: string; value: string} | undefined): {variable: string; value: string} | undefined {
	if (!chosen) return undefined;
	let protocol = '';
	try {
		protocol = new URL(chosen.value).protocol;
	} catch {
		// Reported below.
	}

	if (protocol === 'http:' || protocol === 'https:') return chosen;
	// As typed (new URL would drop a default port), without any login.
	const shown = withoutLogin(chosen.value);
	throw new KoreError({
		kind: 'proxy',
		what: /^socks/i.test(protocol)
			? `${chosen.variable} is a SOCKS proxy (${shown}), and kore-contacts works through HTTP proxies only`
			: `${chosen.variable} is set to '${shown}', which is not a proxy URL`,
		hint: `Set ${chosen.variable} to the proxy's http:// or https:// URL (for example http://proxy.example.com:3128), or unset it to connect directly`,
	});
}

/** The proxy variable (and its value) a request to `url` goes through: the same rules as EnvHttpProxyAgent. */
function chosenProxy(url: string, env: ProxyEnv): {variable: string; value: string} | undefined {
	const target = new URL(url);
	const chosen = target.protocol === 'https:' ? httpsProxy(env) : httpProxy(env);
	if (!chosen) return undefined;
	const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
	const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
	const noProxy = noProxyValue(env);
	if (noProxy.trim() === '*') return undefined;
	for (const entry of noProxy.split(/[,\s]/)) {
		if (!entry) continue;
		const parsed = /^(.+):(\d+)$/.exec(entry);
		const entryHost = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
		const entryPort = parsed ? Number.parseInt(parsed[2]!, 10) : 0;
		if (entryPort && entryPort !== port) continue;
		if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return undefined;
	}
	return chosen;
}

/** Which proxy (if any) a request to `url` goes through, safe to show. */
export function proxyFor(url: string, env: ProxyEnv = process.env): ProxyChoice | undefined {
	const chosen = chosenProxy(url, env);
	return chosen && {variable: chosen.variable, display: redactProxyUrl(chosen.value)};
}

/** "http://user:pass@proxy:3128" -> "http://proxy:3128". */
export function redactProxyUrl(value: string): string {
	try {
		const url = new URL(value);
		if (url.host) return `${url.protocol}//${url.host}`;
	} catch {
		// Handled below.
	}

	// Not a URL with a host ("proxy.corp:3128" parses as the scheme "proxy.corp:").
	return withoutLogin(value);
}

/** The text as typed, without anything up to its last "@" (a login): "socks5://u:p@ss@h:1" -> "socks5://h:1". */
function withoutLogin(value: string): string {
	return value.replace(/^([a-z][\w+.-]*:\/\/)?.*@/i, '$1');
}
