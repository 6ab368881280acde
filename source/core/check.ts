/**
 * "Check this contact now", after a write whose outcome is unknown: the contact is read again and
 * compared with what was sent. When it holds exactly that, the save went through: its journal entry
 * is completed as done (checked) and the contact is remembered with its new values, as a save is.
 * Below both front-ends; never prints. A failed read throws (the caller reports it).
 */
import type {Contact, UpdateBody} from '../contact/contact.js';
import {verifyStored, type FieldChange} from '../contact/diff.js';
import {sameHost} from '../kore/host.js';
import type {KoreClient} from '../kore/types.js';
import {openJournal} from '../store/journal.js';
import type {Store} from '../store/types.js';
import {errorReason} from '../util.js';
import type {PreparedUpdate} from './prepare.js';
import {rememberRecent} from './recents.js';

export type CheckRequest = {
	client: KoreClient;
	/** The update whose outcome is unknown, as it was sent. */
	update: PreparedUpdate;
	/** The settings folder (journal.jsonl). */
	dir: string;
	profile?: string;
	store?: Store;
	signal?: AbortSignal;
};

export type CheckOutcome =
	| {
			outcome: 'saved';
			stored: Contact;
			/** The journal entry now completed as done; undefined when none matched (or it could not be written). */
			journalId?: string;
			warnings: string[];
	  }
	| {outcome: 'not-saved'; current: Contact; mismatches: FieldChange[]};

const norm = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

function sameBody(a: UpdateBody, b: UpdateBody): boolean {
	return (
		norm(a.firstName) === norm(b.firstName) &&
		norm(a.lastName) === norm(b.lastName) &&
		norm(a.salutation) === norm(b.salutation) &&
		norm(a.cellPhone?.phoneNumber) === norm(b.cellPhone?.phoneNumber) &&
		norm(a.cellPhone?.countryCode) === norm(b.cellPhone?.countryCode) &&
		norm(a.cellPhone?.extension) === norm(b.cellPhone?.extension)
	);
}

export async function checkUnknownWrite(request: CheckRequest): Promise<CheckOutcome> {
	const {client, update, signal} = request;
	const {contact} = await client.rereadContact(update.streamId, update.contactId, signal ? {signal} : {});
	const verification = verifyStored(update.body, contact);
	if (!verification.ok) {
		return {outcome: 'not-saved', current: contact, mismatches: verification.mismatches};
	}

	const warnings: string[] = [];
	let journalId: string | undefined;
	try {
		const journal = openJournal(request.dir);
		// The newest entry of this exact write still recorded as unknown (one writer per contact).
		const entry = journal
			.entries({contactId: String(update.contactId)})
			.find(
				candidate =>
					candidate.status === 'unknown' &&
					candidate.streamId === update.streamId &&
					sameHost(candidate.host, client.baseUrl) &&
					sameBody(candidate.body, update.body),
			);
		if (entry) {
			journal.complete(entry.id, {
				status: 'done',
				checked: true,
				...(contact.updatedAt === undefined || contact.updatedAt === null ? {} : {updatedAt: String(contact.updatedAt)}),
			});
			journalId = entry.id;
		}
	} catch (error) {
		warnings.push(`The change journal could not record that the save went through (${errorReason(error)}).`);
	}

	rememberRecent(request.store, request.profile, update.streamId, contact);
	return {outcome: 'saved', stored: contact, ...(journalId ? {journalId} : {}), warnings};
}
