import fs from 'node:fs';
import path from 'node:path';
import {ensurePrivateDir, moveAside, writeFileAtomic} from './files.js';
import type {Draft, Drafts} from './types.js';

export const DRAFT_FILE = 'draft.json';

function isDraft(value: unknown): value is Draft {
	if (typeof value !== 'object' || value === null) {
		return false;
	}

	const d = value as Record<string, unknown>;
	return (
		typeof d['host'] === 'string' &&
		typeof d['streamId'] === 'string' &&
		typeof d['contactId'] === 'string' &&
		typeof d['savedAt'] === 'string' &&
		typeof d['loaded'] === 'object' &&
		d['loaded'] !== null &&
		typeof d['edits'] === 'object' &&
		d['edits'] !== null
	);
}

/**
 * The one unsent draft: `<dir>/draft.json` (0600), replaced atomically (temp file + rename) on
 * every save, so a crash leaves either the old or the new draft, never half of one.
 */
export function openDrafts(dir: string): Drafts {
	ensurePrivateDir(dir);
	const file = path.join(dir, DRAFT_FILE);
	return {
		path: file,
		save(draft) {
			const record: Draft = {
				host: draft.host,
				streamId: draft.streamId,
				contactId: draft.contactId,
				loaded: draft.loaded,
				edits: draft.edits,
				savedAt: draft.savedAt ?? new Date().toISOString(),
			};
			if (draft.profile !== undefined) {
				record.profile = draft.profile;
			}

			if (draft.contactLabel !== undefined) {
				record.contactLabel = draft.contactLabel;
			}

			writeFileAtomic(file, `${JSON.stringify(record, undefined, '\t')}\n`);
		},
		load() {
			let text: string;
			try {
				text = fs.readFileSync(file, 'utf8');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
					return undefined;
				}

				throw error;
			}

			try {
				const value: unknown = JSON.parse(text);
				if (isDraft(value)) {
					return value;
				}
			} catch {
				// Unreadable: set aside below.
			}

			// Keep what is there for inspection, but do not offer it again.
			moveAside(file, 'corrupt');
			return undefined;
		},
		clear() {
			fs.rmSync(file, {force: true});
		},
	};
}
