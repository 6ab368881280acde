// Stands in for `ofetch` in the bundle: createFetch only, from the file ofetch's own index takes it
// from. The index also builds a default $fetch from the globals, and on Node 20 merely reading
// globalThis.Headers loads Node's built-in undici (about 8 MiB of memory) that kore-contacts does
// not use: source/kore/client.ts hands createFetch node-fetch's fetch and Headers instead.
// 'kc-ofetch-core' is resolved by scripts/build.mjs (the file name carries a hash).
export {c as createFetch} from 'kc-ofetch-core';
