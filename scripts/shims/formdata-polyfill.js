// Stands in for formdata-polyfill in the bundle. node-fetch uses it only for FormData request
// bodies (kore-contacts sends JSON) and Response.formData() (kore-contacts reads text): an empty
// class keeps node-fetch's `body instanceof FormData` checks false. Not Node's own FormData:
// reading globalThis.FormData makes Node 20 load its built-in undici (about 8 MiB of memory).
export class FormData {}

export function formDataToBlob() {
	throw new Error('FormData bodies are not in this build of kore-contacts (scripts/shims/formdata-polyfill.js).');
}
