/**
 * A real pseudo-terminal without native addons: util-linux `script` runs the command on a pty of a
 * fixed size (without the stty, its pty is 0×0 and Ink wraps every character) and relays its
 * output to our pipe. Used to time what an operator sees: the first frame, keystrokes.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import stripAnsi from 'strip-ansi';

export type PtyOptions = {
	cols?: number;
	rows?: number;
	/** The whole environment of the command (CI variables are removed: Ink would draw only the last frame). */
	env?: NodeJS.ProcessEnv;
	cwd?: string;
};

export type PtyProcess = {
	/** performance.now() just before the spawn. */
	readonly startedAt: number;
	/** Everything written so far, escape sequences included. */
	raw(): string;
	/** Position in raw() output, to wait for output written after this point. */
	mark(): number;
	/**
	 * Resolves with the performance.now() of the output chunk that made `test` true for the plain
	 * text (escape sequences removed) written since `from`; rejects after `timeoutMs`.
	 */
	waitFor(test: (text: string) => boolean, options?: {from?: number; timeoutMs?: number; what?: string}): Promise<number>;
	/** Writes to the terminal, as if typed. Returns performance.now() just before the write. */
	write(data: string): number;
	/** Process id of the command inside the pty (script's child). */
	commandPid(): number | undefined;
	/** Peak resident set size of the command (VmHWM), in bytes. */
	peakRss(): number | undefined;
	/** CPU time (user + system) the command has used so far, ms (10 ms resolution: clock ticks). */
	cpuTime(): number | undefined;
	/** Ends the command with SIGTERM (the editor cleans up its demo folder), then waits for script. */
	stop(): Promise<void>;
};

/** USER_HZ: /proc reports CPU time in these ticks (100 on Linux for x86 and arm). */
const CLOCK_TICKS = 100;

const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The environment for the command: the given one (default process.env) without CI markers, with a TERM. */
export function terminalEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {...env, TERM: env['TERM'] && env['TERM'] !== 'dumb' ? env['TERM'] : 'xterm-256color'};
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'NO_COLOR', 'FORCE_COLOR']) delete clean[name];
	return clean;
}

export function hasScript(): boolean {
	return ['/usr/bin/script', '/bin/script'].some(file => fs.existsSync(file));
}

export function spawnInPty(command: string[], options: PtyOptions = {}): PtyProcess {
	const cols = options.cols ?? 80;
	const rows = options.rows ?? 24;
	const line = `stty cols ${cols} rows ${rows}; exec ${command.map(shellQuote).join(' ')}`;
	const startedAt = performance.now();
	const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', line, '/dev/null'], {
		cwd: options.cwd,
		env: terminalEnv(options.env),
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let raw = '';
	let exited = false;
	const waiters = new Set<() => void>();
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		raw += chunk;
		for (const check of [...waiters]) check();
	});
	child.stderr.resume();
	child.stdin.on('error', () => {});
	const exit = new Promise<void>(resolve => {
		child.on('exit', () => {
			exited = true;
			for (const check of [...waiters]) check();
			resolve();
		});
	});

	const commandPid = (): number | undefined => {
		try {
			const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
			return children ? Number(children.split(/\s+/)[0]) : undefined;
		} catch {
			return undefined;
		}
	};

	return {
		startedAt,
		raw: () => raw,
		mark: () => raw.length,
		async waitFor(test, {from = 0, timeoutMs = 15_000, what = 'the expected screen'} = {}) {
			return new Promise<number>((resolve, reject) => {
				const check = () => {
					const now = performance.now();
					if (test(stripAnsi(raw.slice(from)))) {
						done();
						resolve(now);
					} else if (exited) {
						done();
						reject(new Error(`The command ended before showing ${what}. Output:\n${stripAnsi(raw).slice(-1500)}`));
					}
				};

				const timer = setTimeout(() => {
					done();
					reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Output:\n${stripAnsi(raw).slice(-1500)}`));
				}, timeoutMs);
				const done = () => {
					clearTimeout(timer);
					waiters.delete(check);
				};

				waiters.add(check);
				check();
			});
		},
		write(data) {
			const at = performance.now();
			child.stdin.write(data);
			return at;
		},
		commandPid,
		peakRss() {
			const pid = commandPid();
			if (pid === undefined) return undefined;
			try {
				const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
				return match ? Number(match[1]) * 1024 : undefined;
			} catch {
				return undefined;
			}
		},
		cpuTime() {
			const pid = commandPid();
			if (pid === undefined) return undefined;
			try {
				const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
				// After the command name in parentheses: field 3 onwards; utime and stime are fields 14 and 15.
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
			} catch {
				return undefined;
			}
		},
		async stop() {
			if (exited) return;
			const pid = commandPid();
			if (pid !== undefined) {
				try {
					process.kill(pid, 'SIGTERM');
				} catch {
					// Already gone.
				}
			}

			// SIGKILL after 5 s (KC_STOP_GRACE_MS: longer, for a command that writes a heap snapshot on SIGTERM).
			const timer = setTimeout(
				() => {
					try {
						process.kill(-child.pid!, 'SIGKILL');
					} catch {
						// Already gone.
					}
				},
				Number(process.env.KC_STOP_GRACE_MS ?? 5000),
			);
			await exit;
			clearTimeout(timer);
		},
	};
}
