#!/usr/bin/env node
// Builds dist/cli.js: one minified ESM file with every dependency inside, so `npx kore-contacts`
// installs a single package and starts without resolving hundreds of modules.
// - ESM, because yoga-layout (inside Ink) uses top-level await.
// - a createRequire banner, for CommonJS dependencies that call require() on Node built-ins.
// - react-devtools-core aliased to an empty module (Ink only loads it when DEV=true).
// - process.env.NODE_ENV fixed to production (React's production build).
import {mkdirSync, writeFileSync, statSync, chmodSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// `--entry FILE --outfile FILE` builds another entry the same way (the benchmark's reference app).
const argument = (name, fallback) => {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : path.resolve(process.argv[index + 1]);
};

const entry = argument('--entry', path.join(root, 'source', 'cli.tsx'));
const outfile = argument('--outfile', path.join(root, 'dist', 'cli.js'));
const stub = path.join(root, 'scripts', 'empty-module.js');

mkdirSync(path.dirname(outfile), {recursive: true});

const result = await build({
	entryPoints: [entry],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	metafile: true,
	alias: {'react-devtools-core': stub},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __kcCreateRequire} from 'node:module';const require=__kcCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});

chmodSync(outfile, 0o755);
if (process.argv.includes('--meta')) {
	writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
}

const kib = (statSync(outfile).size / 1024).toFixed(0);
console.log(`built ${path.relative(root, outfile)} (${kib} KiB)`);
