/** The journal and the draft file of the editor's settings folder, opened once per store. */
import {openDrafts} from '../store/drafts.js';
import {openJournal} from '../store/journal.js';
import type {Drafts, Journal, Store} from '../store/types.js';

/** A short reason for a file error (one helper for the whole app: util.ts). */
export {errorReason as fileErrorReason} from '../util.js';

const journals = new WeakMap<Store, Journal>();
const drafts = new WeakMap<Store, Drafts>();

/** The change journal (journal.jsonl). Throws when it cannot be opened. */
export function journalFor(store: Store): Journal {
	let journal = journals.get(store);
	if (!journal) {
		journal = openJournal(store.dir);
		journals.set(store, journal);
	}

	return journal;
}

/** The one unsent draft (draft.json). Throws when the folder cannot be made. */
export function draftsFor(store: Store): Drafts {
	let file = drafts.get(store);
	if (!file) {
		file = openDrafts(store.dir);
		drafts.set(store, file);
	}

	return file;
}

/** The saved draft, or undefined (none, unreadable, or the folder is not usable). */
export function loadDraft(store: Store): ReturnType<Drafts['load']> {
	try {
		return draftsFor(store).load();
	} catch {
		return undefined;
	}
}
