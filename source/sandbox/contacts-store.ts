import {createHash, randomBytes} from 'node:crypto';
import type {CellPhone, Contact} from '../contact/contact.js';
import {SandboxHttpError} from './errors.js';
import {composeFullName} from './seed.js';

/** Who made a change: shows up as updatedBy / updatedByAId (and createdBy / createdByAId). */
export type Actor = {userId: string; appId: string};

type CleanPhone = {phoneNumber?: string; countryCode?: string; extension?: string};
type CleanUpdate = {firstName?: string; lastName?: string; salutation?: string; cellPhone?: CleanPhone};

export type BulkResult =
	| {id: string; success: true; contact: Contact}
	| {id: unknown; success: false; errors: Array<{msg: string; code: number}>};

const COUNTRY_CODE = /^\+\d{1,4}$/;
const DIGITS = /^\d*$/;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
/** Listed as required for each bulk-update record (with `id`); fullName is computed by the server. */
const BULK_REQUIRED = ['firstName', 'lastName', 'salutation'] as const;

/** A uuid-shaped id derived from a string, so the same client always shows as the same user/app. */
export function derivedId(prefix: string, from: string): string {
	const h = createHash('sha256').update(`${prefix}:${from}`).digest('hex');
	return `${prefix}-${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a PUT body (or one record of a create / bulk update). Throws 412 with a sentence saying what to fix. */
export function validateBody(body: unknown): CleanUpdate {
	if (!isObject(body)) throw new SandboxHttpError(412, 'The request body must be a JSON object with the contact fields.');
	const clean: CleanUpdate = {};
	for (const key of ['firstName', 'lastName', 'salutation'] as const) {
		const value = body[key];
		if (value === undefined) continue;
		if (typeof value !== 'string') throw new SandboxHttpError(412, `${key} must be a string.`);
		clean[key] = value;
	}
	if (body.cellPhone !== undefined) {
		const phone = body.cellPhone;
		if (!isObject(phone)) {
			throw new SandboxHttpError(412, 'cellPhone must be an object with phoneNumber, countryCode and extension.');
		}
		const cell: CleanPhone = {};
		if (phone.phoneNumber !== undefined) {
			if (typeof phone.phoneNumber !== 'string' || !DIGITS.test(phone.phoneNumber)) {
				throw new SandboxHttpError(
					412,
					'cellPhone.phoneNumber must contain digits only (no +, spaces or dashes); send the country code in cellPhone.countryCode.',
				);
			}
			cell.phoneNumber = phone.phoneNumber;
		}
		if (phone.countryCode !== undefined) {
			if (typeof phone.countryCode !== 'string' || !COUNTRY_CODE.test(phone.countryCode)) {
				throw new SandboxHttpError(412, 'cellPhone.countryCode must be + followed by 1 to 4 digits, e.g. +91.');
			}
			cell.countryCode = phone.countryCode;
		}
		if (phone.extension !== undefined) {
			if (typeof phone.extension !== 'string') throw new SandboxHttpError(412, 'cellPhone.extension must be a string.');
			cell.extension = phone.extension;
		}
		clean.cellPhone = cell;
	}
	return clean;
}

/** The national digits of a stored phone: the server stores countryCode + digits. */
function storedDigits(cell: CellPhone | null | undefined): string {
	const raw = typeof cell?.phoneNumber === 'string' ? cell.phoneNumber.replace(/[^\d+]/g, '') : '';
	const cc = typeof cell?.countryCode === 'string' ? cell.countryCode : '';
	if (cc && raw.startsWith(cc)) return raw.slice(cc.length);
	return raw.replace(/^\+/, '');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class ContactStore {
	private readonly list: Contact[];
	private readonly index = new Map<string, number>();
	private readonly machine = randomBytes(5).toString('hex');
	private counter = randomBytes(3).readUIntBE(0, 3);

	constructor(
		contacts: Contact[],
		private readonly options: {
			now: () => Date;
			omittedFields: 'keep' | 'clear';
			accountId: string;
			streamId: string;
			orgId: string;
		},
	) {
		this.list = contacts;
		contacts.forEach((c, i) => {
			if (typeof c?.id !== 'string' || c.id === '') throw new Error(`Sandbox contact #${i} has no string id.`);
			if (this.index.has(c.id)) throw new Error(`Sandbox contact id ${c.id} appears twice.`);
			this.index.set(c.id, i);
		});
	}

	get size(): number {
		return this.list.length;
	}

	/** Live objects: callers must copy before handing them out. */
	all(): readonly Contact[] {
		return this.list;
	}

	page(skip: number, limit: number): Contact[] {
		return this.list.slice(skip, skip + limit);
	}

	get(id: string): Contact | undefined {
		const i = this.index.get(id);
		return i === undefined ? undefined : this.list[i];
	}

	/** 400 "Invalid contact id" for anything that is not a known contact. */
	require(id: unknown): Contact {
		const contact = typeof id === 'string' && OBJECT_ID.test(id) ? this.get(id) : undefined;
		if (!contact) throw new SandboxHttpError(400, 'Invalid contact id: no contact with this id in this stream.');
		return contact;
	}

	/**
	 * PUT /contacts/{id}. Fields left out of the body are kept or cleared per `omittedFields`
	 * (the docs are silent). Contacts with status INACTIVE can still be updated (the docs are silent
	 * too); status itself is not editable and is ignored in the body, as are unknown fields.
	 */
	update(id: unknown, body: unknown, actor: Actor, mode = this.options.omittedFields): Contact {
		const clean = validateBody(body);
		const contact = this.require(id);
		const keep = mode === 'keep';
		const next: Partial<Contact> = {};
		for (const key of ['firstName', 'lastName', 'salutation'] as const) {
			if (clean[key] !== undefined) next[key] = clean[key];
			else if (!keep) next[key] = '';
		}
		const old = contact.cellPhone;
		if (clean.cellPhone || !keep) {
			const given = clean.cellPhone ?? {};
			const countryCode = given.countryCode ?? (keep ? str(old?.countryCode) : '');
			const digits = given.phoneNumber ?? (keep ? storedDigits(old) : '');
			const extension = given.extension ?? (keep ? str(old?.extension) : '');
			if (digits !== '' && countryCode === '') {
				throw new SandboxHttpError(412, 'cellPhone.countryCode is required with a phone number, e.g. +91.');
			}
			next.cellPhone = {extension, phoneNumber: digits === '' ? '' : countryCode + digits, countryCode};
		}
		Object.assign(contact, next);
		contact.fullName = composeFullName(contact.firstName, contact.lastName);
		this.touch(contact, actor);
		return contact;
	}

	/** POST /contacts: a JSON array of new contacts; all or nothing. firstName is required. */
	create(body: unknown, actor: Actor): Contact[] {
		if (!Array.isArray(body) || body.length === 0) {
			throw new SandboxHttpError(412, 'The request body must be a JSON array of one or more contacts.');
		}
		const cleans = body.map((record, i) => {
			try {
				const clean = validateBody(record);
				if (!clean.firstName?.trim()) throw new SandboxHttpError(412, 'firstName is required for a new contact.');
				if (clean.cellPhone?.phoneNumber && !clean.cellPhone.countryCode) {
					throw new SandboxHttpError(412, 'cellPhone.countryCode is required with a phone number, e.g. +91.');
				}
				return clean;
			} catch (error) {
				if (error instanceof SandboxHttpError) throw new SandboxHttpError(412, `Contact #${i + 1}: ${error.message}`);
				throw error;
			}
		});
		return cleans.map(clean => this.insert(clean, actor));
	}

	/**
	 * PUT /contacts/bulk-update: a JSON array of `{id, firstName, lastName, salutation, cellPhone?,
	 * fullName?}`; each record is validated like a single PUT's body and succeeds or fails on its own.
	 * A body that is not an array, an empty one, or one longer than `maxRecords` is refused whole
	 * (412). `injected`: a fault's failure for the record at this index, which is then not applied.
	 */
	bulkUpdate(
		body: unknown,
		actor: Actor,
		options: {maxRecords: number; injected?: (index: number) => SandboxHttpError | undefined},
	): {successful: number; failed: number; results: BulkResult[]} {
		if (!Array.isArray(body) || body.length === 0) {
			throw new SandboxHttpError(412, 'The request body must be a JSON array of one or more {id, ...fields} records.');
		}
		if (body.length > options.maxRecords) {
			throw new SandboxHttpError(
				412,
				`A bulk update takes at most ${options.maxRecords} records; this one has ${body.length}: send them in smaller chunks.`,
			);
		}
		const results: BulkResult[] = body.map((record: unknown, index) => {
			const id = isObject(record) ? record.id : undefined;
			try {
				const injected = options.injected?.(index);
				if (injected) throw injected;
				return {id: id as string, success: true as const, contact: structuredClone(this.bulkRecord(record, actor))};
			} catch (error) {
				if (!(error instanceof SandboxHttpError)) throw error;
				return {id: id ?? null, success: false as const, errors: [{msg: error.message, code: error.code}]};
			}
		});
		const successful = results.filter(r => r.success).length;
		return {successful, failed: results.length - successful, results};
	}

	/** One bulk-update record: the documented required fields, then the single PUT's own checks and update. */
	private bulkRecord(record: unknown, actor: Actor): Contact {
		if (!isObject(record))
			throw new SandboxHttpError(412, 'Each record must be a JSON object with an id and the contact fields.');
		const {id, fullName, ...fields} = record;
		if (typeof id !== 'string' || id === '') throw new SandboxHttpError(412, 'id is required: the ID of the contact to update.');
		const missing = BULK_REQUIRED.filter(key => fields[key] === undefined);
		if (missing.length > 0) {
			throw new SandboxHttpError(
				412,
				`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required in a bulk-update record: send the current value to keep one.`,
			);
		}
		if (fullName !== undefined && typeof fullName !== 'string') throw new SandboxHttpError(412, 'fullName must be a string.');
		return this.update(id, fields, actor);
	}

	/** DELETE /contacts/{id}: soft delete (status INACTIVE); deleting twice is harmless. */
	remove(id: unknown, actor: Actor): Contact {
		const contact = this.require(id);
		contact.status = 'INACTIVE';
		this.touch(contact, actor);
		return contact;
	}

	/** updatedAt strictly later than before (by 1 ms when the clock has not moved), and who did it. */
	private touch(contact: Contact, actor: Actor): void {
		const previous = Date.parse(str(contact.updatedAt));
		const now = this.options.now().getTime();
		const next = Number.isNaN(previous) ? now : Math.max(now, previous + 1);
		contact.updatedAt = new Date(next).toISOString();
		contact.updatedBy = actor.userId;
		contact.updatedByAId = actor.appId;
	}

	private insert(clean: CleanUpdate, actor: Actor): Contact {
		const now = this.options.now();
		this.counter = (this.counter + 1) % 0x100_0000;
		const id =
			Math.floor(now.getTime() / 1000)
				.toString(16)
				.padStart(8, '0') +
			this.machine +
			this.counter.toString(16).padStart(6, '0');
		const cc = clean.cellPhone?.countryCode ?? '';
		const digits = clean.cellPhone?.phoneNumber ?? '';
		const at = now.toISOString();
		const contact: Contact = {
			firstName: clean.firstName ?? '',
			lastName: clean.lastName ?? '',
			fullName: composeFullName(clean.firstName, clean.lastName),
			salutation: clean.salutation ?? '',
			cellPhone: {
				extension: clean.cellPhone?.extension ?? '',
				phoneNumber: digits === '' ? '' : cc + digits,
				countryCode: cc,
			},
			status: 'ACTIVE',
			instanceBotId: this.options.streamId,
			orgId: this.options.orgId,
			accountId: this.options.accountId,
			createdBy: actor.userId,
			createdByAId: actor.appId,
			address: [],
			twitterDetails: [],
			createdAt: at,
			updatedAt: at,
			updatedBy: actor.userId,
			updatedByAId: actor.appId,
			id,
		};
		this.index.set(id, this.list.length);
		this.list.push(contact);
		return contact;
	}
}
