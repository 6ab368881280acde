import type {Options} from 'conf';
import {cleanProfile, validateProfile} from './profiles.js';
import type {ConfigData, Profile} from './types.js';

/** The settings format this build writes. Bump it and add a step to `migrateConfig` on change. */
export const CONFIG_VERSION = 1;

const nonEmpty = {type: 'string', minLength: 1} as const;

const profileSchema = {
	type: 'object',
	required: ['name', 'host', 'accountId', 'clientId', 'protected'],
	properties: {
		name: {type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$'},
		host: nonEmpty,
		accountId: nonEmpty,
		clientId: nonEmpty,
		clientSecret: nonEmpty,
		protected: {type: 'boolean'},
	},
} as const;

const recentStreamSchema = {
	type: 'object',
	required: ['id', 'usedAt'],
	properties: {id: nonEmpty, nickname: {type: 'string'}, usedAt: {type: 'string'}},
} as const;

const recentContactSchema = {
	type: 'object',
	required: ['id', 'usedAt'],
	properties: {id: nonEmpty, label: {type: 'string'}, usedAt: {type: 'string'}},
} as const;

/** conf's `schema` option: the `properties` of the root schema (ajv, JSON Schema 2020-12). */
export const configSchema: NonNullable<Options<ConfigData>['schema']> = {
	version: {const: CONFIG_VERSION},
	profiles: {type: 'array', items: profileSchema},
	defaultProfile: {type: 'string'},
	recentStreams: {type: 'object', additionalProperties: {type: 'array', items: recentStreamSchema}},
	recentContacts: {
		type: 'object',
		additionalProperties: {type: 'object', additionalProperties: {type: 'array', items: recentContactSchema}},
	},
};

export const configRootSchema: NonNullable<Options<ConfigData>['rootSchema']> = {
	required: ['version', 'profiles'],
};

export function emptyConfig(): ConfigData {
	return {version: CONFIG_VERSION, profiles: [], recentStreams: {}, recentContacts: {}};
}

export type MigrationResult = {
	data: Record<string, unknown>;
	/** The version the file had (undefined when it was current already). */
	migratedFrom?: number;
	/** Sentences about what could not be carried over (empty when nothing was lost). */
	losses: string[];
};

/** The raw file is of a version this build does not know (newer, or not a number). */
export class UnknownVersionError extends Error {
	constructor(readonly version: unknown) {
		super(`unknown settings version ${JSON.stringify(version)}`);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings raw settings JSON up to CONFIG_VERSION. Leaves data it does not recognise alone (the
 * schema check that follows rejects it).
 *
 * Version 0 (no `version` field): `profiles` was an object keyed by profile name, without
 * `protected`; `defaultProfile` a string; no recents.
 */
export function migrateConfig(raw: unknown): MigrationResult {
	if (!isPlainObject(raw)) {
		return {data: raw as Record<string, unknown>, losses: []};
	}

	if (raw['version'] === CONFIG_VERSION) {
		return {data: raw, losses: []};
	}

	if (raw['version'] !== undefined) {
		throw new UnknownVersionError(raw['version']);
	}

	if (raw['profiles'] !== undefined && !isPlainObject(raw['profiles'])) {
		// Not the version 0 shape either: leave it for the schema check to reject.
		return {data: raw, losses: []};
	}

	return {...migrateV0(raw), migratedFrom: 0};
}

function migrateV0(raw: Record<string, unknown>): {data: Record<string, unknown>; losses: string[]} {
	const losses: string[] = [];
	const profiles: Profile[] = [];
	const oldProfiles = (raw['profiles'] ?? {}) as Record<string, unknown>;
	for (const [name, value] of Object.entries(oldProfiles)) {
		if (!isPlainObject(value)) {
			losses.push(`profile "${name}" was not readable and was left out`);
			continue;
		}

		const text = (key: string): string => (typeof value[key] === 'string' ? (value[key] as string) : '');
		const profile: Profile = {
			name,
			host: text('host'),
			accountId: text('accountId'),
			clientId: text('clientId'),
			// Version 0 had no protected profiles.
			protected: false,
		};
		if (typeof value['clientSecret'] === 'string' && value['clientSecret'] !== '') {
			profile.clientSecret = value['clientSecret'];
		}

		const errors = Object.values(validateProfile(profile));
		if (errors.length > 0) {
			losses.push(`profile "${name}" was left out (${errors.join(' ')})`);
			continue;
		}

		profiles.push(cleanProfile(profile));
	}

	const data: ConfigData = {...emptyConfig(), profiles};
	const oldDefault = raw['defaultProfile'];
	if (typeof oldDefault === 'string' && profiles.some(p => p.name === oldDefault)) {
		data.defaultProfile = oldDefault;
	} else if (oldDefault !== undefined && oldDefault !== '') {
		losses.push(`the default profile ${JSON.stringify(oldDefault)} no longer exists and was unset`);
	}

	const others = Object.keys(raw).filter(key => key !== 'profiles' && key !== 'defaultProfile');
	if (others.length > 0) {
		losses.push(`unknown settings (${others.join(', ')}) were not carried over`);
	}

	return {data, losses};
}
