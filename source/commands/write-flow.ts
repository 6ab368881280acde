/**
 * What `update` and `undo` share around the core write: the human output, the body and dry-run
 * preview, the CLI's guard (protected profile, y/N), and the rendering of the write's outcome.
 */
import type {Contact} from '../contact/contact.js';
import {sanitize} from '../contact/sanitize.js';
import {checkContactConfirmation} from '../core/confirmation.js';
import {curlCommand} from '../core/curl.js';
import {fitShellLines} from '../core/curl-lines.js';
import type {PreparedUpdate} from '../core/prepare.js';
import {write, type Verification, type WriteOutcome, type WriteOutcomeName} from '../core/write.js';
import type {Style} from '../output/color.js';
import {renderBody, renderCard} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {wrap} from '../output/text.js';
import {settingsDir, type Connection} from './context.js';
import {EXIT, exitCodeFor, failureMessage, InterruptedError, UsageError} from './errors.js';
import {
	humanWidth,
	isInteractive,
	outputWidth,
	printErr,
	printErrWrapped,
	stderrStyle,
	stdoutStyle,
	type CommandIo,
} from './io.js';
import {confirm} from './prompt.js';

/** Where the human-readable lines go: stdout, or stderr when stdout is reserved for `--json`. */
export type HumanOutput = {
	style: Style;
	width: number;
	say: (text?: string) => void;
	/** Sentences wrap at word boundaries; pre-formatted lines (diff, body, curl) go through say. */
	sayWrapped: (text: string, indent?: string) => void;
};

export function humanOutput(io: CommandIo, json: boolean | undefined): HumanOutput {
	const human = json ? io.stderr : io.stdout;
	const say = (text = '') => human.write(`${text}\n`);
	const width = humanWidth(io, Boolean(json));
	return {
		style: json ? stderrStyle(io) : stdoutStyle(io),
		width,
		say,
		sayWrapped(text, indent = '') {
			for (const line of wrap(text, width, {indent})) say(line);
		},
	};
}

/** The body of the PUT, after a blank line. */
export function sayBody(out: HumanOutput, update: PreparedUpdate): void {
	out.say();
	out.say(`Body of PUT /contacts/${sanitize(update.contactId)}:`);
	for (const line of renderBody(update.body)) out.say(line);
}

/** --dry-run: nothing sent, the same request as a curl command line. */
export function sayDryRun(io: CommandIo, out: HumanOutput, connection: Connection, update: PreparedUpdate): void {
	out.say();
	out.sayWrapped('Dry run: nothing was sent. The same request with curl (mint the JWT into $KORE_JWT first):');
	const curl = curlCommand(connection.client.baseUrl, connection.credentials.accountId, update);
	for (const line of fitShellLines(curl.split('\n'), outputWidth(io) - 1)) out.say(line);
}

export type ConfirmAndWriteOptions = {
	kind: 'update' | 'undo';
	/** With kind 'undo': the journal entry it undoes. */
	undoOf?: string;
	yes?: boolean;
	confirmContact?: string;
};

/** The write's outcome, or undefined when the operator did not answer y (already reported). */
export type CliWrite = WriteOutcome | undefined;

/**
 * The CLI's guard, then the core write: the protected-profile confirmation (--confirm-contact,
 * the contact ID in full), y/N or --yes, then core/write. Reports progress on stderr; the outcome
 * is rendered by reportWrite.
 */
export async function confirmAndWrite(
	io: CommandIo,
	connection: Connection,
	update: PreparedUpdate,
	options: ConfirmAndWriteOptions,
): Promise<CliWrite> {
	const {client, resolved} = connection;
	const check = checkContactConfirmation({
		contactId: update.contactId,
		typed: options.confirmContact,
		protected: resolved.protected,
		...(resolved.profileName === undefined ? {} : {profileName: resolved.profileName}),
		wording: {ask: 'with --confirm-contact', given: '--confirm-contact'},
	});
	if (!check.ok) throw new UsageError(check.message);
	if (!(await confirmSend(io, options.yes, `Send this ${options.kind}?`))) return undefined;

	throwIfInterrupted(io);
	return write({
		client,
		update,
		kind: options.kind,
		...(options.undoOf === undefined ? {} : {undoOf: options.undoOf}),
		dir: settingsDir(io, connection.store),
		accountId: connection.credentials.accountId,
		...(resolved.profileName === undefined ? {} : {profile: resolved.profileName}),
		...(connection.store ? {store: connection.store} : {}),
		signal: io.signal,
		onPhase(phase, detail) {
			if (phase === 'waiting') {
				const who = detail?.owner ? ` (pid ${detail.owner.pid})` : '';
				printErr(io, `Waiting for another kore-contacts${who} that is saving this contact…`);
			} else if (phase === 'saving') {
				printErr(io, `Sending the ${options.kind}…`);
			}
		},
	});
}

/** The exit code of a write (undefined: the operator did not answer y). */
function exitCodeOfWrite(outcome: CliWrite): number {
	if (outcome === undefined) return EXIT.usage;
	switch (outcome.outcome) {
		case 'saved': {
			return outcome.verification.ok ? EXIT.ok : EXIT.failed;
		}

		case 'unknown': {
			return outcome.interrupted ? EXIT.interrupted : EXIT.failed;
		}

		case 'failed': {
			return exitCodeFor(outcome.error);
		}

		case 'conflict': {
			return EXIT.conflict;
		}

		case 'not-sent': {
			if (outcome.reason === 'cancelled') return EXIT.interrupted;
			return outcome.reason === 'reread' ? exitCodeFor(outcome.error) : EXIT.failed;
		}
	}
}

/**
 * Prints a write's outcome: the stored card and the verification after a save (titled `saved`),
 * else the one sentence and what to do, on stderr. Returns the exit code.
 */
export function reportWrite(io: CommandIo, out: HumanOutput, outcome: CliWrite, saved: {title: string; undoOf?: string}): number {
	const code = exitCodeOfWrite(outcome);
	if (outcome === undefined) return code;
	const err = stderrStyle(io);
	for (const warning of outcome.warnings) printErrWrapped(io, `Warning: ${warning}`);
	switch (outcome.outcome) {
		case 'saved': {
			if (outcome.rebuilt) {
				out.sayWrapped(
					`Someone else changed ${outcome.rebuilt.map(change => change.label).join(', ')} after it was read: the change was made on their copy, keeping theirs.`,
				);
			}

			sayStored(out, saved.title, outcome.stored);
			if (saved.undoOf === undefined) {
				out.say(out.style.dim(`Journal entry ${outcome.journalId}.`));
				out.say(out.style.dim(`To put the earlier values back: kore-contacts undo ${outcome.journalId}`));
			} else {
				out.sayWrapped(out.style.dim(`Journal entry ${outcome.journalId} (undo of ${sanitize(saved.undoOf)}).`));
			}

			reportVerification(io, out, outcome.verification);
			break;
		}

		case 'conflict': {
			printErr(io);
			printErrWrapped(io, err.red(outcome.message));
			if (outcome.theirs.length > 0) {
				printErr(io, 'Their changes (as read -> now):');
				for (const change of outcome.theirs) printErr(io, `  ${change.label}: ${quote(change.before)} -> ${quote(change.after)}`);
			}

			printErrWrapped(io, 'Check the contact (kore-contacts get), then run the command again if it is still needed.');
			break;
		}

		default: {
			printErrWrapped(io, outcome.message);
			if (outcome.hint) printErrWrapped(io, outcome.hint);
		}
	}

	return code;
}

/** The `outcome` and `error` fields every --json answer of a write carries. */
export function jsonOutcome(outcome: CliWrite): {
	outcome: WriteOutcomeName;
	error?: {message: string; hint?: string};
	journalId?: string;
} {
	if (outcome === undefined) return {outcome: 'not-sent', error: {message: 'Nothing was sent (you did not answer y).'}};
	const journalId = 'journalId' in outcome && outcome.journalId !== undefined ? {journalId: outcome.journalId} : {};
	if (outcome.outcome === 'saved') return {outcome: 'saved', ...journalId};
	return {
		outcome: outcome.outcome,
		error: {message: outcome.message, ...(outcome.hint === undefined ? {} : {hint: outcome.hint})},
		...journalId,
	};
}

/** A blank line, the green `title` and the stored contact as a card. */
function sayStored(out: HumanOutput, title: string, stored: Contact): void {
	out.say();
	out.say(out.style.green(title));
	for (const line of renderCard(stored, out.style)) out.say(line);
}

/** Says whether the server holds what was sent (also when read back after the PUT). */
function reportVerification(io: CommandIo, out: HumanOutput, verification: Verification): void {
	if (verification.ok) {
		out.say(
			verification.reread
				? 'Verified: the stored values are the ones sent.'
				: 'Verified: the server answered with the values sent (reading it back failed).',
		);
		return;
	}

	const err = stderrStyle(io);
	if (verification.mismatches.length > 0) {
		printErr(io, err.red('Warning: the server stored other values than were sent:'));
		for (const mismatch of verification.mismatches) {
			printErr(io, `  ${mismatch.label}: sent ${quote(mismatch.before)}, stored ${quote(mismatch.after)}`);
		}
	}

	if (verification.changedSince.length > 0) {
		printErr(io, err.red('Warning: someone else changed the contact right after this save (as saved -> now):'));
		for (const change of verification.changedSince) {
			printErr(io, `  ${change.label}: ${quote(change.before)} -> ${quote(change.after)}`);
		}
	}

	printErr(io, 'Check the contact in Kore.ai; the values above are what it holds now.');
}

/** y/N on a terminal; without one, --yes is required (UsageError). False when the answer is not yes (already reported). */
export async function confirmSend(io: CommandIo, yes: boolean | undefined, question: string): Promise<boolean> {
	if (yes) return true;
	if (!isInteractive(io)) {
		throw new UsageError(
			'Nothing was sent: there is no terminal to confirm on. Add --yes to send without asking (check first with --dry-run).',
		);
	}
	if (await confirm(io, question)) return true;
	printErr(io, 'Nothing was sent (you did not answer y).');
	return false;
}

export function quote(value: string): string {
	const clean = sanitize(value);
	return clean === '' ? '(empty)' : `"${clean}"`;
}

export function throwIfInterrupted(io: CommandIo): void {
	if (io.signal.aborted) throw new InterruptedError();
}

/**
 * For --json: runs the command; when it throws before printing its object (bad input, the
 * contact not found, a refused confirmation), prints `{outcome: 'not-sent', error}` and rethrows
 * (the sentence still goes to stderr, the exit code stays).
 */
export async function jsonFailure(io: CommandIo, run: () => Promise<number>): Promise<number> {
	try {
		return await run();
	} catch (error) {
		io.stdout.write(`${toSafeJson({outcome: 'not-sent', error: {message: failureMessage(error, io.signal)}})}\n`);
		throw error;
	}
}
