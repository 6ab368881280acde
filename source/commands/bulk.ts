import fs from 'node:fs';
import path from 'node:path';
import type {Command} from 'commander';
import {sanitize} from '../contact/sanitize.js';
import {BulkFileError, parseBulkFile, rowMessage} from '../core/bulk-rows.js';
import {
	countOutcomes,
	DEFAULT_CHUNK,
	planBatch,
	requestsFor,
	runBatch,
	type BulkOutcomeName,
	type BulkPlan,
	type BulkResult,
	type PlannedItem,
} from '../core/bulk.js';
import {renderDiff} from '../output/contact-view.js';
import {toSafeJson} from '../output/json.js';
import {BatchFileError, loadBatch, newBatchId, saveBatch, type BatchRecord} from '../store/batches.js';
import type {JournalEntry} from '../store/types.js';
import {defineCommand, runner, type CommandContext} from './command.js';
import {connect, openCommandJournal, settingsDir, type Connection, type GlobalOptions} from './context.js';
import {EXIT, UsageError} from './errors.js';
import {outputWidth, printErr, printErrWrapped, type CommandIo} from './io.js';
import {identifier, wholeNumber} from './parse.js';
import {confirmSend, humanOutput, jsonFailure, throwIfInterrupted, type HumanOutput} from './write-flow.js';

export type BulkOptions = {
	stream?: string;
	file?: string;
	resume?: string;
	dryRun?: boolean;
	yes?: boolean;
	json?: boolean;
	report?: string;
	chunk?: number;
	skipInvalid?: boolean;
	confirmCount?: number;
};

/** Per contact in --json and --report. */
export type BulkContactJson = {
	id: string;
	row?: number;
	outcome: BulkOutcomeName | 'would-send';
	message?: string;
	journalId?: string;
	undoOf?: string;
	changes?: Array<{field: string; before: string; after: string}>;
};

export type BulkJson = {
	batch: string;
	kind: 'update' | 'undo';
	stream: string;
	dryRun: boolean;
	counts: Record<string, number>;
	requests: {list: number};
	contacts: BulkContactJson[];
};

/** Requests a minute the progress line's time estimate assumes (Kore's documented limit). */
const REQUESTS_PER_MINUTE = 60;

export async function runBulk(io: CommandIo, globals: GlobalOptions, options: BulkOptions): Promise<number> {
	return options.json ? jsonFailure(io, () => bulk(io, globals, options)) : bulk(io, globals, options);
}

async function bulk(io: CommandIo, globals: GlobalOptions, options: BulkOptions): Promise<number> {
	if (options.resume !== undefined) {
		if (options.file !== undefined || options.stream !== undefined) {
			throw new UsageError('--resume takes the batch as it was started: leave out --file and --stream.');
		}
		const dir = settingsDir(io);
		const batch = loadBatchOrUsage(dir, options.resume);
		const connection = await connect(io, globals);
		checkHost(connection, batch);
		return execute(io, connection, batch, options, {resume: true});
	}

	if (options.stream === undefined || options.file === undefined) {
		throw new UsageError(
			'Give the stream and the file: kore-contacts bulk --stream ID --file fixes.csv (or --resume BATCH to finish a batch).',
		);
	}
	let text: string;
	try {
		text = fs.readFileSync(options.file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`Nothing was sent: the file ${sanitize(options.file)} could not be read (${code ?? String(error)}).`);
	}
	let parsed: ReturnType<typeof parseBulkFile>;
	try {
		parsed = parseBulkFile(path.basename(options.file), text);
	} catch (error) {
		if (error instanceof BulkFileError) throw new UsageError(`Nothing was sent: ${error.message}`);
		throw error;
	}
	if (parsed.errors.length > 0) {
		for (const error of parsed.errors) printErrWrapped(io, rowMessage(error), {indent: '  '});
		if (!options.skipInvalid || parsed.rows.length === 0) {
			printErr(
				io,
				`Nothing was sent: ${parsed.errors.length} row${parsed.errors.length === 1 ? ' is' : 's are'} invalid. Correct ${parsed.errors.length === 1 ? 'it' : 'them'}, or add --skip-invalid to send the others.`,
			);
			if (options.json) {
				io.stdout.write(`${toSafeJson({outcome: 'not-sent', invalidRows: parsed.errors})}\n`);
			}
			return EXIT.usage;
		}
		printErr(io, `--skip-invalid: ${parsed.errors.length} invalid row(s) above are skipped.`);
	}

	const connection = await connect(io, globals);
	const batch: BatchRecord = {
		id: newBatchId(),
		kind: 'update',
		host: connection.client.baseUrl,
		streamId: options.stream,
		...(connection.resolved.profileName === undefined ? {} : {profile: connection.resolved.profileName}),
		createdAt: new Date().toISOString(),
		items: parsed.rows.map(row => ({contactId: row.id, row: row.row, input: row.input})),
	};
	return execute(io, connection, batch, options, {resume: false, invalidRows: parsed.errors.length});
}

/** `undo --batch BATCH` (undo's --json wrapper applies): the batch's saved contacts put back, as a new batch of kind undo. */
export async function batchUndo(io: CommandIo, globals: GlobalOptions, options: BulkOptions & {batch: string}): Promise<number> {
	const entries = openCommandJournal(io).entries();
	const ofBatch = entries.filter(entry => entry.batch === options.batch);
	if (ofBatch.length === 0) {
		throw new UsageError(
			`Nothing was sent: the change journal has no entry of batch ${sanitize(options.batch)} (see kore-contacts history).`,
		);
	}
	const latest = new Map<string, JournalEntry>();
	for (const entry of ofBatch) if (!latest.has(entry.contactId)) latest.set(entry.contactId, entry); // newest first
	const undoable = [...latest.values()].filter(entry => entry.status === 'done' || entry.status === 'unknown').reverse();
	if (undoable.length === 0) {
		throw new UsageError(`Nothing was sent: batch ${sanitize(options.batch)} saved no contact, so there is nothing to undo.`);
	}
	const connection = await connect(io, globals);
	const first = undoable[0]!;
	const batch: BatchRecord = {
		id: newBatchId(),
		kind: 'undo',
		host: first.host,
		streamId: first.streamId,
		...(connection.resolved.profileName === undefined ? {} : {profile: connection.resolved.profileName}),
		createdAt: new Date().toISOString(),
		undoOfBatch: options.batch,
		items: undoable.map(entry => ({contactId: entry.contactId, undoOf: entry.id})),
	};
	checkHost(connection, batch);
	return execute(io, connection, batch, options, {resume: false});
}

function loadBatchOrUsage(dir: string, id: string): BatchRecord {
	try {
		return loadBatch(dir, id);
	} catch (error) {
		if (error instanceof BatchFileError) throw new UsageError(`Nothing was sent: ${error.message}`);
		throw error;
	}
}

function checkHost(connection: Connection, batch: BatchRecord): void {
	if (batch.host !== connection.client.baseUrl) {
		throw new UsageError(
			`Nothing was sent: batch ${sanitize(batch.id)} was for ${sanitize(batch.host)}, but these credentials are for ${sanitize(connection.client.baseUrl)}.`,
		);
	}
}

/** Plan, preview, confirm, send, report: the same for a new batch, a resumed one and an undo. */
async function execute(
	io: CommandIo,
	connection: Connection,
	batch: BatchRecord,
	options: BulkOptions,
	how: {resume: boolean; invalidRows?: number},
): Promise<number> {
	const out = humanOutput(io, options.json);
	const what =
		batch.kind === 'undo' && !how.resume
			? `Undo of batch ${sanitize(batch.undoOfBatch ?? '')} as batch ${batch.id}`
			: `${how.resume ? 'Resuming batch' : 'Batch'} ${batch.id}`;
	printErr(io, `${what}: ${batch.items.length} contact(s) in stream ${sanitize(batch.streamId)}.`);

	const entries = openCommandJournal(io, connection.store).entries();
	const progress = progressLine(io);
	const plan = await planBatch({
		client: connection.client,
		batch,
		entries,
		resume: how.resume,
		signal: io.signal,
		onPage: (pages, total) => progress(`Reading the contact list: page ${pages}${total === undefined ? '' : ` of ${total}`}…`),
	});
	progress();

	const invalid = plan.items.filter(item => item.status === 'invalid');
	if (invalid.length > 0) {
		for (const item of invalid) printErrWrapped(io, item.message ?? sanitize(item.contactId), {indent: '  '});
		if (!options.skipInvalid) {
			printErr(
				io,
				`Nothing was sent: ${invalid.length} row(s) cannot be applied. Correct them, or add --skip-invalid to send the others.`,
			);
			emitJson(io, options, plan, undefined, true);
			return EXIT.usage;
		}
	}

	const sending = plan.items.filter(item => item.status === 'send');
	preview(out, io, plan, sending, how.invalidRows ?? 0);
	if (sending.length === 0 || options.dryRun) {
		if (options.dryRun) out.sayWrapped(`Dry run: nothing was sent (batch ${batch.id} was not started).`);
		else out.sayWrapped('Nothing to send.');
		emitJson(io, options, plan, undefined, Boolean(options.dryRun));
		return plan.items.some(item => item.status === 'conflict') ? EXIT.conflict : EXIT.ok;
	}

	if (connection.resolved.protected && options.confirmCount !== sending.length) {
		throw new UsageError(
			`Nothing was sent: profile "${sanitize(connection.resolved.profileName ?? '')}" is protected. Repeat the number of contacts to send with --confirm-count ${sending.length}.`,
		);
	}
	if (
		!(await confirmSend(
			io,
			options.yes,
			`Send ${sending.length} contact${sending.length === 1 ? '' : 's'} in batch ${batch.id}?`,
		))
	) {
		emitJson(io, options, plan, undefined, true);
		return EXIT.usage;
	}
	throwIfInterrupted(io);

	const dir = settingsDir(io, connection.store);
	if (!how.resume) saveBatch(dir, batch);
	const journal = openCommandJournal(io, connection.store);
	const chunkSize = options.chunk ?? DEFAULT_CHUNK;
	const started = Date.now();
	progress(progressText(0, sending.length, requestsFor(sending, chunkSize)));
	const results = await runBatch({
		client: connection.client,
		plan,
		journal,
		dir,
		accountId: connection.credentials.accountId,
		...(connection.resolved.profileName === undefined ? {} : {profile: connection.resolved.profileName}),
		...(connection.store ? {store: connection.store} : {}),
		chunkSize,
		signal: io.signal,
		onProgress: p => progress(progressText(p.done, p.total, p.requestsLeft)),
	});
	progress();

	report(out, io, batch, results, Date.now() - started);
	if (options.report) writeReport(options.report, results);
	emitJson(io, options, plan, results, false);
	const counts = countOutcomes(results);
	if (io.signal.aborted) return EXIT.interrupted;
	if (counts.failed > 0 || counts.unknown > 0) return EXIT.failed;
	if (counts.conflict > 0) return EXIT.conflict;
	return EXIT.ok;
}

/** A one-line status on stderr, redrawn in place, only on a terminal; called without text it clears. */
function progressLine(io: CommandIo): (text?: string) => void {
	const tty = Boolean(io.stderr.isTTY);
	let shown = false;
	return text => {
		if (!tty) return;
		if (text === undefined) {
			if (shown) io.stderr.write('\r\u001B[2K');
			shown = false;
			return;
		}
		io.stderr.write(`\r\u001B[2K${text}`);
		shown = true;
	};
}

function progressText(done: number, total: number, requestsLeft: number): string {
	const seconds = Math.ceil((requestsLeft * 60) / REQUESTS_PER_MINUTE);
	const left = seconds >= 90 ? `about ${Math.ceil(seconds / 60)} min left` : `about ${seconds} s left`;
	return `Sending: ${done}/${total} contacts · ${left} at ${REQUESTS_PER_MINUTE} requests/min`;
}

function label(item: {contactId: string; row?: number}): string {
	return `${sanitize(item.contactId)}${item.row === undefined ? '' : ` (row ${item.row})`}`;
}

function preview(out: HumanOutput, io: CommandIo, plan: BulkPlan, sending: PlannedItem[], invalidRows: number): void {
	const {say, style} = out;
	for (const item of sending) {
		say(`${style.bold('Contact')} ${label(item)}${item.undoOf === undefined ? '' : ` (undo of entry ${sanitize(item.undoOf)})`}`);
		for (const line of renderDiff(item.update!.changes, style, outputWidth(io)).slice(1)) say(line);
	}
	const named = (status: PlannedItem['status'], title: string) => {
		const items = plan.items.filter(item => item.status === status);
		if (items.length === 0) return;
		say();
		say(style.bold(title));
		for (const item of items) out.sayWrapped(`${label(item)}: ${sanitize(item.message ?? '')}`, '    ');
	};
	named('skipped', 'Skipped:');
	named('conflict', 'Conflicts (not sent):');
	named('invalid', 'Invalid (skipped):');
	const count = (status: PlannedItem['status']) => plan.items.filter(item => item.status === status).length;
	say();
	out.sayWrapped(
		`${style.bold(`${sending.length} to send`)}, ${count('skipped')} skipped, ${count('conflict')} conflict(s), ${count('invalid') + invalidRows} invalid; ${plan.listRequests} list request(s) read.`,
	);
}

function report(out: HumanOutput, io: CommandIo, batch: BatchRecord, results: BulkResult[], ms: number): void {
	const counts = countOutcomes(results);
	const notable = results.filter(result => result.outcome !== 'saved' && result.outcome !== 'skipped');
	if (notable.length > 0) {
		printErr(io);
		for (const result of notable)
			printErrWrapped(io, `${result.outcome}: ${label(result)}: ${result.message ?? ''}`, {indent: '    '});
	}
	out.say();
	out.sayWrapped(
		`Batch ${batch.id}: ${counts.saved} saved, ${counts.failed} failed, ${counts.unknown} unknown, ${counts.conflict} conflict(s), ${counts.skipped} skipped (${Math.round(ms / 1000)} s).`,
	);
	const unsent = results.some(r => r.outcome === 'unknown' || (r.outcome === 'skipped' && r.message?.startsWith('not sent')));
	if (unsent) out.sayWrapped(`To finish it (nothing saved is sent twice): kore-contacts bulk --resume ${batch.id}`);
	if (counts.saved > 0 && batch.kind === 'update')
		out.sayWrapped(out.style.dim(`To put it all back: kore-contacts undo --batch ${batch.id}`));
}

function csvCell(value: string | number | undefined): string {
	const text = value === undefined ? '' : String(value);
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeReport(file: string, results: BulkResult[]): void {
	const lines = ['id,row,outcome,message,journalId'];
	for (const r of results)
		lines.push([r.contactId, r.row, r.outcome, sanitize(r.message ?? ''), r.journalId].map(csvCell).join(','));
	fs.writeFileSync(file, `${lines.join('\n')}\n`, {mode: 0o600});
}

function emitJson(io: CommandIo, options: BulkOptions, plan: BulkPlan, results: BulkResult[] | undefined, dryRun: boolean): void {
	if (!options.json) return;
	const contacts: BulkContactJson[] = results
		? results.map(r => contactJson(r.contactId, r.row, r.outcome, r.message, r.journalId, r.undoOf, r.update))
		: plan.items.map(item =>
				contactJson(
					item.contactId,
					item.row,
					item.status === 'send' ? 'would-send' : item.status === 'conflict' ? 'conflict' : 'skipped',
					item.message,
					undefined,
					item.undoOf,
					item.update,
				),
			);
	const counts: Record<string, number> = {};
	for (const contact of contacts) counts[contact.outcome] = (counts[contact.outcome] ?? 0) + 1;
	const json: BulkJson = {
		batch: plan.batch.id,
		kind: plan.batch.kind,
		stream: plan.batch.streamId,
		dryRun,
		counts,
		requests: {list: plan.listRequests},
		contacts,
	};
	io.stdout.write(`${toSafeJson(json)}\n`);
}

function contactJson(
	id: string,
	row: number | undefined,
	outcome: BulkContactJson['outcome'],
	message: string | undefined,
	journalId: string | undefined,
	undoOf: string | undefined,
	update: PlannedItem['update'],
): BulkContactJson {
	return {
		id,
		...(row === undefined ? {} : {row}),
		outcome,
		...(message === undefined ? {} : {message}),
		...(journalId === undefined ? {} : {journalId}),
		...(undoOf === undefined ? {} : {undoOf}),
		...(update ? {changes: update.changes.map(c => ({field: c.field, before: c.before, after: c.after}))} : {}),
	};
}

const BULK_EXIT_CODES_HELP = `
Exit codes:
  0    every contact saved and verified, or skipped; also --dry-run
  1    a contact failed or its outcome is unknown (see the list; --resume
       checks and finishes the batch)
  2    bad usage, an invalid row (nothing was sent), no --yes without a
       terminal, or an answer other than y
  3    a contact changed since it was read (conflict; not sent), none failed
  130  interrupted (Ctrl+C); resume with --resume BATCH`;

/** `kore-contacts bulk`: its flags and what it runs. */
export function bulkCommand(context: CommandContext): Command {
	return defineCommand(
		'bulk',
		`  $ kore-contacts bulk --stream st-123 --file fixes.csv --dry-run
  $ kore-contacts bulk --stream st-123 --file fixes.csv --yes --report out.csv
  $ kore-contacts bulk --stream st-123 --file fixes.jsonl --yes --json
  $ kore-contacts bulk --resume b-mi3x7k2a0f --yes
  $ kore-contacts undo --batch b-mi3x7k2a0f --yes`,
		BULK_EXIT_CODES_HELP,
	)
		.description('correct many contacts from a CSV or JSON-lines file: one preview, then chunks to PUT /contacts/bulk-update')
		.option('--stream <id>', 'stream (bot) ID', identifier('stream ID'))
		.option('--file <path>', 'CSV with header id,firstName,lastName,salutation,phone,countryCode, or JSON lines (.jsonl)')
		.option(
			'--resume <batch>',
			'finish this batch: saved contacts are skipped, unknown ones checked first',
			identifier('batch ID'),
		)
		.option('--dry-run', 'show the preview; send nothing')
		.option('-y, --yes', 'send without asking (required when there is no terminal)')
		.option('--chunk <n>', `contacts per bulk-update request (default ${DEFAULT_CHUNK})`, wholeNumber(1, 100))
		.option('--skip-invalid', 'send the valid rows and name the invalid ones as skipped')
		.option('--report <file>', 'write one CSV row per contact: id,row,outcome,message,journalId')
		.option('--confirm-count <n>', 'protected profiles: repeat the number of contacts to send', wholeNumber(0, 1_000_000))
		.option('--json', 'print one JSON object for the run on stdout (batch, counts, contacts); messages go to stderr')
		.addHelpText(
			'after',
			`
A blank cell leaves that field as it is. Every row is checked first with the
rules of \`update\` (messages name the row); nothing is sent while a row is
invalid, unless --skip-invalid. Each contact is locked, read again and checked
for conflicts, journaled (with the batch ID) before its chunk leaves, and read
back after it. \`kore-contacts history\` shows batches; \`--batch ID\` lists one.`,
		)
		.action(
			runner<BulkOptions>(context, (globals, options) => {
				return runBulk(context.io, globals, options);
			}),
		);
}
