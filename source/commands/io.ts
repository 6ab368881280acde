import {colorEnabled, createStyle, type Style} from '../output/color.js';
import {wrap, type WrapOptions} from '../output/text.js';

export type InputStream = NodeJS.ReadableStream & {
	isTTY?: boolean;
	setRawMode?: (mode: boolean) => unknown;
};

export type OutputStream = NodeJS.WritableStream & {isTTY?: boolean; columns?: number};

/** What a command may touch of the process: streams, environment, the Ctrl+C signal. */
export type CommandIo = {
	stdin: InputStream;
	stdout: OutputStream;
	stderr: OutputStream;
	env: NodeJS.ProcessEnv;
	/** Aborted on SIGINT (Ctrl+C). */
	signal: AbortSignal;
};

export function processIo(signal: AbortSignal): CommandIo {
	ignoreBrokenPipe(process.stdout);
	ignoreBrokenPipe(process.stderr);
	return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, signal};
}

/**
 * `kore-contacts update … | head -1`: once the reader is gone, further output is dropped instead of
 * crashing with EPIPE, so a write already sent still gets its journal completion and exit code.
 */
function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
	});
}

/** A person can answer a question: keys come from a terminal and the question is shown on one. */
export function isInteractive(io: CommandIo): boolean {
	return Boolean(io.stdin.isTTY && io.stderr.isTTY);
}

export function stdoutStyle(io: CommandIo): Style {
	return createStyle(colorEnabled(io.stdout, io.env));
}

export function stderrStyle(io: CommandIo): Style {
	return createStyle(colorEnabled(io.stderr, io.env));
}

/**
 * The terminal's width; when stdout is not a terminal (a pipe, a file, cron), COLUMNS if it is
 * set to a number, else 80.
 */
export function outputWidth(io: CommandIo): number {
	const columns = io.stdout.isTTY ? io.stdout.columns : Number.parseInt(io.env['COLUMNS'] ?? '', 10);
	return columns && columns >= 20 ? columns : 80;
}

export function printOut(io: CommandIo, text = ''): void {
	io.stdout.write(`${text}\n`);
}

export function printErr(io: CommandIo, text = ''): void {
	io.stderr.write(`${text}\n`);
}

/**
 * The width for human output: stdout's (outputWidth), or with --json, where it goes to stderr,
 * stderr's terminal width (no limit when stderr is not a terminal).
 */
export function humanWidth(io: CommandIo, onStderr: boolean): number {
	if (!onStderr) return outputWidth(io);
	const columns = io.stderr.isTTY ? io.stderr.columns : undefined;
	return columns && columns >= 20 ? columns : Number.MAX_SAFE_INTEGER;
}

/** A sentence (or several) on stdout, word-wrapped to the output width. */
export function printWrapped(io: CommandIo, text: string, options?: WrapOptions): void {
	for (const line of wrap(text, outputWidth(io), options)) printOut(io, line);
}

/** A sentence on stderr, word-wrapped to stderr's width when it is a terminal (else left whole). */
export function printErrWrapped(io: CommandIo, text: string, options?: WrapOptions): void {
	const columns = io.stderr.isTTY ? io.stderr.columns : undefined;
	if (!columns || columns < 20) {
		printErr(io, text);
		return;
	}
	for (const line of wrap(text, columns, options)) printErr(io, line);
}
