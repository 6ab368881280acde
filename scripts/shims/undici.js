// Stands in for `undici` in the bundle: only what source/kore uses (fetch, EnvHttpProxyAgent,
// Dispatcher), from the same files undici's index.js loads them from. The full index also pulls
// in mocks, cache stores, WebSocket, EventSource, SOCKS and the interceptors (~300 KiB minified).
// Anything else imported from 'undici' fails the build ("No matching export"): add it here.
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import fetchModule from 'undici/lib/web/fetch/index.js';

// As undici's index.js does: ProxyAgent opens its tunnel with dispatcher.connect() from this API.
Object.assign(Dispatcher.prototype, api);

export {Dispatcher, EnvHttpProxyAgent};

export function fetch(input, init = undefined) {
	return fetchModule.fetch(input, init);
}
