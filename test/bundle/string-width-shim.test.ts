// The bundle's fast path in front of string-width (scripts/shims/string-width.js) must give the
// same width as every string-width version it stands in front of.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
// @ts-expect-error plain JavaScript without types
import {NARROW_PATTERN, narrowWidth} from '../../scripts/shims/string-width.js';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

/** Every string-width in node_modules (the bundle wraps whichever one an importer resolves). */
async function versions(): Promise<Array<[string, Width]>> {
	const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');
	const files = [path.join(root, 'string-width', 'index.js')];
	for (const entry of fs.readdirSync(root)) {
		const nested = path.join(root, entry, 'node_modules', 'string-width', 'index.js');
		if (fs.existsSync(nested)) files.push(nested);
	}

	const found: Array<[string, Width]> = [];
	for (const file of files) {
		const {version} = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'package.json'), 'utf8')) as {version: string};
		const module = (await import(pathToFileURL(file).href)) as {default: Width};
		found.push([`string-width ${version} (${path.relative(root, file)})`, module.default]);
	}

	return found;
}

/** Every character the fast path accepts. */
function narrowCharacters(): string[] {
	const characters: string[] = [];
	for (let code = 0; code <= 0xffff; code++) {
		const character = String.fromCharCode(code);
		if ((NARROW_PATTERN as RegExp).test(character)) characters.push(character);
	}

	return characters;
}

describe('string-width fast path', () => {
	it('each accepted character is one column wide in every version', async () => {
		const characters = narrowCharacters();
		expect(characters.length).toBeGreaterThan(300);
		const all = await versions();
		expect(all.length).toBeGreaterThanOrEqual(1);
		for (const [name, width] of all) {
			const wrong = characters.filter(character => width(character) !== 1);
			expect(wrong, name).toEqual([]);
		}
	});

	it('gives the same width as string-width for contact rows, hints and random text', async () => {
		const characters = narrowCharacters();
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};

		const samples = [
			'',
			'Zoë Brontë           · +44 7700900123       · 65b7b3e6d745a7c0c7e80e01',
			'↑↓ move · Enter open · Esc back — Ctrl+C quit',
			'Look up contact ID 65b7… on the server',
			...Array.from({length: 300}, () =>
				Array.from({length: 1 + Math.floor(random() * 80)}, () => characters[Math.floor(random() * characters.length)]).join(''),
			),
		];
		for (const [name, width] of await versions()) {
			for (const sample of samples) {
				expect(narrowWidth(sample) ?? width(sample), `${name}: ${JSON.stringify(sample)}`).toBe(width(sample));
			}
		}
	});

	it('leaves everything else to string-width: wide, zero-width, escape codes, © ®, ambiguous as wide', () => {
		for (const text of ['王小明', 'e\u0301', 'a\u00ADb', '\u001B[31mred\u001B[39m', '©', '®', '✔ done', 'tab\there', '👍']) {
			expect(narrowWidth(text), JSON.stringify(text)).toBeUndefined();
		}

		expect(narrowWidth('· wide', {ambiguousIsNarrow: false})).toBeUndefined();
		expect(narrowWidth('plain', {})).toBe(5);
	});
});
