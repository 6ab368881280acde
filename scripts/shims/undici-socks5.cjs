// Stands in for undici's SOCKS5 proxy agent in the bundle. kore-contacts refuses SOCKS proxy URLs
// before undici sees them (source/kore/proxy.ts: undici's SOCKS5 support is experimental and its
// warning would land on the editor's screen), so this is never reached.
module.exports = class Socks5ProxyAgent {
	constructor() {
		throw new Error('SOCKS proxies are not in this build of kore-contacts (scripts/shims/undici-socks5.cjs).');
	}
};
