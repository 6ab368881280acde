import type {Contact} from '../contact/contact.js';
import {SANDBOX_DEFAULTS} from './defaults.js';

/**
 * Deterministic, realistic seed data. Server data is untrusted, so the seed deliberately holds
 * what a real tenant may hold: accents, CJK, right-to-left scripts, emoji, very long names, mixed-case
 * salutations, missing or null fields, legacy phone formats and names carrying terminal escape
 * sequences. Same count + same seed => the same contacts, byte for byte.
 */
export type SeedOptions = {
	/** PRNG seed (default 20240628). */
	seed?: number;
	accountId?: string;
	/** Written as instanceBotId. */
	streamId?: string;
	orgId?: string;
	/** createdAt of the first contact (default 2024-01-02T09:00:00.000Z). */
	start?: Date;
	/** No createdAt/updatedAt later than this (default 2026-01-09T05:55:58.158Z, the documented sample's). */
	end?: Date;
};

/** Someone using Kore's web UI: who "created" most seed contacts. */
export const SEED_USERS = [
	{userId: 'u-cc6ebd6c-656c-5364-abfc-ad5f80e1a2b3', appId: 'a-6c63a33-c2a7-49e8-a5ab-82449c8d4e5f'},
	{userId: 'u-4f1e2d3c-7b6a-5948-8a7b-6c5d4e3f2a1b', appId: 'a-9e8d7c6-b5a4-4938-8271-605f4e3d2c1b'},
	{userId: 'u-0a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d', appId: 'a-1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5c'},
] as const;

/** fullName as the server computes it: first and last name joined by one space. */
export function composeFullName(firstName: unknown, lastName: unknown): string {
	const first = typeof firstName === 'string' ? firstName : '';
	const last = typeof lastName === 'string' ? lastName : '';
	return first && last ? `${first} ${last}` : first || last;
}

/** mulberry32: small, fast, good enough for fixtures. Returns floats in [0, 1). */
export function createPrng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const digits = (rng: Rng, n: number): string => {
	let s = '';
	for (let left = n; left > 0; left -= 8) {
		const take = Math.min(left, 8);
		s += String(Math.floor(rng() * 10 ** take)).padStart(take, '0');
	}
	return s;
};
const hex = (rng: Rng, n: number): string => {
	let s = '';
	for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
	return s;
};

type Country = {
	code: string;
	/** National significant number (digits only), shaped like a real mobile number there. */
	phone: (rng: Rng) => string;
	male: readonly string[];
	female: readonly string[];
	last: readonly string[];
};

const COUNTRIES: readonly Country[] = [
	{
		code: '+91',
		phone: r => pick(r, ['9', '8', '7', '6']) + digits(r, 9),
		male: ['Aarav', 'Rohan', 'Vikram', 'Arjun', 'Rahul', 'Sanjay', 'Karthik', 'Aditya'],
		female: ['Priya', 'Ananya', 'Sneha', 'Kavya', 'Meera', 'Divya', 'Lakshmi', 'Aishwarya'],
		last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Singh', 'Menon', 'Rao', 'Bose', 'Chatterjee'],
	},
	{
		code: '+1',
		// NANP, 555-01xx: the range reserved for fiction.
		phone: r => pick(r, ['415', '212', '646', '312', '617', '206', '512', '303']) + '55501' + digits(r, 2),
		male: ['James', 'Michael', 'David', 'Daniel', 'Christopher', 'Matthew', 'Anthony', 'Tyler'],
		female: ['Emily', 'Olivia', 'Sophia', 'Ava', 'Grace', 'Madison', 'Abigail', 'Chloe'],
		last: ['Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Wilson', 'Anderson', 'Thompson'],
	},
	{
		code: '+44',
		// 07700 900xxx: Ofcom's drama range.
		phone: r => '7700900' + digits(r, 3),
		male: ['Oliver', 'Harry', 'George', 'Jack', 'Charlie', 'Alfie', 'Arthur'],
		female: ['Amelia', 'Isla', 'Poppy', 'Freya', 'Florence', 'Imogen', 'Siobhan'],
		last: ['Taylor', 'Evans', 'Hughes', 'Wright', 'Walker', 'Roberts', "O'Brien", 'Clarke', 'Featherstone'],
	},
	{
		code: '+49',
		phone: r => pick(r, ['151', '160', '170', '171', '176']) + digits(r, 8),
		male: ['Lukas', 'Jonas', 'Felix', 'Maximilian', 'Jürgen', 'Moritz', 'Björn'],
		female: ['Hannah', 'Lea', 'Mia', 'Sophie', 'Käthe', 'Jördis', 'Annika'],
		last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Groß', 'Schäfer'],
	},
	{
		code: '+81',
		phone: r => pick(r, ['90', '80', '70']) + digits(r, 8),
		male: ['Haruto', 'Sota', 'Ren', 'Yuto', '翔太', '大輝'],
		female: ['Yui', 'Hina', 'Sakura', 'Aoi', '陽菜', '美咲'],
		last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', '佐藤', '鈴木', '高橋'],
	},
	{
		code: '+966',
		phone: r => '5' + pick(r, ['0', '3', '4', '5', '6', '9']) + digits(r, 7),
		male: ['Mohammed', 'Abdullah', 'Faisal', 'Khalid', 'عبدالله', 'فيصل'],
		female: ['Fatimah', 'Noura', 'Reem', 'Sara', 'نورة', 'ريم'],
		last: ['Al-Qahtani', 'Al-Harbi', 'Al-Otaibi', 'Al-Ghamdi', 'القحطاني', 'الحربي'],
	},
	{
		code: '+55',
		phone: r => pick(r, ['11', '21', '31', '41', '51', '61', '71', '81']) + '9' + digits(r, 8),
		male: ['João', 'Pedro', 'Lucas', 'Gabriel', 'Thiago', 'Caio'],
		female: ['Ana', 'Beatriz', 'Mariana', 'Larissa', 'Letícia', 'Conceição'],
		last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Araújo', 'Gonçalves', 'Magalhães'],
	},
	{
		code: '+33',
		phone: r => pick(r, ['6', '7']) + digits(r, 8),
		male: ['Hugo', 'Louis', 'Théo', 'Gaël', 'Benoît', 'Jérôme'],
		female: ['Léa', 'Chloé', 'Inès', 'Manon', 'Anaïs', 'Hélène'],
		last: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Rousseau', 'Lemaître'],
	},
	{
		code: '+61',
		phone: r => '4' + digits(r, 8),
		male: ['William', 'Noah', 'Lachlan', 'Cooper', 'Jack'],
		female: ['Charlotte', 'Matilda', 'Ruby', 'Isabella', 'Zara'],
		last: ['Smith', 'Jones', 'Nguyen', 'Kelly', 'Murphy', 'Campbell', 'McDonald'],
	},
	{
		code: '+971',
		phone: r => '5' + pick(r, ['0', '2', '4', '5', '6', '8']) + digits(r, 7),
		male: ['Ahmed', 'Omar', 'Khalid', 'Saif', 'Hamdan'],
		female: ['Mariam', 'Aisha', 'Layla', 'Hessa', 'Shamma'],
		last: ['Al Mansoori', 'Al Hashimi', 'Al Nuaimi', 'Al Mazrouei', 'Al Falasi'],
	},
];

const MALE_SALUTATIONS = ['', '', '', 'Mr', 'Mr', 'mr', 'Mr.', 'Dr', 'MR'] as const;
const FEMALE_SALUTATIONS = ['', '', '', 'Mrs', 'Ms', 'Mrs.', 'ms', 'Dr', 'Dr.'] as const;

/** Hand-written contacts that every seed of a reasonable size contains (see SPECIAL_EVERY). */
type Special = {
	salutation?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	/** Country code and national digits; null: cellPhone null; undefined: no cellPhone key at all. */
	phone?: {countryCode: string; digits: string; extension?: string; raw?: string} | null;
	status?: 'ACTIVE' | 'INACTIVE';
};

const SPECIALS: readonly Special[] = [
	// The documented sample.
	{salutation: 'mr', firstName: 'john', lastName: 'doe', phone: {countryCode: '+91', digits: '9550100001', extension: '+'}},
	{salutation: 'Dr', firstName: 'José', lastName: 'García-Márquez', phone: {countryCode: '+34', digits: '612345678'}},
	{salutation: 'Ms', firstName: 'Zoë', lastName: 'Brontë', phone: {countryCode: '+44', digits: '7700900123'}},
	{salutation: 'Mr', firstName: 'Łukasz', lastName: 'Wiśniewski', phone: {countryCode: '+48', digits: '512345678'}},
	{salutation: '', firstName: 'Søren', lastName: 'Kierkegård', phone: {countryCode: '+45', digits: '20123456'}},
	{salutation: '', firstName: '小明', lastName: '王', phone: {countryCode: '+86', digits: '13800138000'}},
	{salutation: '', firstName: '太郎', lastName: '山田', phone: {countryCode: '+81', digits: '9012345678', extension: '+81'}},
	{salutation: '', firstName: '민준', lastName: '김', phone: {countryCode: '+82', digits: '1012345678'}},
	{salutation: 'Mr', firstName: 'محمد', lastName: 'العلي', phone: {countryCode: '+966', digits: '512345678'}},
	{salutation: '', firstName: 'דוד', lastName: 'כהן', phone: {countryCode: '+972', digits: '521234567'}},
	{salutation: 'Ms', firstName: 'Priya 🌸', lastName: 'Sharma', phone: {countryCode: '+91', digits: '9876501234'}},
	// Terminal escape sequences: clear screen + red, then an OSC window-title sequence, then C1/CR tricks.
	{salutation: 'Mr', firstName: 'Mallory\u001b[2J\u001b[31m', lastName: 'Evil', phone: {countryCode: '+1', digits: '2125550177'}},
	{
		salutation: 'Ms',
		firstName: 'Eve',
		lastName: '\u001b]0;pwned by eve\u0007Hacker',
		phone: {countryCode: '+44', digits: '7700900666'},
	},
	{
		salutation: 'Dr',
		firstName: 'Trudy\r\u009b1A\u001b[K',
		lastName: 'Admin\b\b\b\b\bRoot\u007f',
		phone: {countryCode: '+49', digits: '15112345678'},
	},
	// Very long names.
	{
		salutation: 'Mr',
		firstName: 'Maximilian Alexander Ferdinand Johannes Karl',
		lastName: 'von Hohenzollern-Sigmaringen-Wittelsbach',
		phone: {countryCode: '+49', digits: '17012345678'},
	},
	{
		salutation: 'Mrs.',
		firstName: 'Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh-Cholmondeley',
		lastName: 'Smith',
		phone: {countryCode: '+1', digits: '4155550142'},
	},
	// Missing and null fields.
	{salutation: 'Dr', firstName: 'Ana', phone: {countryCode: '+55', digits: '11987654321'}},
	{salutation: 'mr', firstName: 'Rahul', lastName: 'Verma', phone: null},
	{salutation: 'Mrs', firstName: 'Fatima', lastName: 'Khan'},
	{salutation: 'Ms', firstName: 'Emily', lastName: null, phone: {countryCode: '+1', digits: '6465550123'}},
	{salutation: null, firstName: 'Kwame', lastName: 'Mensah', phone: {countryCode: '+233', digits: '241234567'}},
	// Soft-deleted.
	{
		salutation: 'Mr',
		firstName: 'Oliver',
		lastName: 'Taylor',
		phone: {countryCode: '+44', digits: '7700900456'},
		status: 'INACTIVE',
	},
	// Same name twice (and near the emoji one).
	{salutation: '', firstName: 'Priya', lastName: 'Sharma', phone: {countryCode: '+91', digits: '9123456780'}},
	{salutation: 'Ms', firstName: 'Priya', lastName: 'Sharma', phone: {countryCode: '+91', digits: '9988776655', extension: '+91'}},
	{
		salutation: 'Mr',
		firstName: 'Ahmed',
		lastName: 'Al Mansoori',
		phone: {countryCode: '+971', digits: '501234567', extension: '+971'},
	},
	{salutation: 'Mlle', firstName: 'Léa', lastName: "D'Artagnan", phone: {countryCode: '+33', digits: '612345678'}},
	{salutation: 'Mr', firstName: 'Jack', lastName: "O'Brien", phone: {countryCode: '+61', digits: '412345678', extension: ''}},
	// Imported before today's rules: phone stored without the country code, with spaces.
	{
		salutation: 'Mr',
		firstName: 'Legacy',
		lastName: 'Import',
		phone: {countryCode: '+1', digits: '4155550199', raw: '415 555 0199'},
	},
	{salutation: 'MS', firstName: '  Anna  ', lastName: 'Lindqvist ', phone: {countryCode: '+46', digits: '701234567'}},
	{salutation: 'DR', firstName: 'Wei', lastName: 'Chen', phone: {countryCode: '+65', digits: '81234567'}},
	{salutation: 'Mx', firstName: 'Sam', lastName: 'Rivera-Núñez', phone: {countryCode: '+52', digits: '5512345678'}},
];

/** Every SPECIAL_EVERY-th contact (from index 0) is a hand-written one until they run out. */
const SPECIAL_EVERY = 3;

const DEFAULT_START = Date.parse('2024-01-02T09:00:00.000Z');
const DEFAULT_END = Date.parse('2026-01-09T05:55:58.158Z');

/**
 * `count` contacts, ordered by createdAt, with Mongo-ObjectId-like 24-hex ids (the first 8 hex are
 * the creation time in seconds). 20 000 take a few tens of milliseconds.
 */
export function seedContacts(count: number, options: SeedOptions = {}): Contact[] {
	if (!Number.isInteger(count) || count < 0) throw new Error(`contactCount must be a whole number, 0 or more (got ${count}).`);
	const rng = createPrng(options.seed ?? 20_240_628);
	const accountId = options.accountId ?? SANDBOX_DEFAULTS.accountId;
	const streamId = options.streamId ?? SANDBOX_DEFAULTS.streamId;
	const orgId = options.orgId ?? SANDBOX_DEFAULTS.orgId;
	const start = options.start?.getTime() ?? DEFAULT_START;
	const end = Math.max(options.end?.getTime() ?? DEFAULT_END, start + 1);
	// Spread creation over ~90 % of the span, leaving room for later updates.
	const step = Math.max(1, Math.floor(((end - start) * 0.9) / Math.max(count, 1)));
	const machine = hex(rng, 10);
	let counter = Math.floor(rng() * 0xff_ffff);
	let created = start;
	const contacts: Contact[] = new Array(count);

	for (let i = 0; i < count; i++) {
		created += 1 + Math.floor(rng() * step * 2 * 0.99);
		if (created > end) created = end;
		counter = (counter + 1) % 0x100_0000;
		const id =
			Math.floor(created / 1000)
				.toString(16)
				.padStart(8, '0') +
			machine +
			counter.toString(16).padStart(6, '0');
		const special = i % SPECIAL_EVERY === 0 ? SPECIALS[i / SPECIAL_EVERY] : undefined;
		const fields = special ?? generated(rng);
		const creator = rng() < 0.8 ? SEED_USERS[0] : pick(rng, SEED_USERS);
		const updater = rng() < 0.7 ? creator : pick(rng, SEED_USERS);
		const updated = rng() < 0.4 ? created : Math.min(end, created + Math.floor(rng() * 200 * 86_400_000));
		contacts[i] = build({id, fields, accountId, streamId, orgId, created, updated, creator, updater});
	}
	return contacts;
}

function generated(rng: Rng): Special {
	const country = pick(rng, COUNTRIES);
	const female = rng() < 0.5;
	const firstName = pick(rng, female ? country.female : country.male);
	const roll = rng();
	const lastName = roll < 0.03 ? undefined : pick(rng, country.last);
	const salutation = pick(rng, female ? FEMALE_SALUTATIONS : MALE_SALUTATIONS);
	const phoneRoll = rng();
	const extRoll = rng();
	const extension = extRoll < 0.7 ? '+' : extRoll < 0.85 ? country.code : '';
	const phone =
		phoneRoll < 0.04 ? null : phoneRoll < 0.07 ? undefined : {countryCode: country.code, digits: country.phone(rng), extension};
	return {salutation, firstName, lastName, phone, status: rng() < 0.05 ? 'INACTIVE' : 'ACTIVE'};
}

const DAY = 86_400_000;
const dayPrefixes = new Map<number, string>();
const PAD2 = Array.from({length: 100}, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({length: 1000}, (_, i) => String(i).padStart(3, '0'));

/** Same output as Date#toISOString, several times faster for many dates (the date part is cached). */
function isoString(ms: number): string {
	const day = Math.floor(ms / DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY).toISOString().slice(0, 11);
		dayPrefixes.set(day, prefix);
	}
	const t = ms - day * DAY;
	const h = Math.floor(t / 3_600_000);
	const m = Math.floor((t % 3_600_000) / 60_000);
	const sec = Math.floor((t % 60_000) / 1000);
	return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[t % 1000]}Z`;
}

function build(input: {
	id: string;
	fields: Special;
	accountId: string;
	streamId: string;
	orgId: string;
	created: number;
	updated: number;
	creator: (typeof SEED_USERS)[number];
	updater: (typeof SEED_USERS)[number];
}): Contact {
	const {fields: f} = input;
	const phone = f.phone;
	// One object literal (fast, one hidden class), key order as in the documented sample response;
	// keys a contact lacks are deleted afterwards (rare).
	const contact: Record<string, unknown> = {
		firstName: f.firstName,
		lastName: f.lastName,
		fullName: composeFullName(f.firstName, f.lastName),
		salutation: f.salutation,
		cellPhone: phone
			? {
					extension: phone.extension ?? '+',
					phoneNumber: phone.raw ?? phone.countryCode + phone.digits,
					countryCode: phone.countryCode,
				}
			: phone,
		status: f.status ?? 'ACTIVE',
		instanceBotId: input.streamId,
		orgId: input.orgId,
		accountId: input.accountId,
		createdBy: input.creator.userId,
		createdByAId: input.creator.appId,
		address: [],
		twitterDetails: [],
		createdAt: isoString(input.created),
		updatedAt: isoString(Math.max(input.updated, input.created)),
		updatedBy: input.updater.userId,
		updatedByAId: input.updater.appId,
		id: input.id,
	};
	for (const key of ['firstName', 'lastName', 'salutation', 'cellPhone'] as const) {
		if (contact[key] === undefined) delete contact[key];
	}
	return contact as Contact;
}

/** Uniform contacts whose every field is valid (Ann Lee0, Ann Lee1, …): for batches where the data is not the point. */
export function plainContacts(count: number): Contact[] {
	return Array.from({length: count}, (_, i) => ({
		id: `c${String(i).padStart(23, '0')}`,
		firstName: 'Ann',
		lastName: `Lee${i}`,
		fullName: `Ann Lee${i}`,
		salutation: 'Ms',
		cellPhone: {phoneNumber: `+9195501${String(i).padStart(5, '0')}`, countryCode: '+91', extension: '+'},
		status: 'ACTIVE',
	}));
}
