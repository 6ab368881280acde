/**
 * The steps `update` and `undo` share once they have a prepared write: the human output, the body
 * and dry-run preview, the guard (protected profile, journal, y/N), the conflict check, the
 * journaled PUT and the verification report.
 */
import type {Contact} from '../contact/contact.js';
import type {FieldChange} from '../contact/diff.js';
import {sanitize} from '../contact/sanitize.js';
import {isKoreError} from '../kore/errors.js';
import type {Style} from '../output/color.js';
import {renderBody, renderCard} from '../output/contact-view.js';
import {wrap} from '../output/text.js';
import type {Journal, ResolvedCredentials} from '../store/types.js';
import {checkConflict} from '../core/conflict.js';
import {curlCommand} from '../core/curl.js';
import {fitShellLines} from '../core/curl-lines.js';
import type {PreparedUpdate} from '../core/prepare.js';
import {
	journalIdOf,
	JournalWriteError,
	sendUpdate,
	type JournalContext,
	type SendOutcome,
	type SendResult,
} from '../core/send.js';
import {JournalOpenError, openCommandJournal, type Connection} from './context.js';
import {EXIT, InterruptedError, reportError, UsageError} from './errors.js';
import {humanWidth, isInteractive, outputWidth, printErr, stderrStyle, stdoutStyle, type CommandIo} from './io.js';
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

export type ConfirmAndSendOptions = {
	kind: 'update' | 'undo';
	/** With kind 'undo': the journal entry it undoes. */
	undoOf?: string;
	yes?: boolean;
	confirmContact?: string;
	/** Called after a conflict was reported (nothing sent), before returning EXIT.conflict. */
	onConflict: () => void;
};

/**
 * From the guard to the answered PUT: --confirm-contact on protected profiles, the journal, y/N,
 * the conflict check (the contact may have changed while the question was open: it is read once
 * more), then the journaled send. Returns the outcome, or an exit code after reporting why nothing
 * (or not everything) happened.
 */
export async function confirmAndSend(
	io: CommandIo,
	connection: Connection,
	update: PreparedUpdate,
	options: ConfirmAndSendOptions,
): Promise<SendOutcome | number> {
	const {client, resolved} = connection;
	requireContactConfirmation(resolved, update.contactId, options.confirmContact);
	const journal = openJournalOrReport(io, connection.store);
	if (!journal) return EXIT.failed;
	if (!(await confirmSend(io, options.yes, `Send this ${options.kind}?`))) return EXIT.usage;

	throwIfInterrupted(io);
	const check = await checkConflict(client, update, {signal: io.signal});
	if (check.conflict) {
		reportConflict(io, update, check.current, check.theirs);
		options.onConflict();
		return EXIT.conflict;
	}

	throwIfInterrupted(io);
	printErr(io, `Sending the ${options.kind}…`);
	return sendJournaled(io, client, update, {
		journal,
		host: client.baseUrl,
		...(resolved.profileName === undefined ? {} : {profile: resolved.profileName}),
		kind: options.kind,
		...(options.undoOf === undefined ? {} : {undoOf: options.undoOf}),
	});
}

/** A blank line, the green `title` and the stored contact as a card. */
export function sayStored(out: HumanOutput, title: string, stored: Contact): void {
	out.say();
	out.say(out.style.green(title));
	for (const line of renderCard(stored, out.style)) out.say(line);
}

/** Says whether the server stored what was sent; EXIT.ok when it did, EXIT.failed (after a warning) when not. */
export function reportVerification(io: CommandIo, out: HumanOutput, verification: SendResult['verification']): number {
	if (verification.ok) {
		out.say('Verified: the stored values are the ones sent.');
		return EXIT.ok;
	}

	const err = stderrStyle(io);
	printErr(io, err.red('Warning: the server stored other values than were sent:'));
	for (const mismatch of verification.mismatches) {
		printErr(io, `  ${mismatch.label}: sent ${quote(mismatch.before)}, stored ${quote(mismatch.after)}`);
	}
	printErr(io, 'Check the contact in Kore.ai; the values above are what it holds now.');
	return EXIT.failed;
}

/**
 * Protected profiles always need --confirm-contact; when given anyway, it must match too (a
 * script's guard). Throws UsageError (exit 2, nothing sent).
 */
export function requireContactConfirmation(
	resolved: ResolvedCredentials,
	contactId: string,
	confirmContact: string | undefined,
): void {
	const mustConfirm = resolved.protected || confirmContact !== undefined;
	if (!mustConfirm || confirmContact?.trim() === contactId) return;
	const profile = resolved.profileName ? `Profile "${sanitize(resolved.profileName)}"` : 'This profile';
	throw new UsageError(
		confirmContact === undefined
			? `Nothing was sent: ${profile} is protected. Repeat the contact ID with --confirm-contact to send.`
			: `Nothing was sent: --confirm-contact does not match the contact ID ${sanitize(contactId)}${resolved.protected ? ` (${profile} is protected)` : ''}.`,
	);
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

/** The change journal, or undefined after printing why it cannot be opened (nothing is sent then). */
export function openJournalOrReport(io: CommandIo, store: Parameters<typeof openCommandJournal>[1]): Journal | undefined {
	try {
		return openCommandJournal(io, store);
	} catch (error) {
		if (!(error instanceof JournalOpenError)) throw error;
		printErr(io, `Nothing was sent: ${error.message}`);
		return undefined;
	}
}

/**
 * sendUpdate with the journal: returns the outcome, or an exit code after reporting a failure
 * (with the journal entry that records it, and for an unknown outcome how to check).
 */
export async function sendJournaled(
	io: CommandIo,
	client: Parameters<typeof sendUpdate>[0],
	update: PreparedUpdate,
	journal: JournalContext,
): Promise<SendOutcome | number> {
	try {
		const outcome = await sendUpdate(client, update, {signal: io.signal, journal});
		if (outcome.journalWarning) printErr(io, `Warning: ${outcome.journalWarning}`);
		return outcome;
	} catch (error) {
		if (error instanceof JournalWriteError) {
			printErr(io, error.message);
			return EXIT.failed;
		}
		const id = journalIdOf(error);
		const code = reportError(io, error);
		if (id !== undefined) {
			const unknown = !isKoreError(error) || error.outcomeUnknown;
			const history = `kore-contacts history --contact ${sanitize(update.contactId)}`;
			printErr(
				io,
				unknown
					? `The change journal records it as entry ${id} with the outcome unknown: check the contact before sending again, and see \`${history}\`.`
					: `The change journal records it as failed (entry ${id}); nothing was changed. See \`${history}\`.`,
			);
		}
		return code;
	}
}

export function reportConflict(io: CommandIo, update: PreparedUpdate, current: Contact, theirs: FieldChange[]): void {
	const style = stderrStyle(io);
	printErr(io);
	printErr(
		io,
		style.red(`Nothing was sent: contact ${sanitize(update.contactId)} was changed by someone else after it was read.`),
	);
	if (theirs.length > 0) {
		printErr(io, 'Their changes (as read -> now):');
		for (const change of theirs) printErr(io, `  ${change.label}: ${quote(change.before)} -> ${quote(change.after)}`);
	} else {
		printErr(io, `Its fields look the same, but it was saved again at ${sanitize(current.updatedAt)}.`);
	}
	printErr(io, 'Check the contact (kore-contacts get), then run the update again if it is still needed.');
}

export function quote(value: string): string {
	const clean = sanitize(value);
	return clean === '' ? '(empty)' : `"${clean}"`;
}

export function throwIfInterrupted(io: CommandIo): void {
	if (io.signal.aborted) throw new InterruptedError();
}
