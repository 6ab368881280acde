/**
 * The V8 tuning the build puts first in the bundle (scripts/build.mjs, heapBanner): it is in
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
let bundle = '';

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

/**
 * Runs a small WebAssembly loop hot enough for V8 to move it to TurboFan, and prints which compiler
 * ran it last. The loop: (func (param i32) (result i32) (local i32) sums param, param-1, ..., 1).
 */
const WASM_TIER = `
import {setFlagsFromString as natives} from 'node:v8';
natives('--allow-natives-syntax');
const bytes = new Uint8Array([0,97,115,109,1,0,0,0, 1,6,1,96,1,127,1,127, 3,2,1,0, 7,5,1,1,102,0,0,
	10,27,1,25,1,1,127, 3,64, 32,1,32,0,106,33,1, 32,0,65,1,107,34,0, 13,0, 11, 32,1, 11]);
const {instance} = await WebAssembly.instantiate(bytes);
const f = instance.exports.f;
if (f(4) !== 10) throw new Error('the test module is wrong');
const turbofan = new Function('f', 'return %IsTurboFanFunction(f)');
// Tier-up compiles in the background: keep it hot for up to 3 s (a loaded machine is slow to get there).
const deadline = Date.now() + 3000;
while (!turbofan(f) && Date.now() < deadline) {
	for (let i = 0; i < 200; i++) f(10000);
	await new Promise(resolve => setTimeout(resolve, 20));
}
console.log(turbofan(f) ? 'turbofan' : 'liftoff');
`;

const wasmTier = (prefix: string) =>
	execFileSync(process.execPath, ['--input-type=module', '-e', prefix + WASM_TIER], {encoding: 'utf8', timeout: 30_000}).trim();

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
	bundle = fs.readFileSync(outfile, 'utf8');
	banner = bundle.split('\n')[1]!;
}, 60_000);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

describe('V8 tuning in the bundle', () => {
	it('is set first thing in kore-contacts, and only there', () => {
		expect(banner).toContain('--heap-growing-percent=20');
		expect(banner).toContain('--liftoff-only');
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

	it("keeps WebAssembly (Ink's layout engine) on its baseline compiler, where Node would move hot code to TurboFan", () => {
		// TurboFan compiling yoga's layout functions took up to 30 MiB of memory for a moment while
		// the contact list first drew; Liftoff code keeps up with typing (npm run bench).
		expect(banner).toContain('--liftoff-only');
		const heap = banner.slice(banner.indexOf('import {setFlagsFromString'));
		expect(wasmTier('')).toBe('turbofan');
		expect(wasmTier(heap)).toBe('liftoff');
	}, 60_000);

	it('is plain ASCII, so V8 holds its source in one byte per character', () => {
		// One non-ASCII character (esbuild escapes strings but not regexes) doubles the ~1 MiB
		// source string kept in memory for the whole session.
		const at = bundle.search(/[^\x00-\x7F]/);
		expect(at === -1 ? '' : bundle.slice(Math.max(0, at - 60), at + 20)).toBe('');
	});

	it('keeps the young generation at 8 MiB where Node would let it grow further', () => {
		// Only the heap part of the banner (its createRequire part needs a file URL).
		const heap = banner.slice(banner.indexOf('import {setFlagsFromString'));
		expect(youngGenerationMiB('')).toBeGreaterThan(8);
		expect(youngGenerationMiB(heap)).toBeLessThanOrEqual(8);
	}, 60_000);
});
