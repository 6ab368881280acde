#!/usr/bin/env node
// The only process entry: parses the arguments (commander), runs one plain command or the editor,
// and exits with a documented code: 0 done, 1 server/network failed, 2 bad usage or invalid input
// (nothing sent), 3 conflict (nothing sent), 130 interrupted.
import {InterruptedError} from './commands/errors.js';
import {processIo} from './commands/io.js';
import {runProgram} from './commands/program.js';

// Past a file-size limit (ulimit -f) a write must fail with EFBIG, which the journal reports
// (nothing sent, or a saved outcome it could not record), rather than end the process unannounced.
process.on('SIGXFSZ', () => {});

const controller = new AbortController();
let firstInterrupt: number | undefined;
/** conf's atomic writes (when-exit) pass a SIGINT on by raising it again at once: that is the same Ctrl+C. */
const SAME_CTRL_C_MS = 250;

/**
 * Ctrl+C during a plain command: abort what is in flight (a PUT in flight says the outcome is
 * unknown and how to check) and let the command end with 130. A second Ctrl+C, or a command
 * that does not end within 5 s, leaves at once.
 */
function onSigint(): void {
	if (firstInterrupt !== undefined) {
		if (Date.now() - firstInterrupt >= SAME_CTRL_C_MS) process.exit(130);
		return;
	}
	firstInterrupt = Date.now();
	controller.abort(new InterruptedError());
	setTimeout(() => {
		process.stderr.write('Interrupted.\n');
		process.exit(130);
	}, 5000).unref();
}

const code = await runProgram(process.argv.slice(2), processIo(controller.signal), {
	async runEditor(options) {
		const {runEditor} = await import('./editor/run.js');
		return runEditor(options);
	},
	async runSandbox(options) {
		const {runSandboxCommand} = await import('./commands/sandbox.js');
		return runSandboxCommand(options);
	},
	onCommandStart() {
		process.on('SIGINT', onSigint);
	},
});

// Pending writes to a pipe must reach it before exiting; open keep-alive sockets must not hold the process.
process.exitCode = code;
const leave = (): never => process.exit(code);
// The editor ended on SIGHUP (the terminal is gone) or SIGTERM: nothing left is worth flushing, and
// a write to a hung-up terminal may never complete. Leave at once.
if (code === 129 || code === 143) leave();
// A terminal that stops taking output must not keep the process waiting for the flush below.
// (Pipes and files are written synchronously on Linux; the timer never holds the process itself.)
if (process.stdout.isTTY || process.stderr.isTTY) setTimeout(leave, 2000).unref();
process.stdout.write('', () => {
	process.stderr.write('', leave);
});
