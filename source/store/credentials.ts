import type {KoreCredentials} from '../kore/types.js';
import {StoreError} from './errors.js';
import type {CredentialSource, Profile, ResolvedCredentials, Store} from './types.js';

export {StoreError, isStoreError} from './errors.js';

export const CREDENTIAL_FIELDS: Array<keyof KoreCredentials> = ['host', 'accountId', 'clientId', 'clientSecret'];

export const CREDENTIAL_ENV: Record<keyof KoreCredentials, string> = {
	host: 'KORE_HOST',
	accountId: 'KORE_ACCOUNT_ID',
	clientId: 'KORE_CLIENT_ID',
	clientSecret: 'KORE_CLIENT_SECRET',
};

const FLAG_NAMES: Record<keyof KoreCredentials, string> = {
	host: '--host',
	accountId: '--account-id',
	clientId: '--client-id',
	clientSecret: '--client-secret',
};

const LABELS: Record<keyof KoreCredentials, string> = {
	host: 'host',
	accountId: 'account ID',
	clientId: 'client ID',
	clientSecret: 'client secret',
};

export type ResolveOptions = {
	store: Store;
	/** e.g. from --profile; wins over KORE_PROFILE and the default profile. */
	profileName?: string;
	flags?: Partial<KoreCredentials>;
	env?: NodeJS.ProcessEnv;
};

const given = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Each field from, in order: flags; KORE_HOST, KORE_ACCOUNT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET;
 * the profile named by `profileName` ?? KORE_PROFILE ?? the stored default profile.
 * A profile that was named (flag or KORE_PROFILE) but does not exist throws a StoreError.
 * The default profile is reported (and its `protected` flag applies) only when it is named or
 * supplies at least one field.
 */
export function resolveCredentials(options: ResolveOptions): ResolvedCredentials {
	const {store} = options;
	const env = options.env ?? process.env;
	const flags = options.flags ?? {};
	const explicitName = given(options.profileName)
		? options.profileName
		: given(env['KORE_PROFILE'])
			? env['KORE_PROFILE']
			: undefined;
	let profile: Profile | undefined;
	if (explicitName === undefined) {
		const defaultName = store.getDefaultProfile();
		profile = defaultName === undefined ? undefined : store.getProfile(defaultName);
	} else {
		profile = store.getProfile(explicitName);
		if (!profile) {
			throw new StoreError(unknownProfileMessage(store, explicitName, given(options.profileName) ? undefined : 'KORE_PROFILE'));
		}
	}

	const credentials: Partial<KoreCredentials> = {};
	const sources: ResolvedCredentials['sources'] = {};
	const missing: Array<keyof KoreCredentials> = [];
	for (const field of CREDENTIAL_FIELDS) {
		const candidates: Array<[string | undefined, CredentialSource]> = [
			[flags[field], 'flag'],
			[env[CREDENTIAL_ENV[field]], 'env'],
			[profile?.[field], 'profile'],
		];
		const found = candidates.find(([value]) => given(value));
		if (found) {
			credentials[field] = found[0];
			sources[field] = found[1];
		} else {
			missing.push(field);
		}
	}

	const profileUsed = profile !== undefined && (explicitName !== undefined || Object.values(sources).includes('profile'));
	const resolved: ResolvedCredentials = {
		credentials,
		sources,
		protected: profileUsed ? profile!.protected : false,
		missing,
	};
	if (profileUsed) {
		resolved.profileName = profile!.name;
	}

	return resolved;
}

function unknownProfileMessage(store: Store, name: string, from?: string): string {
	const names = store.listProfiles().map(p => p.name);
	const known = names.length === 0 ? 'No profiles are saved yet' : `Saved profiles: ${names.join(', ')}`;
	const origin = from ? ` (from ${from})` : '';
	return `There is no profile named "${name}"${origin}. ${known}; add one with \`kore-contacts profile add ${name}\`.`;
}

/** One line per field for `doctor`, e.g. "host: from KORE_HOST". Never shows a value of the secret. */
export function describeSources(resolved: ResolvedCredentials): string[] {
	return CREDENTIAL_FIELDS.map(field => {
		const source = resolved.sources[field];
		switch (source) {
			case 'flag': {
				return `${field}: from ${FLAG_NAMES[field]}`;
			}

			case 'env': {
				return `${field}: from ${CREDENTIAL_ENV[field]}`;
			}

			case 'profile': {
				return `${field}: from profile "${resolved.profileName ?? '?'}"`;
			}

			default: {
				return `${field}: not set`;
			}
		}
	});
}

/** A sentence naming what is missing and how to supply it; '' when nothing is missing. */
export function missingMessage(resolved: ResolvedCredentials): string {
	if (resolved.missing.length === 0) {
		return '';
	}

	const list = joinWords(resolved.missing.map(field => LABELS[field]));
	const envs = joinWords(resolved.missing.map(field => CREDENTIAL_ENV[field]));
	const where = resolved.profileName
		? `save it in profile "${resolved.profileName}" (\`kore-contacts profile add ${resolved.profileName}\`)`
		: 'add a profile with `kore-contacts profile add NAME`';
	return `The ${list} ${resolved.missing.length === 1 ? 'is' : 'are'} not set: ${where}, or set ${envs}.`;
}

function joinWords(words: string[]): string {
	if (words.length <= 1) {
		return words.join('');
	}

	return `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}
