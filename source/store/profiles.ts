import type {Profile, RedactedProfile} from './types.js';

export const PROFILE_NAME_PATTERN = /^[A-Za-z\d._-]{1,40}$/;

export const PROFILE_NAME_RULE = 'A profile name has 1 to 40 characters: letters, digits, "-", "_" or ".".';

/** An error sentence, or undefined when the name is fine. */
export function validateProfileName(name: string): string | undefined {
	if (typeof name !== 'string' || name.length === 0) {
		return `Give the profile a name. ${PROFILE_NAME_RULE}`;
	}

	if (name.length > 40) {
		return `The profile name is ${name.length} characters long. ${PROFILE_NAME_RULE}`;
	}

	const bad = [...name].find(ch => !/[A-Za-z\d._-]/.test(ch));
	if (bad !== undefined) {
		const shown = /^[\x20-\x7e]$/.test(bad) ? `"${bad}"` : `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		return `The profile name may not contain ${shown}. ${PROFILE_NAME_RULE}`;
	}

	return undefined;
}

const FIELD_LABELS = {
	host: 'Host',
	accountId: 'Account ID',
	clientId: 'Client ID',
	clientSecret: 'Client secret',
} as const;

/**
 * Checks a profile before it is saved. Returns error sentences by field (empty when fine).
 * Hosts are stored as typed: normalising them is the client's job.
 */
export function validateProfile(p: Profile): Partial<Record<keyof Profile, string>> {
	const errors: Partial<Record<keyof Profile, string>> = {};
	const nameError = validateProfileName(p.name);
	if (nameError) {
		errors.name = nameError;
	}

	for (const field of ['host', 'accountId', 'clientId'] as const) {
		const value = p[field];
		if (typeof value !== 'string' || value.trim() === '') {
			errors[field] = `${FIELD_LABELS[field]} may not be empty.`;
		}
	}

	if (p.clientSecret !== undefined && (typeof p.clientSecret !== 'string' || p.clientSecret === '')) {
		errors.clientSecret = `${FIELD_LABELS.clientSecret} may not be empty: leave it out to be asked for it (or to use KORE_CLIENT_SECRET).`;
	}

	if (typeof p.protected !== 'boolean') {
		errors.protected = 'Say whether the profile is protected (true or false).';
	}

	return errors;
}

/** The profile as it may be shown or logged: the secret becomes '••••' (or '(not stored)'). */
export function redactProfile(p: Profile): RedactedProfile {
	return {
		name: p.name,
		host: p.host,
		accountId: p.accountId,
		clientId: p.clientId,
		clientSecret: p.clientSecret ? '••••' : '(not stored)',
		protected: p.protected,
	};
}

/** A copy holding only the known fields (no stray keys end up in the settings file). */
export function cleanProfile(p: Profile): Profile {
	const clean: Profile = {
		name: p.name,
		host: p.host,
		accountId: p.accountId,
		clientId: p.clientId,
		protected: p.protected,
	};
	if (p.clientSecret !== undefined) {
		clean.clientSecret = p.clientSecret;
	}

	return clean;
}
