#!/usr/bin/env node
// Builds dist/cli.js: one minified ESM file with every dependency inside, so `npx kore-contacts`
// installs a single package and starts without resolving hundreds of modules.
// - ESM, because yoga-layout (inside Ink) uses top-level await.
// - a createRequire banner, for CommonJS dependencies that call require() on Node built-ins.
// - react-devtools-core aliased to an empty module (Ink only loads it when DEV=true).
// - process.env.NODE_ENV fixed to production (React's production build).
// - leaner stand-ins for parts of dependencies the app never runs (see `lean` below), to keep the
//   npm tarball under 350 KiB: each one is explained in its file under scripts/shims/.
// - V8 heap tuning first thing in kore-contacts' bundle, for its peak memory (see heapBanner;
//   `--no-v8-flags` leaves it out, to measure without it).
import {mkdirSync, readFileSync, writeFileSync, statSync, chmodSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {brotliCompressSync, constants as zlibConstants} from 'node:zlib';
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
const shim = name => path.join(root, 'scripts', 'shims', name);

/**
 * Exact import paths replaced in the bundle (esbuild's `alias` would also rewrite subpaths such as
 * 'undici/lib/...', which the undici shim itself imports, hence a plugin).
 * - undici: only fetch, EnvHttpProxyAgent and Dispatcher (what source/kore imports).
 * - undici's llhttp SIMD wasm: undici falls back to the plain wasm build, which stays.
 * - ofetch: createFetch alone (shims/ofetch.js); its index reads globalThis.Headers, which makes
 *   Node 20 load its own undici (~8 MiB of memory), and source/kore hands ofetch a fetch anyway.
 * - fetch-blob, formdata-polyfill and the multipart parser (from node-fetch): Node's own Blob and
 *   File, and no FormData (kore-contacts sends and reads JSON text); see their shims.
 * - undici's HTTP/2 client: undici connects with http/1.1 only unless asked (allowH2).
 * - undici's SOCKS5 proxy agent: source/kore/proxy.ts refuses SOCKS proxy URLs first.
 * - ws: only Ink's devtools polyfill imports it (DEV=true, with react-devtools-core stubbed too).
 * - semver: conf uses it only for its `migrations` option, which source/store does not use.
 * - ajv (from conf): the settings schema compiled at build time (precompile-schema.mjs); with it
 *   ajv-formats has nothing to add.
 * - cli-spinners: only the spinners Waiting.tsx uses (see spinnerModule).
 * - the WebAssembly inside yoga-layout and undici (llhttp): stored brotli-compressed (see packWasm).
 * - string-width (every version in the bundle): a fast path for Latin-1 text in front of it
 *   (shims/string-width.js), the same widths.
 * - Ink's output caches kept from one frame to the next (see shareOutputCaches).
 */
const replacements = [
	{filter: /^undici$/, path: shim('undici.js')},
	{filter: /^\.\.\/llhttp\/llhttp_simd-wasm\.js$/, path: shim('llhttp-simd.cjs')},
	{filter: /^ofetch$/, path: shim('ofetch.js')},
	{filter: /^kc-ofetch-core$/, path: ofetchCore()},
	{filter: /^fetch-blob(\/from\.js)?$/, path: shim('fetch-blob.js')},
	{filter: /^formdata-polyfill\/esm\.min\.js$/, path: shim('formdata-polyfill.js')},
	{filter: /^\.\/utils\/multipart-parser\.js$/, from: /[\\/]node-fetch[\\/]src[\\/]body\.js$/, path: shim('multipart-parser.js')},
	{filter: /^\.\/client-h2\.js$/, from: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/, path: shim('undici-client-h2.cjs')},
	{
		filter: /^\.\/socks5-proxy-agent$/,
		from: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]proxy-agent\.js$/,
		path: shim('undici-socks5.cjs'),
	},
	{filter: /^ws$/, path: stub},
	{filter: /^semver$/, path: shim('semver.js')},
	{filter: /^ajv-formats$/, path: shim('ajv-formats.js')},
];

/** The file ofetch's index imports createFetch from (its name carries a content hash). */
function ofetchCore() {
	const dist = path.join(root, 'node_modules', 'ofetch', 'dist');
	const match = /import \{ c as createFetch \} from '(\.\/shared\/ofetch\.[\w-]+\.mjs)'/.exec(
		readFileSync(path.join(dist, 'index.mjs'), 'utf8'),
	);
	if (!match)
		throw new Error('ofetchCore: node_modules/ofetch/dist/index.mjs is not the ofetch this build knows; check shims/ofetch.js.');
	return path.join(dist, match[1]);
}

/** The spinners source/editor/components/Waiting.tsx asks ink-spinner for. */
const SPINNERS = ['dots', 'line'];

/** cli-spinners with only SPINNERS in it; any other name gets the first one rather than a crash. */
function spinnerModule() {
	const all = JSON.parse(readFileSync(path.join(root, 'node_modules', 'cli-spinners', 'spinners.json'), 'utf8'));
	const kept = Object.fromEntries(SPINNERS.map(name => [name, all[name]]));
	return `const kept = ${JSON.stringify(kept)};
export default new Proxy(kept, {get: (target, name) => target[name] ?? target[${JSON.stringify(SPINNERS[0])}]});`;
}

/** What conf imports as 'ajv/dist/2020.js': a class whose compile() returns the precompiled validator. */
async function ajvModule() {
	// Loaded only when conf is in the build (not for the benchmark's reference app).
	const {precompileSchema} = await import('./shims/precompile-schema.mjs');
	const {source, schemaJson} = await precompileSchema(root);
	return `${source}
const compiledSchema = ${JSON.stringify(schemaJson)};
export class Ajv2020 {
	compile(schema) {
		if (JSON.stringify(schema) !== compiledSchema) {
			throw new Error('This build of kore-contacts has a different settings schema compiled in; rebuild it (npm run build).');
		}
		return validate20;
	}
}`;
}

/** Files holding WebAssembly as a base64 string literal. */
const YOGA_WASM = /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const LLHTTP_WASM = /[\\/]node_modules[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp-wasm\.js$/;

/** The one base64 wasm blob of a file: where it is, and its bytes brotli-compressed, as base64. */
function findWasm(file, text) {
	const matches = [...text.matchAll(/[A-Za-z\d+/]{4096,}={0,2}/g)];
	if (matches.length !== 1) throw new Error(`packWasm: expected one base64 blob in ${file}, found ${matches.length}`);
	const [blob] = matches[0];
	const wasm = Buffer.from(blob, 'base64');
	if (wasm.readUInt32BE(0) !== 0x00_61_73_6d) throw new Error(`packWasm: ${file} does not hold WebAssembly`);
	const packed = brotliCompressSync(wasm, {
		params: {[zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: wasm.length},
	}).toString('base64');
	return {start: matches[0].index, end: matches[0].index + blob.length, packed};
}

/**
 * base64 of raw wasm gzips poorly in the tarball: both blobs are stored brotli-compressed instead
 * (~20 KiB less in the tarball), and unpacked when first needed (about a millisecond).
 *
 * yoga-layout (Ink's layout engine, loaded before the first frame): emscripten's loader fetches its
 * `data:` URL with the global fetch when there is one, which makes Node load its internal undici
 * and percent-decode 120 KB (~40-100 ms). Handing the loader the bytes as `wasmBinary` skips all
 * of that, so the data URL is left empty. Every change is checked: a new yoga fails the build.
 *
 * undici's llhttp: the same base64 string as before, unpacked when undici first asks for it.
 */
function packWasm(file) {
	const text = readFileSync(file, 'utf8');
	const {start, end, packed} = findWasm(file, text);
	if (YOGA_WASM.test(file)) {
		const factory = 'loadYoga = loadYoga || {};';
		if (text.split(factory).length !== 2 || !text.includes('h.wasmBinary&&(w=h.wasmBinary)')) {
			throw new Error(`packWasm: ${file} is not the yoga-layout loader this build knows; check packWasm in scripts/build.mjs.`);
		}

		const unpacked = text.slice(0, start) + text.slice(end);
		return (
			"import {brotliDecompressSync as __kcBrotli} from 'node:zlib';\n" +
			unpacked.replace(factory, `${factory}loadYoga.wasmBinary??=__kcBrotli(Buffer.from('${packed}','base64'));`)
		);
	}

	const quote = text[end];
	if (quote !== '"' && quote !== "'") throw new Error(`packWasm: unexpected quoting in ${file}`);
	return (
		"const __kcUnpack=s=>require('node:zlib').brotliDecompressSync(Buffer.from(s,'base64')).toString('base64');\n" +
		text.slice(0, start) +
		`${quote}+__kcUnpack('${packed}')+${quote}` +
		text.slice(end)
	);
}

const INK_OUTPUT = /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/;

/**
 * Ink draws each frame into a new Output, whose caches (each line cut into styled characters,
 * text widths) start empty: every key typed into the contact filter tokenized all 24 lines again,
 * about half of Ink's work per frame. One set of caches for all frames instead, each keeping only
 * recent entries (OUTPUT_CACHE_LIMITS, two generations of them: a few frames' worth; an entry used
 * again moves to the newer one). A line's styled characters take several KiB, so the limit is
 * what bounds this cache's memory (~1 MiB). The cached values are pure functions of the text and
 * Ink only reads them, so the frames are the same. Checked: a different output.js fails the build.
 */
const OUTPUT_CACHE_LIMITS = {styledChars: 64, widths: 256, blockWidths: 128};

function shareOutputCaches(file) {
	const text = readFileSync(file, 'utf8');
	const field = '    caches = new OutputCaches();';
	if (text.split(field).length !== 2 || !text.includes('class OutputCaches {') || !text.includes('styledChars = new Map();')) {
		throw new Error(`shareOutputCaches: ${file} is not the Ink output.js this build knows; check scripts/build.mjs.`);
	}

	return `${text.replace(field, '    caches = sharedOutputCaches();')}
/** A Map for OutputCaches that keeps only recent entries: two generations of at most \`limit\` each. */
class RecentMap {
	constructor(limit) {
		this.limit = limit;
		this.current = new Map();
		this.previous = new Map();
	}
	get(key) {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.set(key, value);
		}
		return value;
	}
	set(key, value) {
		if (this.current.size >= this.limit) {
			this.previous = this.current;
			this.current = new Map();
		}
		this.current.set(key, value);
		return this;
	}
	get size() {
		return this.current.size + this.previous.size;
	}
}
let sharedCaches;
function sharedOutputCaches() {
	if (!sharedCaches) {
		sharedCaches = new OutputCaches();
		sharedCaches.styledChars = new RecentMap(${OUTPUT_CACHE_LIMITS.styledChars});
		sharedCaches.widths = new RecentMap(${OUTPUT_CACHE_LIMITS.widths});
		sharedCaches.blockWidths = new RecentMap(${OUTPUT_CACHE_LIMITS.blockWidths});
	}
	return sharedCaches;
}
`;
}

const lean = {
	name: 'lean',
	setup(build) {
		for (const {filter, from, path: target} of replacements) {
			build.onResolve({filter}, args => (from && !from.test(args.importer) ? undefined : {path: target}));
		}

		build.onResolve({filter: /^ajv\/dist\/2020\.js$/}, args =>
			/[\\/]node_modules[\\/]conf[\\/]/.test(args.importer) ? {path: 'ajv-2020', namespace: 'kc-lean'} : undefined,
		);
		build.onResolve({filter: /^cli-spinners$/}, () => ({path: 'cli-spinners', namespace: 'kc-lean'}));
		// Whichever string-width the importer would get, wrapped (the wrapper imports it by its path).
		build.onResolve({filter: /^string-width$/}, async args => {
			if (args.pluginData?.real) return undefined;
			const real = await build.resolve(args.path, {
				kind: args.kind,
				resolveDir: args.resolveDir,
				importer: args.importer,
				pluginData: {real: true},
			});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'kc-string-width'};
		});
		build.onLoad({filter: /.*/, namespace: 'kc-string-width'}, args => ({
			// The real module is evaluated on its first use (esbuild turns this require into a lazy
			// init): its Unicode regexes take tens of ms to build, and a first screen of Latin-1
			// text does not need them.
			contents: `import {narrowWidth} from ${JSON.stringify(shim('string-width.js'))};
let realStringWidth;
export default function stringWidth(text, options) {
	const narrow = narrowWidth(text, options);
	if (narrow !== undefined) return narrow;
	realStringWidth ??= require(${JSON.stringify(args.path)}).default;
	return realStringWidth(text, options);
}`,
			resolveDir: root,
			loader: 'js',
		}));
		for (const filter of [YOGA_WASM, LLHTTP_WASM])
			build.onLoad({filter}, args => ({contents: packWasm(args.path), loader: 'js'}));
		build.onLoad({filter: INK_OUTPUT}, args => ({
			contents: shareOutputCaches(args.path),
			loader: 'js',
			resolveDir: path.dirname(args.path),
		}));
		build.onLoad({filter: /.*/, namespace: 'kc-lean'}, async args => ({
			contents: args.path === 'ajv-2020' ? await ajvModule() : spinnerModule(),
			resolveDir: root,
			loader: 'js',
		}));
	},
};

/**
 * V8 heap tuning for kore-contacts itself (not for other entries such as the benchmark's reference
 * app), set first thing in the bundle: a bin cannot pass Node flags portably (`#!/usr/bin/env -S`
 * is not on every jump host) and NODE_OPTIONS belongs to the operator. Only flags that V8 reads
 * while it runs work this way (--max-semi-space-size, for one, is fixed when the heap is set up,
 * and setting it later does nothing).
 * - heap-growing-percent=20: after a full GC the old generation may grow by 20% (and V8's
 *   minimum step) before the next one, instead of up to 4× the live heap for a small heap.
 * - the young generation stops growing at YOUNG_CAP_MIB (V8 doubles it up to 32 MiB while the
 *   contact list loads): after the first scavenge that finds it at least that big,
 *   semi-space-growth-factor becomes 1. Capping it at its first size (1 MiB) instead saved a few
 *   MiB more but cost CPU per key typed in the bench (4× the scavenges; p95 went over 16 ms).
 * - liftoff-only: WebAssembly (yoga-layout, Ink's layout engine) stays on V8's baseline compiler.
 *   Otherwise the first contact list to draw makes yoga's layout functions hot, and TurboFan
 *   compiling them takes up to 30 MiB of memory for a moment, the session's peak. Typing in the
 *   filter is no slower for it (bench: keystroke p95 and CPU per key unchanged).
 * Peak RSS while browsing 2,000 contacts: ~160 -> ~120 MiB with the first two, ~110 -> ~97 MiB
 * with liftoff-only (npm run bench -- --only memory).
 */
const V8_FLAGS = '--heap-growing-percent=20 --liftoff-only';
const YOUNG_CAP_MIB = 8;
const heapBanner =
	"import {setFlagsFromString as __kcV8Flags, getHeapSpaceStatistics as __kcV8Spaces} from 'node:v8';" +
	"import {PerformanceObserver as __kcGcObserver} from 'node:perf_hooks';" +
	`__kcV8Flags(${JSON.stringify(V8_FLAGS)});` +
	'{const o=new __kcGcObserver(()=>{' +
	`if(__kcV8Spaces().find(s=>s.space_name==='new_space').space_size>=${YOUNG_CAP_MIB * 1024 * 1024}){__kcV8Flags('--semi-space-growth-factor=1');o.disconnect();}` +
	"});o.observe({entryTypes:['gc']});}";
const tuneHeap = entry === path.join(root, 'source', 'cli.tsx') && !process.argv.includes('--no-v8-flags');

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
	alias: {'react-devtools-core': stub},
	plugins: [lean],
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js:
			"import {createRequire as __kcCreateRequire} from 'node:module';const require=__kcCreateRequire(import.meta.url);" +
			(tuneHeap ? heapBanner : ''),
	},
	logLevel: 'warning',
});

chmodSync(outfile, 0o755);
if (process.argv.includes('--meta')) {
	writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
}

const kib = (statSync(outfile).size / 1024).toFixed(0);
// stderr: `npm pack --json` runs this as prepack, and its stdout must stay pure JSON.
console.error(`built ${path.relative(root, outfile)} (${kib} KiB)`);
