/**
 * Starts the interactive editor: checks the terminal, decides colour, prepares demo mode, renders
 * <Editor/> with Ink and resolves with the exit code.
 *
 * Ink (and chalk, and is-in-ci) are imported lazily, after the environment is fixed up: is-in-ci
 * reads CI once, when it is first imported, and a CI variable would make Ink draw only the last
 * frame (a blank editor). Ink 6.8 has no render option to override that. So nothing on the way to
 * runEditor may import ink statically (source/cli.tsx imports this file, not the editor).
 */
import type {KoreCredentials} from '../kore/types.js';
import {openLocator} from '../store/locator.js';
import type {Store} from '../store/types.js';
import {DEMO_BANNER, DEMO_PROFILE, DEMO_SEALED, type Demo, demoContactCount, startDemo} from './demo.js';
import type {EditorServices, EditorStart} from './services.js';
import {CI_VARIABLES, canMoveCursor, colorEnabled, isInteractive, withoutColour} from './terminal/capabilities.js';
import {paceKeys} from './terminal/keys.js';
import {watchSignals} from './terminal/signals.js';

export type RunEditorOptions = EditorStart & {
	/** Default process.env. */
	env?: NodeJS.ProcessEnv;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WritableStream;
};

export const NOT_A_TTY_MESSAGE =
	'kore-contacts needs an interactive terminal for the editor; for scripts use the plain commands: kore-contacts update --help';

/** Plain ASCII: it is written to a terminal that can show nothing else. */
export const DUMB_TERMINAL_MESSAGE =
	'kore-contacts: the interactive editor needs a terminal that can move the cursor, and TERM=dumb cannot. ' +
	'Set TERM (e.g. TERM=xterm) or use the plain commands: kore-contacts list --help, kore-contacts get --help, kore-contacts update --help';

function writeLine(stream: NodeJS.WritableStream, line: string): void {
	stream.write(`${line}\n`);
}

/** A sentence for the operator, never a stack. */
async function sentence(error: unknown): Promise<string> {
	const {describeError} = await import('../kore/errors.js');
	const {isStoreError} = await import('../store/errors.js');
	if (isStoreError(error)) return error.message;
	return describeError(error);
}

/**
 * The credential flags as the KORE_* variables they outrank: every screen resolves credentials
 * from this copy (resolveCredentials: flags, then variables, then the profile), so a flag wins
 * over both, as it does for the commands.
 */
function withCredentialFlags(env: NodeJS.ProcessEnv, flags: RunEditorOptions['credentials']): NodeJS.ProcessEnv {
	if (!flags) return env;
	return {
		...env,
		...(flags.host === undefined ? {} : {KORE_HOST: flags.host}),
		...(flags.accountId === undefined ? {} : {KORE_ACCOUNT_ID: flags.accountId}),
		...(flags.clientId === undefined ? {} : {KORE_CLIENT_ID: flags.clientId}),
	};
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

	// Ink redraws each frame with cursor-up and erase-line: on such a terminal that is garbage.
	if (!canMoveCursor(env)) {
		writeLine(stderr, DUMB_TERMINAL_MESSAGE);
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

	const signals = watchSignals(stdin, stdout);
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

		const servicesEnv = demo?.env ?? withCredentialFlags(env, options.credentials);
		const [{render}, {Editor}, {createKoreClient}, {RedrawOnResize}] = await Promise.all([
			import('ink'),
			import('./editor.js'),
			import('../kore/client.js'),
			import('./components/RedrawOnResize.js'),
		]);
		const early = signals.code();
		if (early !== undefined) return early;

		const services: EditorServices = {
			store,
			env: servicesEnv,
			color,
			createClient: (credentials: KoreCredentials, hooks) => {
				if (demo && credentials.host !== demo.url) throw new Error(DEMO_SEALED);
				return createKoreClient({
					...credentials,
					onRateLimitWait: hooks.onRateLimitWait,
					// Where contacts were seen, kept between sessions in the settings folder (shared with the commands).
					locator: openLocator({
						dir: store.dir,
						profile: hooks.profileName,
						host: credentials.host,
						accountId: credentials.accountId,
					}),
					...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
					// Proxy variables come from here: demo mode's copy has none (the sandbox is on loopback).
					env: servicesEnv,
				});
			},
			...(demo ? {demo: {banner: DEMO_BANNER, host: demo.url}, initialProfile: DEMO_PROFILE} : {}),
			...(!demo && options.profile !== undefined ? {initialProfile: options.profile} : {}),
			...(options.resume ? {resume: true} : {}),
			...(options.link ? {link: options.link} : {}),
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
			signals.onSignal(() => {
				setTimeout(resolve, 2000).unref();
				instance.unmount();
			});
		});
		await Promise.race([instance.waitUntilExit(), gaveUp]);
		return signals.code() ?? code;
	} catch (error) {
		writeLine(stderr, await sentence(error));
		return signals.code() ?? 1;
	} finally {
		if (stdin.isRaw) stdin.setRawMode(false);
		await demo?.close();
		signals.release();
	}
}
