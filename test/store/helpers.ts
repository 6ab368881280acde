import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

const made: string[] = [];

/** A fresh temp folder, removed after each test. Never the user's real settings. */
export function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-'));
	made.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of made.splice(0)) {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

export function modeOf(file: string): number {
	return fs.statSync(file).mode & 0o777;
}
