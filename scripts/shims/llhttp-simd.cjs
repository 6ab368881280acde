// Stands in for undici's SIMD build of llhttp (70 KiB of base64 wasm). undici tries the SIMD module
// first and, when it cannot be compiled, falls back to the plain build (kept in the bundle):
// `new WebAssembly.Module(undefined)` throws inside undici's try, so the fallback is taken.
// The plain build parses the same HTTP; for a handful of API calls the speed is the same.
module.exports = undefined;
