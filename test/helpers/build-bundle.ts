/**
 * vitest's globalSetup: builds dist/cli.js from the current source before any test runs, so the
 * CLI and terminal tests exercise what npx runs, never a bundle older than the code. Skipped when
 * KORE_CONTACTS_BIN names the CLI to test (e.g. an extracted tarball).
 */
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export default function buildBundle(): void {
	if (process.env['KORE_CONTACTS_BIN']) return;
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
	execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: 'inherit'});
}
