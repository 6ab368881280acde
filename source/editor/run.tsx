/**
 * Starts the interactive editor: checks the terminal, decides colour, prepares demo mode, renders
 * <Editor/> with Ink and resolves with the exit code.
 *
 * Ink (and chalk, and is-in-ci) are imported lazily, after the environment is fixed up: is-in-ci
 * reads CI once, when it is first imported, and a CI variable would make Ink draw only the last
 * frame (a blank editor). Ink 6.8 has no render option to override that. So nothing on the way to
 * runEditor may import ink statically (source/cli.tsx imports this file, not the editor).
 */
import {rmSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type React from 'react';
import {useEffect, useState} from 'react';
import type {KoreCredentials} from '../kore/types.js';
import {noColorRequested} from '../output/color.js';
import type {Store} from '../store/types.js';
import type {EditorServices} from './editor.js';

export type RunEditorOptions = {
	demo: boolean;
	profile?: string;
	resume?: boolean;
	/** Time limit per request (`--timeout`); the client's default otherwise. */
	timeoutMs?: number;
	/** Default process.env. */
	env?: NodeJS.ProcessEnv;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WritableStream;
};

export const NOT_A_TTY_MESSAGE =
	'kore-contacts needs an interactive terminal for the editor; for scripts use the plain commands: kore-contacts update --help';

export const DEMO_BANNER = 'DEMO — a built-in sandbox on 127.0.0.1, nothing real is changed';

export const DEMO_PROFILE = 'demo';

/** Demo mode seeds this many contacts when set (a positive whole number; the bench uses 2000). */
export const DEMO_CONTACTS_VARIABLE = 'KORE_CONTACTS_DEMO_CONTACTS';

/** More would make the demo slow to start for no use. */
export const MAX_DEMO_CONTACTS = 100_000;

/**
 * The demo's contact count from KORE_CONTACTS_DEMO_CONTACTS: undefined (unset or empty: the
 * sandbox's default), a positive whole number, or one sentence saying what to set instead.
 */
export function demoContactCount(env: NodeJS.ProcessEnv): {ok: true; count?: number} | {ok: false; message: string} {
	const raw = (env[DEMO_CONTACTS_VARIABLE] ?? '').trim();
	if (raw === '') return {ok: true};
	const count = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isSafeInteger(count) || count < 1 || count > MAX_DEMO_CONTACTS) {
		const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
		return {
			ok: false,
			message: `${DEMO_CONTACTS_VARIABLE} must be a whole number from 1 to ${MAX_DEMO_CONTACTS} (how many contacts the demo seeds), not "${shown.replace(/[^\x20-\x7e]/g, '?')}": correct it or unset it.`,
		};
	}

	return {ok: true, count};
}

/** Exit codes for the hang-up and terminate signals (128 + signal number). */
const SIGNAL_CODES = {SIGHUP: 129, SIGTERM: 143} as const;

/** Variables that make is-in-ci (and so Ink) think it runs in CI. */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'];

/** Variables that would point demo mode at a real account or a real settings folder. */
const DEMO_HIDDEN_VARIABLES = [
	'KORE_HOST',
	'KORE_ACCOUNT_ID',
	'KORE_CLIENT_ID',
	'KORE_CLIENT_SECRET',
	'KORE_PROFILE',
	'KORE_CONTACTS_CONFIG_DIR',
];

/** Proxy variables: demo mode talks to 127.0.0.1 directly. */
const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];

/** Both ends must be a terminal, and stdin must be able to switch to raw mode (Ink throws otherwise). */
export function isInteractive(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): boolean {
	return stdin.isTTY === true && typeof stdin.setRawMode === 'function' && stdout.isTTY === true;
}

/**
 * Colour is off when NO_COLOR is set and not empty (no-color.org; the same rule as the plain
 * commands, source/output/color.ts), TERM is "dumb", or the terminal reports no colours. CI
 * variables are left out of the terminal's answer: they say nothing about the terminal the
 * operator sits at. Node's own hasColors() treats an empty NO_COLOR as set, so the variable is
 * left out of its answer too.
 */
export function colorEnabled(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
	if (noColorRequested(env)) return false;
	if (env['TERM'] === 'dumb') return false;
	if (typeof stdout.hasColors === 'function') {
		const asked = {...env};
		for (const name of [...CI_VARIABLES, 'NO_COLOR']) delete asked[name];
		return stdout.hasColors(asked);
	}

	return stdout.isTTY === true;
}

// SGR colour parameters: 30–39 and 90–97 (foreground), 40–49 and 100–107 (background), 58/59 (underline).
function isColourParameter(n: number): boolean {
	return (n >= 30 && n <= 39) || (n >= 40 && n <= 49) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) || n === 58 || n === 59;
}

/**
 * Removes colour from SGR escape sequences and keeps the rest (bold, dim, inverse, underline, reset),
 * so the selected row and the text cursor stay visible without colour. Used when colour is off:
 * chalk ignores NO_COLOR, and components outside our theme (ink-text-input's grey placeholder)
 * would otherwise still colour.
 */
export function stripColour(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001B\[([\d;:]*)m/g, (whole, parameters: string) => {
		if (parameters === '') return whole;
		const parts = parameters.split(';');
		const kept: string[] = [];
		for (let i = 0; i < parts.length; i++) {
			const part = parts[i]!;
			const n = Number.parseInt(part.split(':')[0] ?? '', 10);
			if (n === 38 || n === 48 || n === 58) {
				// 38;5;n or 38;2;r;g;b (or the colon form 38:5:n, a single part).
				if (!part.includes(':')) {
					const mode = parts[i + 1];
					i += mode === '5' ? 2 : mode === '2' ? 4 : 1;
				}

				continue;
			}

			if (isColourParameter(n)) continue;
			kept.push(part);
		}

		return kept.length > 0 ? `\u001B[${kept.join(';')}m` : '';
	});
}

/** The same stream, with colour taken out of everything written to it. */
function withoutColour(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		const text =
			typeof chunk === 'string'
				? stripColour(chunk)
				: chunk instanceof Uint8Array
					? stripColour(Buffer.from(chunk).toString('utf8'))
					: chunk;
		return (stream.write as (...args: unknown[]) => boolean)(text, ...rest);
	};

	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/**
 * Splits what the terminal sent in one read into single keypresses: each escape sequence, each
 * control key (Enter, Tab, Backspace, Ctrl+…) on its own, and runs of ordinary text (a paste)
 * kept whole. An escape keeps the character after it (Alt+Backspace is ESC DEL).
 */
export function splitKeypresses(chunk: string): string[] {
	const pieces: string[] = [];
	let text = '';
	const flush = () => {
		if (text !== '') {
			pieces.push(text);
			text = '';
		}
	};

	let i = 0;
	while (i < chunk.length) {
		const code = chunk.charCodeAt(i);
		if (code === 0x1b) {
			flush();
			const end = escapeEnd(chunk, i);
			pieces.push(chunk.slice(i, end));
			i = end;
		} else if (code < 0x20 || code === 0x7f) {
			flush();
			pieces.push(chunk[i]!);
			i++;
		} else {
			text += chunk[i];
			i++;
		}
	}

	flush();
	return pieces;
}

/** Where the escape sequence starting at `start` ends (exclusive). */
function escapeEnd(chunk: string, start: number): number {
	let i = start + 1;
	// ESC ESC [ A: Alt + a function key.
	if (chunk[i] === '\u001B' && (chunk[i + 1] === '[' || chunk[i + 1] === 'O')) i++;
	const kind = chunk[i];
	if (kind === undefined) return i;
	if (kind === '[') {
		i++;
		// Legacy function keys: ESC [ [ A.
		if (chunk[i] === '[') i++;
		while (i < chunk.length) {
			const code = chunk.charCodeAt(i);
			i++;
			if (code >= 0x40 && code <= 0x7e) return i;
			if (code < 0x20 || code > 0x3f) return i;
		}

		return i;
	}

	if (kind === 'O') return Math.min(chunk.length, i + 2);
	// ESC + one character (a code point): Alt + that key.
	const next = chunk.codePointAt(i) ?? 0;
	return i + (next > 0xff_ff ? 2 : 1);
}

export type KeyPacer = {
	/** Give this to Ink instead of the terminal's stdin. */
	stdin: NodeJS.ReadStream;
	/** Wrap the app in it: it lets React finish each key before the next one is handed over. */
	Gate: (props: {children: React.ReactNode}) => React.ReactNode;
};

/**
 * Hands Ink one keypress at a time. Ink takes whatever arrived in one read as one input: over SSH,
 * or while the screen redraws, keys typed quickly (or a held Backspace) arrive together and would
 * be taken as text ("\t\u007F\u007F" typed into a field).
 *
 * Every key waits until React has applied everything before it: Ink draws a screen at commit but
 * subscribes that screen's key handler in a passive effect afterwards, so a key handed over in
 * between (Enter pressed the instant a list appears) would reach no handler and be lost, and a key
 * handed over right after another would reach the previous screen. So a key first re-renders the
 * Gate (nothing below it re-renders: its children element stays the same). React flushes every
 * pending effect before that render, and the Gate's own effect then hands the key over.
 */
export function paceKeys(stream: NodeJS.ReadStream): KeyPacer {
	const queue: string[] = [];
	// idle: nothing asked for; waiting: a Gate render is asked for; ready: React has caught up, one
	// key may go; handedOut: a key went, the Gate render after it is asked for.
	let state: 'idle' | 'waiting' | 'ready' | 'handedOut' = 'idle';
	let settle: (() => void) | undefined;
	let unmounted = false;

	const pending = () => queue.length > 0 || stream.readableLength > 0;

	/** The Gate has rendered and its effect ran: everything before it has been applied. */
	const caughtUp = () => {
		if (unmounted || state === 'idle' || state === 'ready') return;
		if (pending()) {
			state = 'ready';
			stream.emit('readable');
		} else {
			state = 'idle';
		}
	};

	const read = (): string | null => {
		// Drain the stream to null each time: Node only reports more input ('readable') after that.
		for (let chunk: unknown = stream.read(); chunk !== null; chunk = stream.read()) {
			queue.push(...splitKeypresses(typeof chunk === 'string' ? chunk : String(chunk)));
		}

		if (queue.length === 0 || unmounted) return null;
		if (state === 'idle') {
			state = 'waiting';
			settle?.();
			return null;
		}

		if (state !== 'ready') return null;
		state = 'handedOut';
		settle?.();
		return queue.shift() ?? null;
	};

	const stdin = new Proxy(stream, {
		get(target, property) {
			if (property === 'read') return read;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});

	// biome-ignore lint/correctness/noComponentHookFactories: paceKeys runs once per editor session; its Gate closes over that session's key queue
	function Gate({children}: {children: React.ReactNode}): React.ReactNode {
		const [tick, setTick] = useState(0);
		useEffect(() => {
			settle = () => {
				setTick(t => t + 1);
			};

			// Mounted after everything inside it: keys that came before this can go now.
			queueMicrotask(caughtUp);
			return () => {
				settle = undefined;
				unmounted = true;
			};
		}, []);
		useEffect(() => {
			if (tick > 0) queueMicrotask(caughtUp);
		}, [tick]);
		return children;
	}

	return {stdin, Gate};
}

function writeLine(stream: NodeJS.WritableStream, line: string): void {
	stream.write(`${line}\n`);
}

type Demo = {
	store: Store;
	env: NodeJS.ProcessEnv;
	close: () => Promise<void>;
};

/** The sandbox in this process on a free loopback port, and a throwaway settings folder holding its profile. */
async function startDemo(env: NodeJS.ProcessEnv, contactCount: number | undefined): Promise<Demo> {
	const demoEnv = {...env};
	for (const name of [...DEMO_HIDDEN_VARIABLES, ...PROXY_VARIABLES]) delete demoEnv[name];
	const {startSandbox, SANDBOX_DEFAULTS} = await import('../sandbox/index.js');
	const {openStore} = await import('../store/config.js');
	const sandbox = await startSandbox({
		host: SANDBOX_DEFAULTS.host,
		port: 0,
		...(contactCount === undefined ? {} : {contactCount}),
	});
	let dir: string | undefined;
	try {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kore-contacts-demo-'));
		const store = openStore({configDir: dir, env: demoEnv});
		store.saveProfile({
			name: DEMO_PROFILE,
			host: sandbox.url,
			accountId: sandbox.accountId,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			protected: false,
		});
		store.setDefaultProfile(DEMO_PROFILE);
		// Offered on the stream screen, so nobody has to know the sandbox's stream ID.
		store.rememberStream(DEMO_PROFILE, sandbox.streamId, 'sandbox');
		const folder = dir;
		// Should the process end without close() (an uncaught error, process.exit elsewhere).
		const removeNow = () => {
			rmSync(folder, {recursive: true, force: true});
		};

		process.once('exit', removeNow);
		return {
			store,
			env: demoEnv,
			async close() {
				process.off('exit', removeNow);
				await Promise.allSettled([sandbox.close(), fs.rm(folder, {recursive: true, force: true})]);
			},
		};
	} catch (error) {
		await sandbox.close();
		if (dir) await fs.rm(dir, {recursive: true, force: true});
		throw error;
	}
}

/** A sentence for the operator, never a stack. */
async function sentence(error: unknown): Promise<string> {
	const {describeError} = await import('../kore/errors.js');
	const {isStoreError} = await import('../store/errors.js');
	if (isStoreError(error)) return error.message;
	return describeError(error);
}

/** Runs the editor until the operator quits; resolves with the process exit code. */
export async function runEditor(options: RunEditorOptions): Promise<number> {
	const env = options.env ?? process.env;
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;

	if (!isInteractive(stdin, stdout)) {
		writeLine(stderr, NOT_A_TTY_MESSAGE);
		return 2;
	}

	const demoContacts = options.demo ? demoContactCount(env) : {ok: true as const};
	if (!demoContacts.ok) {
		writeLine(stderr, demoContacts.message);
		return 2;
	}

	// Before ink (and is-in-ci, and chalk) are first imported: see the top of this file.
	for (const name of CI_VARIABLES) delete process.env[name];

	const color = colorEnabled(stdout, env);

	// SIGHUP (the SSH connection dropped) and SIGTERM take the editor down cleanly and end with
	// 128 + the signal's number. The handlers stay until the demo's sandbox and folder are gone: a
	// second hang-up (the kernel's, after tmux's or sshd's) must not kill the process half-way.
	let signalled: keyof typeof SIGNAL_CODES | undefined;
	let stop: (() => void) | undefined;
	const onSignal = (signal: keyof typeof SIGNAL_CODES) => {
		if (signalled) return;
		signalled = signal;
		if (signal === 'SIGHUP') {
			// The terminal is gone: reading or writing it may fail, and that must not crash us.
			const ignore = () => {};
			stdout.on('error', ignore);
			stdin.on('error', ignore);
		}

		stop?.();
	};

	const onHangup = () => {
		onSignal('SIGHUP');
	};

	const onTerminate = () => {
		onSignal('SIGTERM');
	};

	process.on('SIGHUP', onHangup);
	process.on('SIGTERM', onTerminate);

	let demo: Demo | undefined;
	try {
		let store: Store;
		try {
			if (options.demo) {
				demo = await startDemo(env, demoContacts.count);
				store = demo.store;
			} else {
				const {openStore} = await import('../store/config.js');
				store = openStore({env});
			}
		} catch (error) {
			writeLine(stderr, await sentence(error));
			return 1;
		}

		const servicesEnv = demo?.env ?? env;
		const [{render}, {Editor}, {createKoreClient}, {RedrawOnResize}] = await Promise.all([
			import('ink'),
			import('./editor.js'),
			import('../kore/client.js'),
			import('./components/RedrawOnResize.js'),
		]);
		if (signalled) return SIGNAL_CODES[signalled];

		const services: EditorServices = {
			store,
			env: servicesEnv,
			color,
			createClient: (credentials: KoreCredentials, hooks) =>
				createKoreClient({
					...credentials,
					onRateLimitWait: hooks.onRateLimitWait,
					...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
					// Proxy variables come from here: demo mode's copy has none (the sandbox is on loopback).
					env: servicesEnv,
				}),
			...(demo ? {demo: {banner: DEMO_BANNER}, initialProfile: DEMO_PROFILE} : {}),
			...(!demo && options.profile !== undefined ? {initialProfile: options.profile} : {}),
			...(options.resume ? {resume: true} : {}),
		};

		let code = 0;
		const keys = paceKeys(stdin);
		const tree = (
			<keys.Gate>
				<RedrawOnResize />
				<Editor
					services={services}
					onExit={exitCode => {
						code = exitCode;
					}}
				/>
			</keys.Gate>
		);
		// Raw mode from the first frame: Ink turns it on only in an effect after that frame, and a
		// key typed in between would be echoed and turned into a newline by the terminal.
		stdin.setRawMode(true);
		const instance = render(tree, {
			stdin: keys.stdin,
			stdout: color ? stdout : withoutColour(stdout),
			stderr: stderr as NodeJS.WriteStream,
			exitOnCtrlC: false,
			patchConsole: true,
		});

		// After a signal the editor gets 2 s to take its last frame down: a hung-up terminal may
		// never confirm the write, and the process must not linger on the jump host.
		const gaveUp = new Promise<void>(resolve => {
			stop = () => {
				setTimeout(resolve, 2000).unref();
				instance.unmount();
			};
		});
		await Promise.race([instance.waitUntilExit(), gaveUp]);
		return signalled ? SIGNAL_CODES[signalled] : code;
	} catch (error) {
		writeLine(stderr, await sentence(error));
		return signalled ? SIGNAL_CODES[signalled] : 1;
	} finally {
		stop = undefined;
		if (stdin.isRaw) stdin.setRawMode(false);
		await demo?.close();
		process.off('SIGHUP', onHangup);
		process.off('SIGTERM', onTerminate);
	}
}
