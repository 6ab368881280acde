import {colorEnabled, createStyle, type Style} from '../output/color.js';

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
	return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, signal};
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

/** The terminal's width, or 80 when stdout is not a terminal (a pipe, a file, cron). */
export function outputWidth(io: CommandIo): number {
	const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
	return columns && columns >= 20 ? columns : 80;
}

export function printOut(io: CommandIo, text = ''): void {
	io.stdout.write(`${text}\n`);
}

export function printErr(io: CommandIo, text = ''): void {
	io.stderr.write(`${text}\n`);
}
