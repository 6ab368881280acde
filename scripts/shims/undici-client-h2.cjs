// Stands in for undici's HTTP/2 client in the bundle. undici offers only http/1.1 when it connects
// (ALPN) unless a dispatcher is built with allowH2, which kore-contacts never does, so this is never
// reached; it fails loudly rather than quietly if that ever changes.
module.exports = function connectH2() {
	throw new Error('HTTP/2 is not in this build of kore-contacts (scripts/shims/undici-client-h2.cjs).');
};
