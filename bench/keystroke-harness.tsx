/**
 * Keystroke latency in process, for when the demo cannot be seeded with 2,000 contacts: the
 * editor's contact browser (ContactScreen, the real reducer and contexts) rendered with
 * ink-testing-library, the list loaded from an in-process sandbox with `--contacts` contacts.
 * Each key is written to Ink's stdin and timed until the last frame changes.
 *
 * bench/run.ts bundles this file like the app (scripts/build.mjs --entry, so React's production
 * build), runs it in its own process and reads one JSON line from stdout:
 * {loaded, samples: number[] (ms), cpu: number[] (ms of this process's CPU time per key, which
 * a busy machine does not inflate), peakRss (bytes)}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {useReducer} from 'react';
import {render} from 'ink-testing-library';
import type {EditorServices} from '../source/editor/services.js';
import {flowReducer, initialFlowState, type FlowState} from '../source/editor/state/flow.js';
import {EditorContext, type EditorContextValue} from '../source/editor/hooks/use-editor.js';
import {ContactScreen} from '../source/editor/screens/ContactScreen.js';
import {createTheme, ThemeContext} from '../source/editor/theme.js';
import {createKoreClient} from '../source/kore/client.js';
import {startSandbox} from '../source/sandbox/index.js';
import {openStore} from '../source/store/config.js';
import {FILTER_KEYS} from './keys.js';

const argument = (name: string, fallback: number) => {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
};

const contactCount = argument('--contacts', 2000);
const pauseMs = argument('--pause', 40);
const COLUMNS = 80;
const ROWS = 24;

function Screen({
	initial,
	services,
	client,
}: {
	initial: FlowState;
	services: EditorServices;
	client: EditorContextValue['client'];
}) {
	const [state, dispatch] = useReducer(flowReducer, initial);
	const value: EditorContextValue = {
		state,
		dispatch,
		services,
		client,
		size: {columns: COLUMNS, rows: ROWS},
		bodyRows: ROWS - 2,
		active: true,
		confirmQuit: false,
		wait: undefined,
		streamInput: undefined,
		setStreamInput() {},
		setPendingInput() {},
	};
	return (
		<ThemeContext.Provider value={createTheme({color: true})}>
			<EditorContext.Provider value={value}>
				<ContactScreen />
			</EditorContext.Provider>
		</ThemeContext.Provider>
	);
}

const sleep = async (ms: number) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});
const turn = async () =>
	new Promise(resolve => {
		setImmediate(resolve);
	});

const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
const sandbox = await startSandbox({contactCount, rateLimitPerMinute: 0, port: 0});
try {
	const credentials = {
		host: sandbox.url,
		accountId: sandbox.accountId,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
	};
	const client = createKoreClient({...credentials, maxRequestsPerMinute: 100_000});
	const services: EditorServices = {
		store: openStore({configDir, env: {}}),
		env: {},
		color: true,
		createClient: () => client,
	};

	// The browse list with every contact loaded, page by page as the screen would load them.
	const first = await client.listContacts(sandbox.streamId, {skip: 0, limit: 50});
	let state = flowReducer(initialFlowState({session: {profileName: 'bench', credentials, protected: false}}), {
		type: 'stream-ready',
		streamId: sandbox.streamId,
		page: first,
	});
	while (state.list?.hasMore) {
		const page = await client.listContacts(sandbox.streamId, {skip: state.list.nextSkip, limit: 50});
		state = flowReducer(state, {type: 'page-loaded', page});
	}

	const loaded = state.list?.contacts.length ?? 0;
	const app = render(<Screen initial={state} services={services} client={client} />);
	await sleep(100);
	const samples: number[] = [];
	const cpu: number[] = [];
	for (const key of FILTER_KEYS) {
		await sleep(pauseMs);
		const before = app.lastFrame();
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		app.stdin.write(key);
		while (app.lastFrame() === before) {
			if (performance.now() - start > 5000) throw new Error(`No new frame within 5 s after ${JSON.stringify(key)}.`);
			await turn();
		}

		samples.push(performance.now() - start);
		const used = process.cpuUsage(cpuStart);
		cpu.push((used.user + used.system) / 1000);
	}

	app.unmount();
	const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
	process.stdout.write(`${JSON.stringify({loaded, samples, cpu, peakRss: hwm ? Number(hwm[1]) * 1024 : undefined})}\n`);
} finally {
	await sandbox.close();
	fs.rmSync(configDir, {recursive: true, force: true});
}

process.exit(0);
