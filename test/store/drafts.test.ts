import fs from 'node:fs';
import path from 'node:path';
import {describe, it, expect} from 'vitest';
import {openDrafts} from '../../source/store/drafts.js';
import type {Draft} from '../../source/store/types.js';
import {modeOf, tempDir} from './helpers.js';

const draft: Draft = {
	profile: 'dev',
	host: 'https://platform.kore.ai',
	streamId: 'st-1',
	contactId: 'c-1',
	contactLabel: 'Asha Rao',
	loaded: {
		id: 'c-1',
		firstName: 'Asha',
		lastName: 'Rao',
		cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: ''},
	},
	edits: {lastName: 'Rao-Iyer'},
	savedAt: '2025-01-02T03:04:05.000Z',
};

describe('drafts', () => {
	it('saves, loads and clears the one current draft', () => {
		const dir = tempDir();
		const drafts = openDrafts(dir);
		expect(drafts.load()).toBeUndefined();
		drafts.save(draft);
		expect(drafts.path).toBe(path.join(dir, 'draft.json'));
		expect(openDrafts(dir).load()).toEqual(draft);
		drafts.save({...draft, edits: {lastName: 'Rao-Iyer', phoneNumber: '9550100002'}});
		expect(drafts.load()?.edits).toEqual({lastName: 'Rao-Iyer', phoneNumber: '9550100002'});
		drafts.clear();
		expect(drafts.load()).toBeUndefined();
		expect(fs.existsSync(drafts.path)).toBe(false);
		drafts.clear();
	});

	it('fills in savedAt when left out', () => {
		const drafts = openDrafts(tempDir());
		const {savedAt: _, ...withoutTime} = draft;
		drafts.save(withoutTime);
		expect(Number.isNaN(Date.parse(drafts.load()!.savedAt))).toBe(false);
	});

	it('writes atomically: no temp files left, 0600, whole JSON each time', () => {
		const dir = tempDir();
		const drafts = openDrafts(dir);
		const previous = process.umask(0o000);
		try {
			for (let i = 0; i < 25; i++) {
				drafts.save({...draft, edits: {firstName: `Asha ${i}`}});
			}
		} finally {
			process.umask(previous);
		}

		expect(fs.readdirSync(dir)).toEqual(['draft.json']);
		if (process.platform !== 'win32') {
			expect(modeOf(drafts.path)).toBe(0o600);
		}

		expect(drafts.load()?.edits.firstName).toBe('Asha 24');
	});

	it('replaces the file rather than writing into it', () => {
		const dir = tempDir();
		const drafts = openDrafts(dir);
		drafts.save(draft);
		const first = fs.statSync(drafts.path).ino;
		drafts.save({...draft, edits: {}});
		expect(fs.statSync(drafts.path).ino).not.toBe(first);
	});

	it('sets an unreadable draft aside instead of offering it', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'draft.json'), '{"host": "h", "str');
		const drafts = openDrafts(dir);
		expect(drafts.load()).toBeUndefined();
		expect(fs.existsSync(drafts.path)).toBe(false);
		expect(fs.readdirSync(dir).filter(name => name.startsWith('draft.json.corrupt-'))).toHaveLength(1);
	});
});
