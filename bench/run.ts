/**
 * `npm run bench` (after `node scripts/build.mjs`): the figures of issues 6, 11 and 14, measured on the
 * built bundle (dist/cli.js) and on a minimal Ink app bundled the same way (.bench/reference.js),
 * and the size of the npm tarball.
 * Prints a table with each figure and its target, the machine, and writes .bench/results.json.
 *
 *   --runs N     first-frame runs per app (default 7, at least 5)
 *   --check      exit 1 when a target is missed (default: exit 0; only a broken bench fails)
 *   --only memory  only what the memory figure needs: the first frames (the reference app's RSS;
 *                the first-frame figure comes with them), the browse session (peak RSS, and the
 *                keystroke latency and CPU per key with it) and the reference list session; no demo
 *                session, in-process keys or requests
 *   --bundle FILE  measure this bundle instead of dist/cli.js (not rebuilt), e.g. a variant build
 *   --out DIR    where the reference app, harness and results.json go (default .bench)
 *
 * For profiling the browse session's editor (bench/terminal.ts): KC_NODE_ARGS adds Node flags
 * (e.g. "--cpu-prof"), KC_WRAP runs it under a command (e.g. "heaptrack -o /tmp/kc"; the memory
 * figure then measures that command, not the editor).
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {hasScript} from './pty.js';
import {measureBulk} from './bulk.js';
import {measureFind} from './find.js';
import {measureRequests} from './requests.js';
import {
	browseSession,
	demoSession,
	firstFrame,
	FIRST_SCREEN,
	listSessionPeakRss,
	type DemoSession,
	type FirstFrame,
} from './terminal.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const option = (name: string): string | undefined => {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
};

const out = path.resolve(option('--out') ?? path.join(root, '.bench'));
const bundle = path.resolve(option('--bundle') ?? path.join(root, 'dist', 'cli.js'));
const only = option('--only');
if (only !== undefined && only !== 'memory') throw new Error(`--only ${only}: the only part that runs alone is "memory".`);
const memoryOnly = only === 'memory';
const reference = path.join(out, 'reference.js');
/** The reference app after opening a settings folder as kore-contacts does: the floor under the first-frame target. */
const referenceSettings = path.join(out, 'reference-settings.js');
/** The reference app in a list session like the browse: the floor under the memory target. */
const referenceList = path.join(out, 'reference-list.js');
/** Frames the reference list session draws (100 ms apart): about as long as the browse session. */
const LIST_TICKS = 120;
const harness = path.join(out, 'keystrokes.js');
const CONTACTS = 2000;
/** Peak RSS of the browse session at most this many times the reference app's. */
const MEMORY_TARGET = 2;
const TARBALL_LIMIT_KIB = 600;

const runsArgument = process.argv.indexOf('--runs');
const runs = Math.max(5, runsArgument === -1 ? 7 : Number(process.argv[runsArgument + 1]) || 7);

type Figure = {
	figure: string;
	measured: string;
	target: string;
	/** undefined: no target, or not measurable here. */
	ok: boolean | undefined;
	note?: string;
};

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function build(args: string[]): void {
	execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), ...args], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		node: process.version,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		memory: mib(os.totalmem()),
		loadAverage: os.loadavg().map(load => Number(load.toFixed(2))),
	};
}

type FirstFrames = {demo: FirstFrame[]; reference: FirstFrame[]; settings: FirstFrame[]};

async function measureFirstFrames(): Promise<FirstFrames> {
	// One unmeasured start each: the file cache is warm for all three.
	await firstFrame(reference, [], FIRST_SCREEN.reference);
	await firstFrame(referenceSettings, [], FIRST_SCREEN.reference);
	await firstFrame(bundle, ['--demo'], FIRST_SCREEN.demo);
	const frames: FirstFrames = {demo: [], reference: [], settings: []};
	// Interleaved, so all see the same machine load.
	for (let run = 0; run < runs; run++) {
		frames.reference.push(await firstFrame(reference, [], FIRST_SCREEN.reference));
		frames.settings.push(await firstFrame(referenceSettings, [], FIRST_SCREEN.reference));
		frames.demo.push(await firstFrame(bundle, ['--demo'], FIRST_SCREEN.demo));
	}

	return frames;
}

/** The reference app's list session against its first frame, and how far the browse is above it. */
function listFloor(listRss: number | undefined, referenceRss: number, browseRss: number): Figure {
	const rss = listRss ?? Number.NaN;
	return {
		figure: 'memory: reference app after a list session',
		measured: `${mib(rss)} = ${(rss / referenceRss).toFixed(2)}× reference`,
		target: '—',
		ok: undefined,
		note: `the floor under the 2× target: the reference app drawing 2,000 rows arriving 50 at a time, then a moving highlight, ${LIST_TICKS} frames 100 ms apart (V8 grows its young generation to its maximum here too); the browse holds ${mib(browseRss - rss)} more`,
	};
}

/** The reference app with the settings opened first, against the reference app alone. */
function settingsFloor(frames: FirstFrames): Figure {
	const wall = median(frames.settings.map(frame => frame.ms)) / median(frames.reference.map(frame => frame.ms));
	const cpu =
		median(frames.settings.map(frame => frame.cpuMs ?? Number.NaN)) /
		median(frames.reference.map(frame => frame.cpuMs ?? Number.NaN));
	return {
		figure: 'first frame, reference app + opening the settings',
		measured: `${ms(median(frames.settings.map(frame => frame.ms)))} = ${wall.toFixed(2)}× reference`,
		target: '—',
		ok: undefined,
		note: `the floor under the 1.2× target: the same app after source/store/config.ts opens a settings folder (conf with its schema), which kore-contacts does before any screen; CPU time ${cpu.toFixed(2)}×`,
	};
}

type InProcessKeys = {loaded: number; samples: number[]; cpu: number[]; peakRss?: number};

function measureKeysInProcess(): InProcessKeys {
	build(['--entry', path.join(root, 'bench', 'keystroke-harness.tsx'), '--outfile', harness]);
	const output = execFileSync(process.execPath, [harness, '--contacts', String(CONTACTS)], {
		cwd: root,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return JSON.parse(output.trim().split('\n').at(-1)!) as InProcessKeys;
}

/** The npm tarball's size in bytes (the bundle just built: npm's prepack build is not run again). */
function tarballBytes(): number {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8'});
	const [packed] = JSON.parse(output.slice(output.indexOf('['))) as Array<{size: number}>;
	return packed!.size;
}

async function main(): Promise<number> {
	const started = performance.now();
	if (!hasScript()) {
		console.error('The benchmark needs util-linux `script` for its pseudo-terminal (apt-get install bsdutils / util-linux).');
		return 2;
	}

	fs.mkdirSync(out, {recursive: true});
	if (!fs.existsSync(bundle)) build([]);
	build(['--entry', path.join(root, 'bench', 'reference-app', 'app.tsx'), '--outfile', reference]);
	build(['--entry', path.join(root, 'bench', 'reference-app', 'with-settings.tsx'), '--outfile', referenceSettings]);
	build(['--entry', path.join(root, 'bench', 'reference-app', 'with-list.tsx'), '--outfile', referenceList]);
	const host = machine();
	console.log(
		`kore-contacts benchmarks · ${host.cpu} · ${host.cores} cores · Node ${host.node} · load ${host.loadAverage.join(' ')}`,
	);

	let step = performance.now();
	const frames = await measureFirstFrames();
	const demoFrame = median(frames.demo.map(frame => frame.ms));
	const referenceFrame = median(frames.reference.map(frame => frame.ms));
	console.log(`  first frame: ${runs} runs each (${elapsed(step)})`);

	step = performance.now();
	// The editor against a 2,000-contact sandbox in this process: keystrokes and memory are the editor's own.
	const browse: DemoSession = await browseSession(bundle, CONTACTS);
	console.log(`  browse session: ${browse.loaded} of ${browse.total} contacts browsed (${elapsed(step)})`);
	step = performance.now();
	const listRss = await listSessionPeakRss(referenceList, LIST_TICKS);
	console.log(`  reference list session: ${LIST_TICKS} frames (${elapsed(step)})`);

	const keys = browse.samples;
	const p50 = percentile(keys, 50);
	const p95 = percentile(keys, 95);
	if (memoryOnly) return printMemoryOnly(frames, browse, listRss);

	step = performance.now();
	// The demo as shipped (its sandbox in the same process, with the demo's own contacts): for comparison.
	const session: DemoSession = await demoSession(bundle, CONTACTS);
	console.log(`  demo session: ${session.loaded} of ${session.total} contacts browsed (${elapsed(step)})`);

	step = performance.now();
	const inProcess = measureKeysInProcess();
	console.log(`  keystrokes in process: ${inProcess.loaded} contacts (${elapsed(step)})`);

	step = performance.now();
	const requests = await measureRequests();
	console.log(`  requests (${elapsed(step)})`);
	step = performance.now();
	const finding = await measureFind(bundle);
	console.log(`  find requests (${elapsed(step)})`);
	step = performance.now();
	const batch = await measureBulk(bundle);
	console.log(`  bulk batch (${elapsed(step)})`);
	const tarball = tarballBytes();

	const referenceRss = median(frames.reference.map(frame => frame.peakRss ?? 0));
	const browseRss = browse.peakRss ?? 0;
	const demoRss = session.peakRss ?? 0;
	const frameRatio = demoFrame / referenceFrame;
	const demoCpu = median(frames.demo.map(frame => frame.cpuMs ?? Number.NaN));
	const referenceCpu = median(frames.reference.map(frame => frame.cpuMs ?? Number.NaN));
	const memoryRatio = browseRss / referenceRss;
	const cpuPerKey = browse.cpuPerKey === undefined ? 'unknown' : ms(browse.cpuPerKey);

	const figures: Figure[] = [
		{
			figure: 'first frame, --demo vs reference app',
			measured: `${ms(demoFrame)} / ${ms(referenceFrame)} = ${frameRatio.toFixed(2)}×`,
			target: '≤ 1.2×',
			ok: frameRatio <= 1.2,
			note: `median of ${runs} runs each, 80×24 pty; CPU time until the frame ${ms(demoCpu)} / ${ms(referenceCpu)} = ${(demoCpu / referenceCpu).toFixed(2)}× (10 ms ticks; less sensitive to load than the wall clock)`,
		},
		settingsFloor(frames),
		{
			figure: 'keystroke latency p50',
			measured: ms(p50),
			target: '—',
			ok: undefined,
			note: `pty, kore-contacts --profile against a ${browse.total.toLocaleString('en')}-contact sandbox in the bench process, ${browse.loaded.toLocaleString('en')} loaded; key written -> the frame showing the filter text with that key read back; editor CPU time per key ${cpuPerKey} (average)`,
		},
		{figure: 'keystroke latency p95', measured: ms(p95), target: '< 16 ms', ok: p95 < 16, note: `${keys.length} keys`},
		{
			figure: `keystroke latency p50 / p95, pty demo (${session.loaded} contacts)`,
			measured: `${ms(percentile(session.samples, 50))} / ${ms(percentile(session.samples, 95))}`,
			target: '—',
			ok: undefined,
			note: `for comparison: the demo as shipped, its sandbox in the same process${session.total === CONTACTS ? '' : ` (it ignores KORE_CONTACTS_DEMO_CONTACTS: ${session.total} contacts)`}; CPU time per key ${session.cpuPerKey === undefined ? 'unknown' : ms(session.cpuPerKey)}`,
		},
		{
			figure: `keystroke work in process (${inProcess.loaded} contacts)`,
			measured: `${ms(percentile(inProcess.cpu, 50))} / ${ms(percentile(inProcess.cpu, 95))}`,
			target: '—',
			ok: undefined,
			note: 'CPU time per key p50 / p95, ContactScreen alone under ink-testing-library (debug mode: every render drawn, no throttle)',
		},
		...requests.flatMap((count): Figure[] => [
			{
				figure: `requests: find + save at position ${count.position.toLocaleString('en')}`,
				measured: `${count.total} (${count.find} + ${count.save})`,
				target: `≤ ${count.target}`,
				ok: count.total <= count.target,
			},
			{
				figure: `requests: find it again (position ${count.position.toLocaleString('en')})`,
				measured: String(count.findAgain),
				target: '0',
				ok: count.findAgain === 0,
			},
		]),
		{
			figure: 'find a contact seen before from a new process: requests',
			measured: `${finding.findAgain} (first process: ${finding.firstFind})`,
			target: '≤ 2',
			ok: finding.findAgain <= 2,
			note: `kore-contacts get twice, position ${finding.position.toLocaleString('en')} of ${finding.contacts.toLocaleString('en')}; the second reads the page the locator remembers`,
		},
		{
			figure: `search all of ${finding.contacts.toLocaleString('en')}: requests`,
			measured: String(finding.search),
			target: `= ${finding.searchTarget}`,
			ok: finding.search === finding.searchTarget,
			note: 'kore-contacts find, no match (every page read)',
		},
		...bulkFigures(batch),
		{
			figure: `memory: peak RSS, ${browse.loaded.toLocaleString('en')}-contact browse vs reference`,
			measured: `${mib(browseRss)} / ${mib(referenceRss)} = ${memoryRatio.toFixed(2)}×`,
			target: `≤ ${MEMORY_TARGET}×`,
			ok: memoryRatio <= MEMORY_TARGET,
			note: `the browse session above (sandbox outside the editor's process): after browsing ${mib(browse.peakRssAfterBrowsing ?? 0)}, after typing ${mib(browseRss)}; demo (its sandbox inside, ${session.loaded} contacts): at its first frame ${mib(median(frames.demo.map(frame => frame.peakRss ?? 0)))}, after browsing ${mib(session.peakRssAfterBrowsing ?? 0)}, after typing ${mib(demoRss)} = ${(demoRss / referenceRss).toFixed(2)}×`,
		},
		listFloor(listRss, referenceRss, browseRss),
		{
			figure: 'npm tarball',
			measured: `${(tarball / 1024).toFixed(1)} KiB`,
			target: `≤ ${TARBALL_LIMIT_KIB} KiB`,
			ok: tarball <= TARBALL_LIMIT_KIB * 1024,
			note: `npm pack --dry-run of this checkout; dist/cli.js itself ${(fs.statSync(path.join(root, 'dist', 'cli.js')).size / 1024).toFixed(0)} KiB`,
		},
	];

	printTable(figures);
	const results = {
		date: new Date().toISOString(),
		machine: host,
		durationSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
		figures,
		raw: {
			firstFrame: {
				runs,
				demoMs: frames.demo.map(f => f.ms),
				referenceMs: frames.reference.map(f => f.ms),
				referenceWithSettingsMs: frames.settings.map(f => f.ms),
				demoMedianMs: demoFrame,
				referenceMedianMs: referenceFrame,
				ratio: frameRatio,
				demoPeakRssAtFirstFrame: median(frames.demo.map(f => f.peakRss ?? 0)),
				demoCpuMs: frames.demo.map(f => f.cpuMs),
				referenceCpuMs: frames.reference.map(f => f.cpuMs),
			},
			keystrokes: {
				mode: 'pty',
				contacts: browse.loaded,
				samplesMs: keys,
				p50Ms: p50,
				p95Ms: p95,
				cpuPerKeyMs: browse.cpuPerKey,
				ptyDemoSamplesMs: session.samples,
				ptyDemoContacts: session.loaded,
				ptyDemoCpuPerKeyMs: session.cpuPerKey,
				inProcessSamplesMs: inProcess.samples,
				inProcessCpuMs: inProcess.cpu,
				inProcessPeakRss: inProcess.peakRss,
			},
			requests,
			find: finding,
			bulk: batch,
			tarballBytes: tarball,
			memory: {
				browsePeakRss: browseRss,
				browsePeakRssAfterBrowsing: browse.peakRssAfterBrowsing,
				browseContacts: browse.loaded,
				demoPeakRss: demoRss,
				demoPeakRssAfterBrowsing: session.peakRssAfterBrowsing,
				demoContacts: session.loaded,
				referencePeakRss: referenceRss,
				referencePeakRssRuns: frames.reference.map(f => f.peakRss),
				ratio: memoryRatio,
				referenceListSessionPeakRss: listRss,
			},
		},
	};
	fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, undefined, '\t')}\n`);
	console.log(
		`\nwritten .bench/results.json · ${elapsed(started)} · load ${os
			.loadavg()
			.map(load => load.toFixed(2))
			.join(' ')} now`,
	);
	const missed = figures.filter(figure => figure.ok === false);
	return process.argv.includes('--check') && missed.length > 0 ? 1 : 0;
}

/** `--only memory`: the memory figure with the first-frame and keystroke figures measured alongside it. */
function printMemoryOnly(frames: FirstFrames, browse: DemoSession, listRss: number | undefined): number {
	const demoFrame = median(frames.demo.map(frame => frame.ms));
	const referenceFrame = median(frames.reference.map(frame => frame.ms));
	const demoCpu = median(frames.demo.map(frame => frame.cpuMs ?? Number.NaN));
	const referenceCpu = median(frames.reference.map(frame => frame.cpuMs ?? Number.NaN));
	const referenceRss = median(frames.reference.map(frame => frame.peakRss ?? 0));
	const browseRss = browse.peakRss ?? 0;
	const p95 = percentile(browse.samples, 95);
	const figures: Figure[] = [
		{
			figure: `memory: peak RSS, ${browse.loaded.toLocaleString('en')}-contact browse vs reference`,
			measured: `${mib(browseRss)} / ${mib(referenceRss)} = ${(browseRss / referenceRss).toFixed(2)}×`,
			target: `≤ ${MEMORY_TARGET}×`,
			ok: browseRss / referenceRss <= MEMORY_TARGET,
			note: `after browsing ${mib(browse.peakRssAfterBrowsing ?? 0)}; --demo at its first frame ${mib(median(frames.demo.map(frame => frame.peakRss ?? 0)))}`,
		},
		listFloor(listRss, referenceRss, browseRss),
		{
			figure: 'first frame, --demo vs reference app',
			measured: `${ms(demoFrame)} / ${ms(referenceFrame)} = ${(demoFrame / referenceFrame).toFixed(2)}×`,
			target: '≤ 1.2×',
			ok: demoFrame / referenceFrame <= 1.2,
			note: `CPU time until the frame ${ms(demoCpu)} / ${ms(referenceCpu)} = ${(demoCpu / referenceCpu).toFixed(2)}×`,
		},
		settingsFloor(frames),
		{
			figure: 'keystroke latency p50 / p95',
			measured: `${ms(percentile(browse.samples, 50))} / ${ms(p95)}`,
			target: 'p95 < 16 ms',
			ok: p95 < 16,
			note: `editor CPU time per key ${browse.cpuPerKey === undefined ? 'unknown' : ms(browse.cpuPerKey)} (average)`,
		},
	];
	printTable(figures);
	fs.writeFileSync(
		path.join(out, 'memory.json'),
		`${JSON.stringify({date: new Date().toISOString(), bundle, figures, frames, browse}, undefined, '\t')}\n`,
	);
	const missed = figures.filter(figure => figure.ok === false);
	return process.argv.includes('--check') && missed.length > 0 ? 1 : 0;
}

function printTable(figures: Figure[]): void {
	const header = ['figure', 'measured', 'target', ''];
	const rows = figures.map(f => [f.figure, f.measured, f.target, f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED']);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column]!))
			.join('  ')
			.trimEnd();
	console.log(`\n${line(header)}\n${widths.map(width => '─'.repeat(width)).join('  ')}`);
	for (const row of rows) console.log(line(row));
	const notes = figures.filter(f => f.note);
	if (notes.length > 0) console.log('');
	for (const f of notes) console.log(`  ${f.figure}: ${f.note}`);
}

process.exitCode = await main();

/** The 200-row batch of issue 14: lookup, every request, wall time against the 60/min budget, resume, undo. */
function bulkFigures(b: Awaited<ReturnType<typeof measureBulk>>): Figure[] {
	const pages = Math.ceil(b.contacts / 50);
	const chunks = Math.ceil(b.rows / 50);
	const total = b.spread.lists + b.spread.puts;
	return [
		{
			figure: `${b.rows}-row batch: lookup list requests + bulk PUTs`,
			measured: `${b.spread.lookup} + ${b.spread.puts}`,
			target: `${pages} + ${chunks} = ${b.target}`,
			ok: b.spread.lookup <= pages && b.spread.puts === chunks,
			note: `kore-contacts bulk --yes, a row on every 10th contact of ${b.contacts.toLocaleString('en')} (every page holds rows)`,
		},
		{
			figure: `${b.rows}-row batch: all requests, wall time`,
			measured: `${total} (${b.spread.lists} list + ${b.spread.puts} PUT), ${(b.spread.ms / 1000).toFixed(1)} s`,
			target: `60/min: ${total} s`,
			ok: b.spread.ms <= (total + 15) * 1000,
			note: `besides the lookup, each chunk's pages are read just before its PUT (conflict check) and after it (verification), as a single update reads its contact; exit ${b.spread.code}`,
		},
		{
			figure: 'batch interrupted (first chunk unanswered), then --resume: records sent',
			measured: `${b.recordsSent} (${b.interrupted.records} + ${b.resumed.records})`,
			target: `= ${b.rows}`,
			ok: b.recordsSent === b.rows && b.interrupted.code === 1 && b.resumed.code === 0,
			note: `rows on ${chunks} neighbouring pages; bulkTimeout fault, --timeout 2; resume: ${b.resumed.lists} list + ${b.resumed.puts} PUT in ${(b.resumed.ms / 1000).toFixed(1)} s`,
		},
		{
			figure: 'undo --batch of it: contacts restored',
			measured: `${b.restored}`,
			target: `= ${b.rows}`,
			ok: b.restored === b.rows && b.undo.code === 0,
			note: `${b.undo.lists} list + ${b.undo.puts} PUT in ${(b.undo.ms / 1000).toFixed(1)} s`,
		},
	];
}
