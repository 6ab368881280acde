import type {Contact} from '../../source/contact/contact.js';
import type {RecordedRequest, Sandbox} from '../../source/sandbox/index.js';

/** Credentials for the sandbox as KORE_* variables (how scripts pass them). */
export function sandboxEnv(sb: Sandbox, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		KORE_HOST: sb.url,
		KORE_ACCOUNT_ID: sb.accountId,
		KORE_CLIENT_ID: sb.clientId,
		KORE_CLIENT_SECRET: sb.clientSecret,
		...overrides,
	};
}

/** The PUTs the sandbox received (for one contact when given). */
export function puts(sb: Sandbox, contactId?: string): RecordedRequest[] {
	return sb.requests.filter(r => r.method === 'PUT' && (contactId === undefined || r.path.endsWith(`/contacts/${contactId}`)));
}

/**
 * The contact at or after list position `from` with plain data (active, printable names, a phone),
 * so parallel cases each get their own contact. Its position is returned too.
 */
export function plainContactFrom(sb: Sandbox, from: number): {contact: Contact; index: number} {
	const contacts = sb.contacts();
	for (let index = from; index < contacts.length; index++) {
		const c = contacts[index]!;
		const text = `${String(c.firstName ?? '')}${String(c.lastName ?? '')}${String(c.salutation ?? '')}`;
		if (c.status === 'ACTIVE' && c.firstName && /^[\p{L} .'-]+$/u.test(text) && c.cellPhone?.countryCode) {
			return {contact: c, index};
		}
	}
	throw new Error(`No plain contact after position ${from}.`);
}

/** No ANSI escape or other control character (newlines excepted). */
export const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
