/**
 * What a batch set out to do, kept in `<settings>/batches/<id>.json` (0600) before its first chunk
 * leaves: `bulk --resume` needs the rows that were never sent, and the journal only holds the sent
 * ones. Per-contact outcomes live in the journal (entries carry the batch id), not here.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {EditInput} from '../contact/edits.js';
import {ensurePrivateDir, writeFileAtomic} from './files.js';

export type BatchItem = {contactId: string; row?: number; input?: EditInput; undoOf?: string};

export type BatchRecord = {
	id: string;
	kind: 'update' | 'undo';
	host: string;
	streamId: string;
	profile?: string;
	createdAt: string;
	/** With kind 'undo': the batch it puts back. */
	undoOfBatch?: string;
	items: BatchItem[];
};

/** "b-" and 10 characters: short enough to type, unique enough per machine. */
export function newBatchId(now = Date.now()): string {
	return `b-${now.toString(36).slice(-6)}${crypto.randomBytes(2).toString('hex')}`;
}

function batchFile(dir: string, id: string): string {
	if (!/^[\w-]+$/.test(id)) throw new BatchFileError(`"${id}" is not a batch ID: batch IDs look like b-mi3x7k2a0f.`);
	return path.join(dir, 'batches', `${id}.json`);
}

export class BatchFileError extends Error {
	override readonly name = 'BatchFileError';
}

export function saveBatch(dir: string, batch: BatchRecord): void {
	const file = batchFile(dir, batch.id);
	ensurePrivateDir(path.dirname(file));
	writeFileAtomic(file, `${JSON.stringify(batch)}\n`);
}

/** The batch by its ID; throws BatchFileError with an operator sentence when it is not there or unreadable. */
export function loadBatch(dir: string, id: string): BatchRecord {
	const file = batchFile(dir, id);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new BatchFileError(
			code === 'ENOENT'
				? `No batch ${id} on this computer (looked for ${file}): see \`kore-contacts history\` for the batch IDs.`
				: `The batch file ${file} could not be read (${code ?? String(error)}).`,
		);
	}
	try {
		const value = JSON.parse(text) as BatchRecord;
		if (value.id !== id || !Array.isArray(value.items) || typeof value.streamId !== 'string') throw new Error('bad shape');
		return value;
	} catch {
		throw new BatchFileError(
			`The batch file ${file} is damaged: the batch cannot be resumed (its journal entries still show in history).`,
		);
	}
}
