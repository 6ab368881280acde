/**
 * Turns a profile choice into a Session (every credential known), or says what is missing.
 * Env variables override the profile's fields, as the store defines (resolveCredentials).
 */
import type {KoreCredentials} from '../../kore/types.js';
import {isStoreError, missingMessage, resolveCredentials} from '../../store/credentials.js';
import type {Store} from '../../store/types.js';
import type {ErrorInfo} from '../state/flow.js';
import type {ProfileDraft, Session} from '../state/navigation.js';

export const ENVIRONMENT_PROFILE = 'environment';

export type SessionResolution =
	| {ok: true; session: Session}
	| {
			ok: false;
			/** The profile exists and only the secret is missing: ask for it (masked), do not store it. */
			needsSecret: boolean;
			profileName?: string;
			draft: Partial<ProfileDraft>;
			error: ErrorInfo;
	  };

function complete(credentials: Partial<KoreCredentials>): credentials is KoreCredentials {
	return Boolean(credentials.host && credentials.accountId && credentials.clientId && credentials.clientSecret);
}

export function resolveSession(store: Store, env: NodeJS.ProcessEnv, profileName?: string, secret?: string): SessionResolution {
	let resolved;
	try {
		resolved = resolveCredentials({store, profileName, env, flags: secret ? {clientSecret: secret} : undefined});
	} catch (error) {
		const message = isStoreError(error) ? error.message : 'The saved settings could not be read.';
		return {ok: false, needsSecret: false, draft: {}, error: {message}};
	}

	const name = resolved.profileName ?? profileName ?? ENVIRONMENT_PROFILE;
	if (complete(resolved.credentials)) {
		return {
			ok: true,
			session: {profileName: name, credentials: resolved.credentials, protected: resolved.protected},
		};
	}

	const {credentials} = resolved;
	const draft: Partial<ProfileDraft> = {
		name: profileName ?? resolved.profileName ?? '',
		host: credentials.host ?? '',
		accountId: credentials.accountId ?? '',
		clientId: credentials.clientId ?? '',
		protected: resolved.protected,
	};
	const onlySecret =
		resolved.missing.length === 1 && resolved.missing[0] === 'clientSecret' && resolved.profileName !== undefined;
	return {
		ok: false,
		needsSecret: onlySecret,
		profileName: resolved.profileName,
		draft,
		error: {message: missingMessage(resolved) || 'Some credentials are missing.'},
	};
}

/** True when the KORE_* variables alone supply every credential. */
export function environmentComplete(env: NodeJS.ProcessEnv): boolean {
	return ['KORE_HOST', 'KORE_ACCOUNT_ID', 'KORE_CLIENT_ID', 'KORE_CLIENT_SECRET'].every(name => (env[name] ?? '').trim() !== '');
}
