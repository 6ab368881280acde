import type {Contact} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import type {Store} from '../store/types.js';

/**
 * Remembers the stream (and the contact) in a saved profile's recents, what the editor offers
 * first. Only for a profile the settings hold; a failure to write them is ignored (a convenience).
 */
export function rememberRecent(store: Store | undefined, profile: string | undefined, streamId: string, contact?: Contact): void {
	if (!store || !profile || !store.getProfile(profile)) return;
	try {
		store.rememberStream(profile, streamId);
		if (contact) {
			const name = sanitize([contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.fullName).trim();
			store.rememberContact(profile, streamId, String(contact.id), name === '' ? undefined : name);
		}
	} catch {
		// Remembering is a convenience only.
	}
}
