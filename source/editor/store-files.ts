/** The journal and the draft file of the editor's settings folder, opened once per store. */
import {openDrafts} from '../store/drafts.js';
import {openJournal} from '../store/journal.js';
import type {Drafts, Journal, Store} from '../store/types.js';

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

/** A short reason for a file error (its code, else the first line of its message). */
export function fileErrorReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string') return code;
	return error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 120) : String(error);
}
