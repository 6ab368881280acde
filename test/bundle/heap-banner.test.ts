/**
 * The V8 heap tuning the build puts first in the bundle (scripts/build.mjs, heapBanner): it is in
 * kore-contacts' bundle and not in other entries', and Node 20 honours it when it is set at run
 * time (a flag V8 reads only while setting the heap up would silently do nothing).
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {REPO_ROOT} from '../helpers/run-cli.js';

let work = '';
let banner = '';

/** Allocates objects that live through several scavenges and prints the young generation's size in MiB. */
const ALLOCATE = `
import {getHeapSpaceStatistics} from 'node:v8';
const kept = [];
for (let round = 0; round < 400; round++) {
	const batch = Array.from({length: 5000}, (_, i) => ({i, text: 'x'.repeat(20) + i}));
	kept.push(batch);
	if (kept.length > 8) kept.shift();
	await new Promise(resolve => setImmediate(resolve));
}
console.log(getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size / 1048576);
`;

const youngGenerationMiB = (prefix: string) =>
	Number(
		execFileSync(process.execPath, ['--input-type=module', '-e', prefix + ALLOCATE], {encoding: 'utf8', timeout: 30_000}).trim(),
	);

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-'));
	const outfile = path.join(work, 'cli.js');
	execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--outfile', outfile], {
		cwd: REPO_ROOT,
		stdio: 'ignore',
	});
	// The banner is the line after the shebang.
	banner = fs.readFileSync(outfile, 'utf8').split('\n')[1]!;
}, 60_000);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

describe('V8 heap tuning in the bundle', () => {
	it('is set first thing in kore-contacts, and only there', () => {
		expect(banner).toContain('--heap-growing-percent=20');
		expect(banner).toContain('--semi-space-growth-factor=1');
		const reference = path.join(work, 'reference.js');
		execFileSync(
			process.execPath,
			[
				path.join(REPO_ROOT, 'scripts', 'build.mjs'),
				'--entry',
				path.join(REPO_ROOT, 'bench', 'reference-app', 'app.tsx'),
				'--outfile',
				reference,
			],
			{cwd: REPO_ROOT, stdio: 'ignore'},
		);
		expect(fs.readFileSync(reference, 'utf8')).not.toContain('heap-growing-percent');
	}, 30_000);

	it('keeps the young generation at 8 MiB where Node would let it grow further', () => {
		// Only the heap part of the banner (its createRequire part needs a file URL).
		const heap = banner.slice(banner.indexOf('import {setFlagsFromString'));
		expect(youngGenerationMiB('')).toBeGreaterThan(8);
		expect(youngGenerationMiB(heap)).toBeLessThanOrEqual(8);
	}, 60_000);
});
