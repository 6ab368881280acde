// Stands in for node-fetch's multipart parser in the bundle: only Response.formData() loads it, and
// kore-contacts reads every response as text.
export async function toFormData() {
	throw new Error('Response.formData() is not in this build of kore-contacts (scripts/shims/multipart-parser.js).');
}
