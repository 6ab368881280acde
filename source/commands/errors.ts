import {describeError, isKoreError, type KoreError} from '../kore/errors.js';
import {isStoreError} from '../store/errors.js';
import {JournalReadError} from '../store/journal.js';
import {withStop} from '../util.js';
import {printErrWrapped, type CommandIo} from './io.js';

/** The documented exit codes. */
export const EXIT = {
	ok: 0,
	/** The server or the network failed. */
	failed: 1,
	/** Bad usage or invalid input; nothing was sent. */
	usage: 2,
	/** The contact changed since it was read; nothing was sent. */
	conflict: 3,
	/** Interrupted (Ctrl+C / SIGINT). */
	interrupted: 130,
} as const;

/** Bad usage or invalid input: exit 2, one sentence, nothing was sent. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

/** Ctrl+C: exit 130. */
export class InterruptedError extends Error {
	override readonly name = 'InterruptedError';
	constructor(message = 'Interrupted.') {
		super(message);
	}
}

export function isInterrupted(error: unknown, signal?: AbortSignal): boolean {
	if (error instanceof InterruptedError) return true;
	if (isKoreError(error) && error.kind === 'aborted') return true;
	if (signal?.aborted && error instanceof Error && (error.name === 'AbortError' || error === signal.reason)) return true;
	return false;
}

/** The exit code for a failure. */
export function exitCodeFor(error: unknown, signal?: AbortSignal): number {
	if (isInterrupted(error, signal)) return EXIT.interrupted;
	if (error instanceof UsageError || isStoreError(error)) return EXIT.usage;
	if (error instanceof JournalReadError) return EXIT.failed;
	if (isKoreError(error)) return koreExitCode(error);
	return EXIT.failed;
}

function koreExitCode(error: KoreError): number {
	switch (error.kind) {
		case 'bad-host':
		case 'contact-not-found': {
			return EXIT.usage;
		}

		default: {
			return EXIT.failed;
		}
	}
}

/**
 * Prints one operator sentence for a failure on stderr and returns the exit code. Expected
 * failures never show a stack; an unexpected one shows it only with DEBUG=kore-contacts.
 */
export function reportError(io: CommandIo, error: unknown): number {
	const code = exitCodeFor(error, io.signal);
	// On a terminal the sentence wraps at word boundaries (a pipe or a log gets it on one line).
	printErrWrapped(io, failureMessage(error, io.signal));
	const expected = code !== EXIT.failed || isKoreError(error) || error instanceof JournalReadError;
	if (!expected && debugEnabled(io.env) && error instanceof Error && error.stack) {
		io.stderr.write(`${error.stack}\n`);
	} else if (!expected) {
		io.stderr.write('This looks like a bug in kore-contacts; run again with DEBUG=kore-contacts for details.\n');
	}
	return code;
}

/** The operator sentence reportError prints for a failure (also the `error` of a --json answer). */
export function failureMessage(error: unknown, signal?: AbortSignal): string {
	const code = exitCodeFor(error, signal);
	if (code === EXIT.interrupted) {
		if (isKoreError(error) && error.outcomeUnknown) {
			return `Interrupted while the update was being sent: the change may or may not have been saved. ${withStop(error.hint)}`;
		}
		return 'Interrupted; nothing was changed.';
	}
	if (error instanceof UsageError || isStoreError(error) || error instanceof JournalReadError) return error.message;
	return describeError(error);
}

export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
	return (env['DEBUG'] ?? '').split(/[\s,]+/).some(part => part === 'kore-contacts' || part === '*');
}
