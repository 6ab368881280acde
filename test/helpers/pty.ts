/**
 * A real pseudo-terminal for end-to-end tests, through tmux (a private server on its own socket, so
 * a developer's tmux is never touched). The command runs under `env -i` with only the variables the
 * test names plus PATH, HOME, TERM and a UTF-8 locale: CI, proxies, NODE_OPTIONS and the like from
 * the test machine do not leak in.
 */
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

const TMUX = 'tmux';

export type KeyName =
	| 'Enter'
	| 'Escape'
	| 'Tab'
	| 'BTab'
	| 'Up'
	| 'Down'
	| 'Left'
	| 'Right'
	| 'Home'
	| 'End'
	| 'PageUp'
	| 'PageDown'
	| 'BSpace'
	| 'DC'
	| 'Space'
	| 'C-c'
	| 'C-d'
	| 'C-u'
	| 'C-f'
	| 'F1';

export type PtyOptions = {
	cols: number;
	rows: number;
	/** Added to the pane's minimal environment (PATH, HOME, TERM=xterm-256color, LANG=C.UTF-8). */
	env?: Record<string, string>;
	cwd?: string;
};

export type ScreenOptions = {escapes?: boolean; joinWrapped?: boolean; history?: boolean};

export type Pty = {
	/** Types literal text. */
	send(text: string): Promise<void>;
	/** Presses one named key (tmux key names). */
	key(name: KeyName, times?: number): Promise<void>;
	/**
	 * The visible screen as plain text, one line per row (tmux trims trailing spaces).
	 * `escapes`: keep the colours and attributes as escape sequences (capture-pane -e).
	 * `joinWrapped`: a line the terminal wrapped comes back as one long line (capture-pane -J).
	 * `history`: start with the lines that scrolled off the top.
	 */
	screen(options?: ScreenOptions): Promise<string>;
	/** Lines scrolled off the top into tmux's history (0 while output never outgrew the window). */
	historySize(): Promise<number>;
	/** The process id of the command (to send it signals). */
	pid(): Promise<number>;
	/** Polls the screen every ~100 ms until it matches; throws with the last screen on timeout. */
	waitFor(match: string | RegExp, timeoutMs?: number): Promise<string>;
	resize(cols: number, rows: number): Promise<void>;
	/** The command's exit status, or undefined while it runs (killed by a signal: 128 + its number). */
	exitCode(): Promise<number | undefined>;
	/** Waits until the command has exited; throws with the last screen on timeout. */
	waitForExit(timeoutMs?: number): Promise<number>;
	kill(): Promise<void>;
	/**
	 * A tmux format variable of the pane, e.g. '#{cursor_flag}' (1 while the cursor is shown) or
	 * '#{alternate_on}'. Works after the command has exited (the pane is kept).
	 */
	paneInfo(variable: string): Promise<string>;
	/**
	 * From now on, appends every byte the command writes to the terminal to `file`, as written
	 * (escape sequences included, before the terminal interprets them): tmux pipe-pane.
	 */
	record(file: string): Promise<void>;
};

const SESSION = 'kc';

function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function matches(screen: string, match: string | RegExp): boolean {
	return typeof match === 'string' ? screen.includes(match) : match.test(screen);
}

function describeMatch(match: string | RegExp): string {
	return typeof match === 'string' ? JSON.stringify(match) : String(match);
}

function readStatus(file: string): number | undefined {
	try {
		return Number(fs.readFileSync(file, 'utf8').trim());
	} catch {
		return undefined;
	}
}

/** Alive and not a zombie (an exited process nobody has reaped yet). */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}

	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

const sleep = async (ms: number) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

/** Starts `command` in a fresh tmux server at cols×rows. Call kill() when done (afterEach). */
export async function startPty(command: string[], options: PtyOptions): Promise<Pty> {
	const id = randomBytes(6).toString('hex');
	const socket = path.join(os.tmpdir(), `kc-${id}.sock`);
	const config = path.join(os.tmpdir(), `kc-${id}.tmux.conf`);
	// No status line (the pane is the whole window), keep the pane after the command exits so
	// its screen and exit status can still be read, and no key delay after Escape.
	fs.writeFileSync(
		config,
		['set -g status off', 'set -g remain-on-exit on', 'set -sg escape-time 0', 'set -g history-limit 1000', ''].join('\n'),
	);

	const tmux = async (...args: string[]): Promise<string> => {
		const {stdout} = await run(TMUX, ['-u', '-S', socket, ...args], {
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.homedir(), LANG: 'C.UTF-8', TERM: 'xterm-256color'},
			encoding: 'utf8',
		});
		return stdout;
	};

	const paneEnv: Record<string, string> = {
		PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
		HOME: os.homedir(),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		...options.env,
	};
	const words = ['env', '-i', ...Object.entries(paneEnv).map(([name, value]) => `${name}=${value}`), ...command];
	// The shell waits for the command and writes its exit status to a file: tmux's own
	// #{pane_dead_status} is not reliable (its server sometimes leaves the exited process unreaped).
	const status = path.join(os.tmpdir(), `kc-${id}.status`);
	// Written next to it and renamed, so a reader never sees it half-written.
	const shellCommand = `${words.map(word => shellQuote(word)).join(' ')}; echo $? > ${shellQuote(`${status}.tmp`)}; mv ${shellQuote(`${status}.tmp`)} ${shellQuote(status)}`;

	let killed = false;
	await tmux(
		'-f',
		config,
		'new-session',
		'-d',
		'-s',
		SESSION,
		'-x',
		String(options.cols),
		'-y',
		String(options.rows),
		...(options.cwd ? ['-c', options.cwd] : []),
		shellCommand,
	);

	const capture = async (options: ScreenOptions = {}): Promise<string> =>
		tmux(
			'capture-pane',
			'-p',
			...(options.escapes ? ['-e'] : []),
			...(options.joinWrapped ? ['-J'] : []),
			...(options.history ? ['-S', '-'] : []),
			'-t',
			SESSION,
		);
	const format = async (variable: string): Promise<string> =>
		(await tmux('display-message', '-p', '-t', SESSION, variable)).trim();

	const pty: Pty = {
		async send(text) {
			await tmux('send-keys', '-t', SESSION, '-l', '--', text);
		},
		async key(name, times = 1) {
			for (let i = 0; i < times; i++) {
				// eslint-disable-next-line no-await-in-loop
				await tmux('send-keys', '-t', SESSION, name);
			}
		},
		async screen(options) {
			return capture(options);
		},
		async historySize() {
			return Number(await format('#{history_size}'));
		},
		async pid() {
			// The pane's process is the shell; `env` execs the command, so the shell's child is it.
			const shell = await format('#{pane_pid}');
			const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'});
			const pid = Number.parseInt(stdout.trim().split('\n')[0] ?? '', 10);
			if (!Number.isInteger(pid)) throw new Error('The command is not running.');
			return pid;
		},
		async waitFor(match, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			for (;;) {
				// eslint-disable-next-line no-await-in-loop
				last = await capture();
				if (matches(last, match)) return last;
				if (Date.now() > deadline) {
					throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describeMatch(match)}. Last screen:\n${last}`);
				}

				// eslint-disable-next-line no-await-in-loop
				await sleep(100);
			}
		},
		async resize(cols, rows) {
			await tmux('resize-window', '-t', SESSION, '-x', String(cols), '-y', String(rows));
		},
		async exitCode() {
			const written = readStatus(status);
			if (written !== undefined) return written;
			const [dead, code, signal] = (await format('#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}')).split('|');
			if (dead !== '1') return undefined;
			// The shell wrote the status just before it ended; or it died itself (Ctrl+C reaching
			// the whole process group outside raw mode) and could not.
			const late = readStatus(status);
			if (late !== undefined) return late;
			if (signal) return 128 + Number(signal);
			return code ? Number(code) : undefined;
		},
		async waitForExit(timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				// eslint-disable-next-line no-await-in-loop
				const code = await pty.exitCode();
				if (code !== undefined) return code;
				if (Date.now() > deadline) {
					// eslint-disable-next-line no-await-in-loop
					const last = await capture();
					throw new Error(`Timed out after ${timeoutMs} ms waiting for the command to exit. Last screen:\n${last}`);
				}

				// eslint-disable-next-line no-await-in-loop
				await sleep(100);
			}
		},
		async paneInfo(variable) {
			return format(variable);
		},
		async record(file) {
			await tmux('pipe-pane', '-O', '-t', SESSION, `cat >> ${shellQuote(file)}`);
		},
		async kill() {
			if (killed) return;
			killed = true;
			const pid = await pty.pid().catch(() => undefined);
			try {
				// Closes the terminal: the command gets SIGHUP, as when an SSH connection drops.
				await tmux('kill-server');
			} catch {
				// Already gone.
			}

			// Give it 3 s to clean up after the hang-up, then make sure nothing is left running.
			const deadline = Date.now() + 3000;
			while (pid !== undefined && isRunning(pid) && Date.now() < deadline) {
				// eslint-disable-next-line no-await-in-loop
				await sleep(50);
			}

			if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
			for (const file of [socket, config, status, `${status}.tmp`]) fs.rmSync(file, {force: true});
		},
	};
	return pty;
}

/**
 * Moves a menu's highlight (the row starting with "› ", or "> " with TERM=dumb) to the last row whose
 * label starts with `label` (the last: a card lists its field values above its menu), and waits
 * until it is highlighted.
 */
export async function chooseMenuItem(term: Pty, label: string, pointer = '›'): Promise<void> {
	const lines = (await term.screen()).split('\n');
	const at = lines.findIndex(line => line.startsWith(`${pointer} `));
	let to = -1;
	for (const [index, line] of lines.entries()) {
		if ((line.startsWith(`${pointer} `) || line.startsWith('  ')) && line.slice(2).startsWith(label)) to = index;
	}

	if (at === -1 || to === -1) {
		throw new Error(`No menu item "${label}" on the screen:\n${lines.join('\n')}`);
	}

	await term.key(to > at ? 'Down' : 'Up', Math.abs(to - at));
	await term.waitFor(`${pointer} ${label}`);
}

export type RecordedRun = {
	term: Pty;
	/** Waits until the command has exited (the shell around it stays) and returns its exit status. */
	exit(timeoutMs?: number): Promise<number>;
	/** `stty -a` of the terminal right after the command exited, split into words ("icanon", "-echo", …). */
	sttyModes(): string[];
	/** Whether the terminal shows its cursor now (tmux's cursor_flag). */
	cursorVisible(): Promise<boolean>;
	/** The command's process id (the recording shell's child), to send it signals or read its memory. */
	commandPid(): Promise<number>;
};

/**
 * Runs `commandLine` (a shell command line) in a terminal through a small shell that afterwards
 * records `stty -a` and the exit status, then stays alive: a dead tmux pane no longer reports the
 * cursor, and raw mode left behind by the command would show in `stty -a` as `-icanon -echo`.
 * Kill the returned `term` when done.
 */
export async function startRecorded(commandLine: string, options: PtyOptions & {recordDir: string}): Promise<RecordedRun> {
	const base = path.join(options.recordDir, `run-${randomBytes(4).toString('hex')}`);
	const stty = `${base}.stty`;
	const status = `${base}.status`;
	const script = `${commandLine}; code=$?; stty -a > ${shellQuote(stty)}; echo $code > ${shellQuote(`${status}.tmp`)}; mv ${shellQuote(`${status}.tmp`)} ${shellQuote(status)}; exec sleep 300`;
	const term = await startPty(['sh', '-c', script], options);
	return {
		term,
		async exit(timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const code = readStatus(status);
				if (code !== undefined) return code;
				if (Date.now() > deadline) {
					// eslint-disable-next-line no-await-in-loop
					throw new Error(`The command did not exit within ${timeoutMs} ms. Last screen:\n${await term.screen()}`);
				}

				// eslint-disable-next-line no-await-in-loop
				await sleep(50);
			}
		},
		sttyModes() {
			return fs
				.readFileSync(stty, 'utf8')
				.split(/[\s;]+/)
				.filter(Boolean);
		},
		async cursorVisible() {
			return (await term.paneInfo('#{cursor_flag}')) === '1';
		},
		async commandPid() {
			const shell = await term.pid();
			const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', String(shell)], {encoding: 'utf8'});
			const pid = Number.parseInt(stdout.trim().split('\n')[0] ?? '', 10);
			if (!Number.isInteger(pid)) throw new Error('The CLI is not running.');
			return pid;
		},
	};
}

/** Retries `check` until it passes (a redraw after a resize takes a moment), at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			// eslint-disable-next-line no-await-in-loop
			return await check();
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}

		// eslint-disable-next-line no-await-in-loop
		await sleep(100);
	}
}

/** SGR colour parameters (39/49, "default colour", are not colour). */
export const SGR_COLOUR = /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/;

/** SGR parameters found in a screen's escape sequences (`screen({escapes: true})`). */
export function sgrParameters(screen: string): string[] {
	// eslint-disable-next-line no-control-regex
	return [...screen.matchAll(/\u001B\[([\d;:]*)m/g)].flatMap(match => (match[1] ?? '').split(/[;:]/));
}
