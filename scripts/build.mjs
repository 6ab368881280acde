#!/usr/bin/env node
// Builds dist/cli.js: one minified ESM file with every dependency inside, so `npx kore-contacts`
// installs a single package and starts without resolving hundreds of modules. Dependencies are
// bundled as published; only what a single file needs is set here:
// - ESM, because yoga-layout (inside Ink) uses top-level await.
// - a createRequire banner, for CommonJS dependencies that call require() on Node built-ins.
// - react-devtools-core and ws aliased to an empty module: only Ink's devtools (DEV=true) load them.
// - process.env.NODE_ENV fixed to production (React's production build).
// - ofetch's platform-neutral entry: its Node entry adds node-fetch-native (a bundled node-fetch for
//   Nodes without fetch), which kore-contacts never uses: it hands ofetch the fetch to call.
import {chmodSync, mkdirSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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
	// --no-minify: readable names, for profiling (node --cpu-prof) only.
	minify: !process.argv.includes('--no-minify'),
	legalComments: 'none',
	metafile: true,
	write: false,
	alias: {'react-devtools-core': stub, ws: stub, ofetch: path.join(root, 'node_modules', 'ofetch', 'dist', 'index.mjs')},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __kcCreateRequire} from 'node:module';const require=__kcCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});

// Written aside and renamed over the old bundle: a test or a second build running meanwhile reads
// either the old file or the new one, never half of one (npm pack rebuilds while tests run).
const [output] = result.outputFiles;
const temporary = `${outfile}.${process.pid}.tmp`;
writeFileSync(temporary, output.contents);
chmodSync(temporary, 0o755);
renameSync(temporary, outfile);
if (process.argv.includes('--meta')) {
	writeFileSync(path.join(path.dirname(outfile), 'meta.json'), JSON.stringify(result.metafile));
}

// stderr: `npm pack --json` runs this as prepack, and its stdout must stay pure JSON.
console.error(`built ${path.relative(root, outfile)} (${(output.contents.length / 1024).toFixed(0)} KiB)`);
