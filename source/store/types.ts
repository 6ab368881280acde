import type {Contact, ContactFields, UpdateBody} from '../contact/contact.js';
import type {KoreCredentials} from '../kore/types.js';

export type Profile = {
	name: string;
	host: string;
	accountId: string;
	clientId: string;
	/** May be left out: then it comes from KORE_CLIENT_SECRET or a masked prompt. */
	clientSecret?: string;
	/** Production profiles: header shows PROTECTED, sending needs the whole contact ID typed. */
	protected: boolean;
};

export type RecentStream = {id: string; nickname?: string; usedAt: string};
export type RecentContact = {id: string; label?: string; usedAt: string};

// ---- Added by the store helper (additions only; the three types above are unchanged). ----

/** The persisted settings (config.json), schema version 1. */
export type ConfigData = {
	version: 1;
	/** In the order they were added. */
	profiles: Profile[];
	defaultProfile?: string;
	/** Keyed by profile name; newest first. */
	recentStreams: Record<string, RecentStream[]>;
	/** Keyed by profile name, then stream ID; newest first. */
	recentContacts: Record<string, Record<string, RecentContact[]>>;
};

export type Store = {
	/** Full path of config.json. */
	path: string;
	/** The settings folder (also holds journal.jsonl and draft.json). */
	dir: string;
	/** Sentences for the operator (e.g. a corrupt settings file was moved aside). */
	warnings: string[];
	listProfiles(): Profile[];
	getProfile(name: string): Profile | undefined;
	/** Adds or replaces (by name). Throws StoreError with a clear message when invalid. */
	saveProfile(p: Profile): void;
	removeProfile(name: string): boolean;
	getDefaultProfile(): string | undefined;
	/** Throws StoreError when no profile has that name. */
	setDefaultProfile(name: string): void;
	recentStreams(profile: string): RecentStream[];
	rememberStream(profile: string, streamId: string, nickname?: string): void;
	recentContacts(profile: string, streamId: string): RecentContact[];
	rememberContact(profile: string, streamId: string, contactId: string, label?: string): void;
};

export type CredentialSource = 'flag' | 'env' | 'profile';

export type ResolvedCredentials = {
	profileName?: string;
	credentials: Partial<KoreCredentials>;
	sources: Partial<Record<keyof KoreCredentials, CredentialSource>>;
	protected: boolean;
	missing: Array<keyof KoreCredentials>;
};

/** A profile as it may be shown or logged: the secret is never included. */
export type RedactedProfile = Omit<Profile, 'clientSecret'> & {clientSecret: string};

/** What the caller knows before sending. */
export type PendingEntry = {
	profile?: string;
	host: string;
	streamId: string;
	contactId: string;
	before: ContactFields;
	after: ContactFields;
	body: UpdateBody;
	kind: 'update' | 'undo';
	/** The journal id of the entry this undoes. */
	undoOf?: string;
	/** The batch (`kore-contacts bulk`) this entry belongs to. */
	batch?: string;
};

export type JournalOutcome = {
	status: 'done' | 'failed' | 'unknown';
	httpStatus?: number;
	/** The stored contact's updatedAt after a successful PUT. */
	updatedAt?: string;
	error?: string;
	/** 'done' found by a read afterwards (the contact held what was sent), not by the PUT's answer. */
	checked?: boolean;
};

export type JournalEntry = PendingEntry & {
	/** Sorts by time as a string. */
	id: string;
	/** ISO time the entry was begun. */
	time: string;
	user?: string;
	hostname?: string;
	/** 'unknown' also when no completion line was ever written (e.g. the process died mid-request). */
	status: JournalOutcome['status'];
	/** Absent when the completion never came. */
	completedAt?: string;
	httpStatus?: number;
	updatedAt?: string;
	error?: string;
	checked?: boolean;
};

export type Journal = {
	path: string;
	begin(entry: PendingEntry): string;
	complete(id: string, outcome: JournalOutcome): void;
	/** Newest first. */
	entries(filter?: {contactId?: string; limit?: number}): JournalEntry[];
};

export type Draft = {
	profile?: string;
	host: string;
	streamId: string;
	contactId: string;
	contactLabel?: string;
	loaded: Contact;
	edits: Partial<ContactFields>;
	savedAt: string;
};

export type Drafts = {
	path: string;
	/** `savedAt` is filled in with the current time when left out. */
	save(draft: Omit<Draft, 'savedAt'> & {savedAt?: string}): void;
	load(): Draft | undefined;
	clear(): void;
};
