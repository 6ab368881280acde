import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {StoreError} from './errors.js';
import {forgetProfile} from './locator.js';
import {
	defaultConfigDir,
	ensurePrivateDir,
	FILE_MODE,
	looseFileMode,
	moveAside,
	settingsFolderError,
	tightenFile,
	withFileLock,
	writeFileAtomic,
} from './files.js';
import {cleanProfile, PROFILE_NAME_RULE, validateProfile, validateProfileName} from './profiles.js';
import {CONFIG_VERSION, configRootSchema, configSchema, emptyConfig, migrateConfig, UnknownVersionError} from './schema.js';
import type {ConfigData, Profile, RecentContact, RecentStream, Store} from './types.js';

export {StoreError, isStoreError} from './errors.js';

export const MAX_RECENT_STREAMS = 10;
export const MAX_RECENT_CONTACTS = 20;
const CONFIG_NAME = 'config';

export type OpenStoreOptions = {
	/** Wins over KORE_CONTACTS_CONFIG_DIR and the default folder. */
	configDir?: string;
	env?: NodeJS.ProcessEnv;
};

/** The settings folder openStore uses for these options. */
export function configDirFor(options: OpenStoreOptions = {}): string {
	const env = options.env ?? process.env;
	return options.configDir || env['KORE_CONTACTS_CONFIG_DIR'] || defaultConfigDir(env);
}

const serialize = (data: ConfigData): string => `${JSON.stringify(data, undefined, '\t')}\n`;

const lostSettings = 'profiles must be added again or restored from it.';

/**
 * Opens (creating when needed) config.json, mode 0600, in a 0700 folder. conf reads, validates
 * (schema), fills defaults and writes atomically with configFileMode; we add what it lacks: the file
 * is checked first so a corrupt one is moved aside with a warning (clearInvalidConfig drops it
 * silently), and our format's own `version` is migrated on the raw JSON (conf's migrations follow
 * the package version and write before validating, which would overwrite a file they cannot read).
 */
export function openStore(options: OpenStoreOptions = {}): Store {
	const dir = configDirFor(options);
	try {
		return openStoreIn(dir);
	} catch (error) {
		// A read-only or missing folder, a full disk: one sentence saying what to do, not a stack.
		throw settingsFolderError(error, 'Could not open the settings', dir);
	}
}

function openStoreIn(dir: string): Store {
	const file = path.join(dir, `${CONFIG_NAME}.json`);
	const warnings: string[] = [];
	const dirWarning = ensurePrivateDir(dir);
	if (dirWarning) {
		warnings.push(dirWarning);
	}

	const loose = looseFileMode(file);
	prepareFile(file, warnings);
	createIfAbsent(file);
	let conf: Conf<ConfigData>;
	try {
		conf = createConf(dir);
	} catch (error) {
		if (!isSchemaViolation(error)) {
			throw error;
		}

		const backup = moveAside(file, 'corrupt');
		warnings.push(
			`Your settings file did not have the expected layout (${schemaDetail(error)}); it was moved to ${backup}; ${lostSettings}`,
		);
		conf = createConf(dir);
	}

	tightenFile(file);
	if (loose !== undefined && conf.store.profiles.some(p => Boolean(p.clientSecret))) {
		warnings.push(
			`Your settings file ${file} could be read by other users (mode ${loose.toString(8).padStart(4, '0')}) and holds a client secret; it is now 0600. If others can log in to this machine, rotate the client secret in Kore.ai.`,
		);
	}

	return createStore(conf, dir, warnings);
}

/**
 * A missing file is created whole before conf opens it: conf writes its defaults over a missing file
 * outside any lock, which could replace a profile another kore-contacts had just saved.
 */
function createIfAbsent(file: string): void {
	if (fs.existsSync(file)) return;
	const temporary = `${file}.${process.pid}.new`;
	writeFileAtomic(temporary, serialize(emptyConfig()));
	try {
		fs.linkSync(temporary, file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	} finally {
		fs.rmSync(temporary, {force: true});
	}
}

function createConf(dir: string): Conf<ConfigData> {
	return new Conf<ConfigData>({
		cwd: dir,
		projectName: 'kore-contacts',
		configName: CONFIG_NAME,
		schema: configSchema,
		rootSchema: configRootSchema,
		// Our schema is fixed and tested: checking it against JSON Schema's meta-schema on every start
		// made ajv compile that meta-schema first, most of the start-up's CPU time. Its code optimiser
		// passes cost more at every start than they save on a validator that runs a few times.
		ajvOptions: {validateSchema: false, code: {optimize: false}},
		defaults: emptyConfig(),
		configFileMode: FILE_MODE,
		// We inspect the file first (see openStore); conf must never silently drop it.
		clearInvalidConfig: false,
		// Profile names may contain dots: always read and write whole values.
		accessPropertiesByDotNotation: false,
		serialize,
	});
}

function isSchemaViolation(error: unknown): error is Error {
	return error instanceof Error && error.message.startsWith('Config schema violation:');
}

function schemaDetail(error: Error): string {
	const detail = error.message.replace(/^Config schema violation:\s*/, '').replaceAll('`', '');
	return detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

/** Moves an unreadable file aside and brings an older format up to date, before conf reads it. */
function prepareFile(file: string, warnings: string[]): void {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return;
		}

		throw new StoreError(`Could not read the settings file ${file} (${(error as Error).message}); check its permissions.`);
	}

	if (text.trim() === '') {
		// Nothing to lose: start afresh.
		fs.rmSync(file, {force: true});
		return;
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		const backup = moveAside(file, 'corrupt');
		warnings.push(`Your settings file was not valid JSON; it was moved to ${backup}; ${lostSettings}`);
		return;
	}

	let migration: ReturnType<typeof migrateConfig>;
	try {
		migration = migrateConfig(raw);
	} catch (error) {
		if (error instanceof UnknownVersionError && typeof error.version === 'number' && error.version > CONFIG_VERSION) {
			throw new StoreError(
				`Your settings file ${file} was written by a newer kore-contacts (settings version ${error.version}); update kore-contacts, or point KORE_CONTACTS_CONFIG_DIR at another folder.`,
			);
		}

		if (error instanceof UnknownVersionError) {
			const backup = moveAside(file, 'corrupt');
			warnings.push(
				`Your settings file had an unknown version (${JSON.stringify(error.version)}); it was moved to ${backup}; ${lostSettings}`,
			);
			return;
		}

		throw error;
	}

	if (migration.migratedFrom === undefined) {
		return;
	}

	if (migration.losses.length > 0) {
		const backup = moveAside(file, `v${migration.migratedFrom}`);
		warnings.push(
			`Your settings file was converted from an older format, but ${migration.losses.join('; ')}; the original was kept at ${backup}.`,
		);
	}

	writeFileAtomic(file, serialize(migration.data as ConfigData));
}

function requireId(value: string, what: string): void {
	if (typeof value !== 'string' || value === '') {
		throw new StoreError(`A ${what} may not be empty.`);
	}
}

function createStore(conf: Conf<ConfigData>, dir: string, warnings: string[]): Store {
	const read = (): ConfigData => {
		try {
			const data = conf.store;
			return {
				...emptyConfig(),
				...data,
				profiles: data.profiles ?? [],
				recentStreams: data.recentStreams ?? {},
				recentContacts: data.recentContacts ?? {},
			};
		} catch (error) {
			throw new StoreError(
				`The settings file ${conf.path} can no longer be read (${error instanceof Error ? error.message : String(error)}); restart kore-contacts to have it checked.`,
			);
		}
	};

	// conf writes atomically with configFileMode (0600), whatever mode the old file had.
	const write = (data: ConfigData): void => {
		conf.store = data;
	};

	/**
	 * Read, change, write as one step under the settings lock: another kore-contacts saving at the
	 * same moment (a second terminal, a cron job) waits, and neither change is lost. `change`
	 * returns the new data, or undefined to write nothing.
	 */
	const mutate = (change: (data: ConfigData) => ConfigData | undefined): void => {
		try {
			withFileLock(conf.path, () => {
				const next = change(read());
				if (next !== undefined) {
					write(next);
				}
			});
		} catch (error) {
			throw settingsFolderError(error, 'Could not save the settings', dir);
		}
	};

	const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);
	const now = () => new Date().toISOString();

	const knownProfilesSentence = (data: ConfigData): string => {
		const names = data.profiles.map(p => p.name);
		return names.length === 0 ? 'No profiles are saved yet' : `Saved profiles: ${names.join(', ')}`;
	};

	return {
		path: conf.path,
		dir,
		warnings,
		listProfiles: () => read().profiles.map(p => ({...p})),
		getProfile(name) {
			const found = read().profiles.find(p => p.name === name);
			return found ? {...found} : undefined;
		},
		saveProfile(p: Profile) {
			const errors = Object.values(validateProfile(p));
			if (errors.length > 0) {
				throw new StoreError(`The profile was not saved: ${errors.join(' ')}`);
			}

			const clean = cleanProfile(p);
			mutate(data => {
				const index = data.profiles.findIndex(existing => existing.name === p.name);
				const profiles = [...data.profiles];
				if (index === -1) {
					profiles.push(clean);
				} else {
					profiles[index] = clean;
				}

				return {...data, profiles};
			});
		},
		removeProfile(name) {
			let removed = false;
			mutate(data => {
				if (!data.profiles.some(p => p.name === name)) {
					return undefined;
				}

				const next: ConfigData = {...data, profiles: data.profiles.filter(p => p.name !== name)};
				if (next.defaultProfile === name) {
					delete next.defaultProfile;
				}

				const {[name]: _streams, ...recentStreams} = data.recentStreams;
				const {[name]: _contacts, ...recentContacts} = data.recentContacts;
				removed = true;
				return {...next, recentStreams, recentContacts};
			});
			// Where its contacts were seen goes with it.
			if (removed) forgetProfile(dir, name);
			return removed;
		},
		getDefaultProfile() {
			const data = read();
			const name = data.defaultProfile;
			return name !== undefined && data.profiles.some(p => p.name === name) ? name : undefined;
		},
		setDefaultProfile(name) {
			mutate(data => {
				if (!data.profiles.some(p => p.name === name)) {
					const nameError = validateProfileName(name);
					throw new StoreError(
						nameError
							? `"${name}" cannot be a profile name. ${PROFILE_NAME_RULE}`
							: `There is no profile named "${name}". ${knownProfilesSentence(data)}; add one with \`kore-contacts profile add ${name}\`.`,
					);
				}

				return {...data, defaultProfile: name};
			});
		},
		recentStreams: profile => (own(read().recentStreams, profile) ?? []).map(s => ({...s})),
		rememberStream(profile, streamId, nickname) {
			requireId(streamId, 'stream ID');
			mutate(data => {
				const list = own(data.recentStreams, profile) ?? [];
				const previous = list.find(s => s.id === streamId);
				const entry: RecentStream = {id: streamId, usedAt: now()};
				const keptNickname = nickname || previous?.nickname;
				if (keptNickname) {
					entry.nickname = keptNickname;
				}

				const next = [entry, ...list.filter(s => s.id !== streamId)].slice(0, MAX_RECENT_STREAMS);
				return {...data, recentStreams: {...data.recentStreams, [profile]: next}};
			});
		},
		recentContacts(profile, streamId) {
			const byStream = own(read().recentContacts, profile) ?? {};
			return (own(byStream, streamId) ?? []).map(c => ({...c}));
		},
		rememberContact(profile, streamId, contactId, label) {
			requireId(streamId, 'stream ID');
			requireId(contactId, 'contact ID');
			mutate(data => {
				const byStream = own(data.recentContacts, profile) ?? {};
				const list = own(byStream, streamId) ?? [];
				const previous = list.find(c => c.id === contactId);
				const entry: RecentContact = {id: contactId, usedAt: now()};
				const keptLabel = label || previous?.label;
				if (keptLabel) {
					entry.label = keptLabel;
				}

				const next = [entry, ...list.filter(c => c.id !== contactId)].slice(0, MAX_RECENT_CONTACTS);
				return {
					...data,
					recentContacts: {...data.recentContacts, [profile]: {...byStream, [streamId]: next}},
				};
			});
		},
	};
}
