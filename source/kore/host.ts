import {containsSecret, KoreError, REDACT_MIN_LENGTH} from './errors.js';

const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
const HOST_LABEL = /^(?!-)[a-z\d-]{1,63}(?<!-)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** True for localhost, 127.x.x.x and [::1]: the only hosts allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
	const h = hostname.toLowerCase();
	return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Two recorded hosts (a draft's, a journal entry's, a client's base URL) are the same: no case or trailing-slash differences. */
export function sameHost(a: string, b: string): boolean {
	const norm = (host: string) => host.trim().toLowerCase().replace(/\/+$/, '');
	return norm(a) === norm(b);
}

/**
 * Turns what the operator typed ("platform.kore.ai", "https://de-platform.kore.ai/",
 * "http://127.0.0.1:4010") into an origin like "https://platform.kore.ai".
 * Throws KoreError kind 'bad-host' naming the value.
 */
export function normalizeHost(input: string): string {
	const raw = String(input ?? '').trim();
	const shown = show(raw);
	const fail = (what: string, hint = 'Type the host name, e.g. platform.kore.ai or https://de-platform.kore.ai.'): never => {
		throw new KoreError({kind: 'bad-host', what, hint});
	};

	if (!raw) fail('The host is empty');
	if (/[\s\u0000-\u001f\u007f-\u009f]/.test(raw)) fail(`The host ${shown} contains spaces or control characters`);

	const withScheme = SCHEME.test(raw) ? raw : `https://${raw}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return fail(`The host ${shown} is not a valid host name`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		fail(`The host ${shown} uses ${url.protocol.replace(/:$/, '')}://, not https://`);
	}
	if (url.username || url.password) {
		fail(`The host ${shown} contains a user name or password`, 'Type only the host name, e.g. platform.kore.ai.');
	}
	if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
		fail(
			`The host ${shown} contains a path`,
			'Type only the host name without any path, e.g. platform.kore.ai (the API path is added automatically).',
		);
	}

	const hostname = url.hostname;
	const validName =
		hostname.startsWith('[') ||
		IPV4.test(hostname) ||
		(hostname.length <= 253 && hostname.split('.').every(label => HOST_LABEL.test(label)));
	if (!validName) fail(`The host ${shown} is not a valid host name`);

	if (url.protocol === 'http:' && !isLoopbackHost(hostname)) {
		fail(
			`The host ${shown} uses http://, which would send the credentials unencrypted`,
			'Use https:// (plain http is only allowed for localhost, 127.0.0.1 and [::1]).',
		);
	}

	return url.origin;
}

function show(value: string): string {
	// eslint-disable-next-line no-control-regex
	const clean = value
		.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
		// Never echo a password typed into the host.
		.replace(/^([a-z][\w+.-]*:\/\/)?[^/@]*@/i, '$1***@');
	return `'${clean.length > 80 ? `${clean.slice(0, 77)}...` : clean}'`;
}

/** The secret typed as the host (any case, or as its host name), or a long secret anywhere in it. */
export function hostHoldsSecret(host: string, secret: string): boolean {
	const typed = host.trim();
	let hostname = '';
	try {
		hostname = new URL(SCHEME.test(typed) ? typed : `https://${typed}`).hostname;
	} catch {
		// Not a URL: only the text as typed is compared.
	}
	const same = (a: string) => a !== '' && a.toLowerCase() === secret.toLowerCase();
	return same(typed) || same(hostname) || (secret.length >= REDACT_MIN_LENGTH && containsSecret(typed, secret));
}
