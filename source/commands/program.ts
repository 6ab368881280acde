import {Command, CommanderError, Option} from 'commander';
import {VERSION} from '../version.js';
import type {GlobalOptions} from './context.js';
import {EXIT, reportError, UsageError} from './errors.js';
import type {CommandIo} from './io.js';
import {identifier, seconds, wholeNumber} from './parse.js';

export type EditorLauncher = (options: {
	demo: boolean;
	profile?: string;
	resume?: boolean;
	timeoutMs?: number;
}) => Promise<number>;
export type SandboxLauncher = (options: {
	port?: number;
	env?: NodeJS.ProcessEnv;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
	signal?: AbortSignal;
}) => Promise<number>;

export type ProgramHooks = {
	/** Starts the interactive editor (lazily imported by cli.tsx). */
	runEditor: EditorLauncher;
	/** Starts the sandbox server (lazily imported by cli.tsx). */
	runSandbox: SandboxLauncher;
	/** Called just before a plain command runs (cli.tsx installs its Ctrl+C handling there). */
	onCommandStart?: () => void;
};

export const EXIT_CODES_HELP = `
Exit codes:
  0    done (also: --dry-run, or nothing to change)
  1    the server or the network failed (for update: the outcome is printed)
  2    bad usage or invalid input; nothing was sent
  3    the contact changed since it was read (conflict); nothing was sent
  130  interrupted (Ctrl+C)`;

const UPDATE_EXIT_CODES_HELP = `
Exit codes:
  0    saved and verified; or --dry-run; or nothing to change
  1    the server or the network failed, or the server stored other values than
       were sent (when the outcome is unknown, the message says how to check)
  2    bad usage or invalid input, no --yes without a terminal, or an answer
       other than y at the y/N prompt (e.g. n); nothing was sent
  3    the contact changed since it was read (conflict); nothing was sent
  130  interrupted (Ctrl+C); during the PUT the message says how to check`;

const HISTORY_EXIT_CODES_HELP = `
Exit codes:
  0    listed (also: the journal is empty, or no entry matches)
  1    the journal could not be read
  2    bad usage`;

const UNDO_EXIT_CODES_HELP = `
Exit codes:
  0    undone and verified; or --dry-run; or the contact already holds the
       earlier values
  1    the server or the network failed, or the server stored other values than
       were sent (when the outcome is unknown, the message says how to check);
       or the journal could not be written (then nothing was sent)
  2    bad usage: unknown or ambiguous ENTRY, nothing to undo, an entry that
       failed, another host's entry, no --yes without a terminal, or an
       answer other than y at the y/N prompt (e.g. n); nothing was sent
  3    the contact was changed after that entry (shown), or while asking;
       nothing was sent (add --force to undo anyway)
  130  interrupted (Ctrl+C); during the PUT the message says how to check`;

const CREDENTIALS_HELP = `
Credentials come from --host, --account-id and --client-id, then the variables
KORE_HOST, KORE_ACCOUNT_ID, KORE_CLIENT_ID and KORE_CLIENT_SECRET, then the
profile (--profile NAME, else KORE_PROFILE, else the default profile).
The client secret is never a flag value (it would show in \`ps\`): use
KORE_CLIENT_SECRET, a saved profile, --client-secret-stdin, or type it when
asked on a terminal.`;

const ROOT_EXAMPLES = `
Examples:
  $ kore-contacts              the editor (needs a terminal)
  $ kore-contacts --demo       the editor on a built-in sandbox (no real data)
  $ kore-contacts list --stream st-123 --limit 20
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone "+91 95501 00001" --dry-run
  $ kore-contacts profile add prod --host platform.kore.ai \\
      --account-id 65f7... --client-id cs-...
  $ kore-contacts doctor --stream st-123`;

type Runner = (globals: GlobalOptions, options: Record<string, unknown>, args: string[]) => Promise<number>;

/**
 * Parses `argv` (without node and the script), runs the command and returns the exit code.
 * Never throws: every failure becomes one sentence on stderr and a documented exit code.
 */
export async function runProgram(argv: string[], io: CommandIo, hooks: ProgramHooks): Promise<number> {
	let exitCode: number = EXIT.ok;
	const program = buildProgram(io, hooks, code => {
		exitCode = code;
	});
	try {
		await program.parseAsync(argv, {from: 'user'});
		return exitCode;
	} catch (error) {
		if (error instanceof CommanderError) {
			return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
		}
		return reportError(io, error);
	}
}

export function buildProgram(io: CommandIo, hooks: ProgramHooks, setExit: (code: number) => void): Command {
	const program = new Command('kore-contacts');
	program
		.description('Correct a Kore.ai contact safely: preview the exact change, check nobody else changed it, then save.')
		.usage('[options] [command]')
		.version(VERSION, '-V, --version', 'print the version')
		.helpOption('-h, --help', 'show help')
		.option('--profile <name>', 'use this saved profile (default: KORE_PROFILE or the default profile)')
		.option('--host <host>', 'Kore.ai host, e.g. platform.kore.ai (env KORE_HOST)')
		.option('--account-id <id>', 'account ID (env KORE_ACCOUNT_ID)')
		.option('--client-id <id>', 'client ID of the app (env KORE_CLIENT_ID)')
		.option('--client-secret-stdin', 'read the client secret from stdin (env KORE_CLIENT_SECRET also works)')
		.addOption(new Option('--client-secret [value]').hideHelp())
		.option('--timeout <seconds>', 'time limit per request, in seconds (default 15)', seconds)
		.option('--demo', 'start the editor against a built-in sandbox (no real data)')
		.option('--resume', 'start the editor with the draft left by an interrupted session')
		.argument('[command]')
		.configureHelp({showGlobalOptions: true})
		.configureOutput({
			writeOut: text => io.stdout.write(text),
			writeErr: text => io.stderr.write(text),
			// At most 80 columns (also on wide terminals, for readability); narrower terminals wrap narrower.
			getOutHelpWidth: () => helpWidth(io.stdout),
			getErrHelpWidth: () => helpWidth(io.stderr),
		})
		.exitOverride()
		.showHelpAfterError('Run `kore-contacts --help` to see the commands and options.')
		.addHelpText('after', `${EXIT_CODES_HELP}\n${CREDENTIALS_HELP}\n${ROOT_EXAMPLES}`);

	program.hook('preAction', (_root, action) => {
		const globals = program.opts<GlobalOptions & {clientSecret?: unknown}>();
		if (globals.clientSecret !== undefined) {
			throw new UsageError(
				'The client secret is never taken as a flag value (it would show in `ps` and the shell history): set KORE_CLIENT_SECRET, use --client-secret-stdin, or save it in a profile.',
			);
		}
		if (action !== program && (globals.demo || globals.resume)) {
			throw new UsageError(
				`--demo and --resume are for the editor: run \`kore-contacts ${globals.demo ? '--demo' : '--resume'}\` without a command.`,
			);
		}
		if (action !== program) hooks.onCommandStart?.();
	});

	program.action(async (command: string | undefined) => {
		if (command !== undefined) {
			program.error(`error: unknown command '${command}'${suggest(command, program)}`, {
				exitCode: EXIT.usage,
				code: 'commander.unknownCommand',
			});
		}
		const globals = program.opts<GlobalOptions>();
		setExit(
			await hooks.runEditor({
				demo: Boolean(globals.demo),
				...(globals.profile === undefined ? {} : {profile: globals.profile}),
				resume: Boolean(globals.resume),
				...(globals.timeout === undefined ? {} : {timeoutMs: globals.timeout * 1000}),
			}),
		);
	});

	const run = (runner: Runner) =>
		async function (this: Command, ...args: unknown[]) {
			const globals = this.optsWithGlobals<GlobalOptions>();
			const positional = args.slice(0, -2).filter((a): a is string => typeof a === 'string');
			setExit(await runner(globals, this.opts(), positional));
		};

	const describe = (command: Command, examples: string, exitCodes = EXIT_CODES_HELP) =>
		command
			.showHelpAfterError(`Run \`kore-contacts ${commandPath(command)} --help\` to see its options.`)
			.addHelpText('after', `\nExamples:\n${examples}\n${exitCodes}`);

	describe(
		program
			.command('list')
			.description('list the contacts of a stream, one page at a time')
			.requiredOption('--stream <id>', 'stream (bot) ID, e.g. st-... (required)', identifier('stream ID'))
			.option('--limit <n>', 'how many contacts to show (default 50)', wholeNumber(1, 1000))
			.option('--skip <n>', 'how many contacts to skip first (default 0)', wholeNumber(0, 10_000_000))
			.option('--json', 'print {results, skip, limit, hasMore, totalResults} as JSON, nothing else')
			.action(
				run(async (globals, options) => {
					const {runList} = await import('./list.js');
					return runList(io, globals, options as never);
				}),
			),
		`  $ kore-contacts list --stream st-123
  $ kore-contacts list --stream st-123 --skip 50 --limit 50
  $ kore-contacts list --stream st-123 --json | jq -r '.results[].id'`,
	);

	describe(
		program
			.command('get')
			.description('show one contact (found by paging through the list)')
			.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
			.requiredOption('--contact <id>', 'contact ID (required)', identifier('contact ID'))
			.option('--json', 'print the contact as JSON, nothing else')
			.action(
				run(async (globals, options) => {
					const {runGet} = await import('./get.js');
					return runGet(io, globals, options as never);
				}),
			),
		`  $ kore-contacts get --stream st-123 --contact 667e48f7c8b972fc6910abcd
  $ kore-contacts get --stream st-123 --contact 667e48f7c8b972fc6910abcd --json`,
	);

	describe(
		program
			.command('find')
			.description('search the whole stream by name, phone or ID prefix (reads every page: ⌈n/50⌉ requests)')
			.argument('<text>', 'part of a name (any case or accents), a phone number in any format, or the start of an ID')
			.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
			.option('--limit <n>', 'stop after this many matches', wholeNumber(1, 100_000))
			.option('--json', 'print each match as one line of JSON (JSON Lines), as its page arrives')
			.action(
				run(async (globals, options, [text]) => {
					const {runFind} = await import('./find.js');
					return runFind(io, globals, {...(options as {stream: string}), text: text ?? ''});
				}),
			),
		`  $ kore-contacts find --stream st-123 "josé garcía"
  $ kore-contacts find --stream st-123 "07700 900123"
  $ kore-contacts find --stream st-123 667e48 --json | jq -r .id`,
	);

	describe(
		program
			.command('update')
			.description('change a contact: shows the diff and the exact body, asks, checks for conflicts, sends, verifies')
			.requiredOption('--stream <id>', 'stream (bot) ID (required)', identifier('stream ID'))
			.requiredOption('--contact <id>', 'contact ID (required)', identifier('contact ID'))
			.option('--first-name <text>', 'new first name')
			.option('--last-name <text>', 'new last name ("" clears it)')
			.option('--salutation <text>', 'new salutation, e.g. Mr, Mrs, Ms, Mx, Dr')
			.option('--phone <number>', 'digits (spaces, dashes fine) or an international number like "+91 95501 00001"')
			.option('--country-code <+NN>', 'country code with +, e.g. +91')
			.option('--extension <text>', 'extension / dialing prefix, e.g. +')
			.option('--dry-run', 'show the diff, the body and the curl equivalent; send nothing')
			.option('-y, --yes', 'send without asking (required when there is no terminal)')
			.option('--confirm-contact <id>', 'protected profiles: repeat the contact ID to allow sending')
			.option('--json', 'print {before, after, body, sent, result} as JSON on stdout; messages go to stderr')
			.action(
				run(async (globals, options) => {
					const {runUpdate} = await import('./update.js');
					return runUpdate(io, globals, options as never);
				}),
			),
		`  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --last-name Doe --dry-run
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone "+44 20 7946 0958" --yes
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone 9550100001 --country-code +91 --yes --json
  $ kore-contacts --profile prod update --stream st-123 --contact 667e48f7 \\
      --salutation Dr --yes --confirm-contact 667e48f7`,
		UPDATE_EXIT_CODES_HELP,
	);

	describe(
		program
			.command('history')
			.description('list the change journal (every update and undo sent from this computer), newest first')
			.option('--contact <id>', 'only this contact', identifier('contact ID'))
			.option('--stream <id>', 'only this stream', identifier('stream ID'))
			.option('--limit <n>', 'how many entries to show (default 20)', wholeNumber(1, 100_000))
			.option('--json', 'print the journal entries as a JSON array, nothing else')
			.addHelpText(
				'after',
				`
Each entry shows the local time; its ID (type this prefix to undo it); update
or undo; the outcome: done, failed, or OUTCOME UNKNOWN when the send was
interrupted or got no answer (check the contact), with ", undone" once an undo
of it succeeded; the contact; the fields changed (first, last, salut., cc,
phone, ext); and who sent it (user@computer, left out when the terminal is too
narrow). The journal is journal.jsonl in the settings folder
(KORE_CONTACTS_CONFIG_DIR); it never holds the client secret or a token.`,
			)
			.action(
				run(async (_globals, options) => {
					const {runHistory} = await import('./history.js');
					return runHistory(io, options as never);
				}),
			),
		`  $ kore-contacts history
  $ kore-contacts history --contact 667e48f7c8b972fc6910abcd --limit 5
  $ kore-contacts history --json | jq '.[] | select(.status == "unknown")'`,
		HISTORY_EXIT_CODES_HELP,
	);

	describe(
		program
			.command('undo')
			.description('put back the values a journal entry replaced: same preview, confirmation and conflict check as update')
			.argument('[entry]', 'journal entry ID or a unique prefix of it (default: the latest update for this host not undone yet)')
			.option('--force', 'undo even when the contact was changed after that entry (its other fields are kept)')
			.option('--dry-run', 'show what would be restored, the body and the curl equivalent; send nothing')
			.option('-y, --yes', 'send without asking (required when there is no terminal)')
			.option('--confirm-contact <id>', 'protected profiles: repeat the contact ID to allow sending')
			.option('--json', 'print {entry, before, after, body, sent, result} as JSON on stdout; messages go to stderr')
			.addHelpText(
				'after',
				`
The contact is read again first. When it no longer holds what that entry
stored (someone changed it since), undo shows the fields changed since and
stops with exit 3; --force puts the earlier values back anyway. An entry whose
outcome was unknown is compared the same way. The undo is itself journaled
(kind "undo"). The credentials must be for the entry's host.

--json: entry is the journal entry being undone; before = the contact's fields
now; after = the fields restored; body = exactly what is (or would be) sent,
null when there is nothing to send; sent = true only when the PUT succeeded;
result = the stored contact or null. Printed on exit 0 and 3.`,
			)
			.action(
				run(async (globals, options, args) => {
					const {runUndo} = await import('./undo.js');
					return runUndo(io, globals, options as never, args[0]);
				}),
			),
		`  $ kore-contacts history --limit 5
  $ kore-contacts undo --dry-run                  the latest update, shown only
  $ kore-contacts undo 0mi3x7k2a0                 one entry, by an ID prefix
  $ kore-contacts undo 0mi3x7k2a0 --yes --json    from a script
  $ kore-contacts undo 0mi3x7k2a0 --force --yes   though the contact changed
  $ kore-contacts --profile prod undo 0mi3x7k2a0 --yes \\
      --confirm-contact 667e48f7c8b972fc6910abcd`,
		UNDO_EXIT_CODES_HELP,
	);

	const profile = program
		.command('profile')
		.description('manage saved credentials profiles (list, add, remove, use)')
		.showHelpAfterError('Run `kore-contacts profile --help` to see its commands.')
		.addHelpText('after', `${EXIT_CODES_HELP}`);

	describe(
		profile
			.command('list')
			.description('list the saved profiles (* marks the default; secrets are never shown)')
			.option('--json', 'print the profiles as JSON (secrets redacted)')
			.action(
				run(async (globals, options) => {
					const {runProfileList} = await import('./profile.js');
					return runProfileList(io, globals, options as never);
				}),
			),
		'  $ kore-contacts profile list',
	);

	describe(
		profile
			.command('add')
			.description('save (or replace) a profile; asks on a terminal for what is missing (the secret masked)')
			.argument('<name>', 'profile name: letters, digits, "-", "_" or "."')
			.option('--protected', 'production: updates must repeat the contact ID with --confirm-contact')
			.option('--no-protected', 'when replacing a protected profile: make it unprotected')
			.addHelpText(
				'after',
				`
The host, account ID and client ID come from the global --host, --account-id
and --client-id options. The secret comes from --client-secret-stdin or a
masked prompt on a terminal, or is left out (then KORE_CLIENT_SECRET or a
prompt supplies it when the profile is used).`,
			)
			.action(
				run(async (globals, options, args) => {
					const {runProfileAdd} = await import('./profile.js');
					return runProfileAdd(io, globals, {...(options as object), name: args[0] ?? ''});
				}),
			),
		`  $ kore-contacts profile add prod --host platform.kore.ai \\
      --account-id 65f7... --client-id cs-... --protected
  $ printf %s "$SECRET" | kore-contacts profile add ci \\
      --host de-platform.kore.ai --account-id 65f7... --client-id cs-... \\
      --client-secret-stdin`,
	);

	describe(
		profile
			.command('remove')
			.description('delete a saved profile')
			.argument('<name>', 'profile name')
			.action(
				run(async (globals, _options, args) => {
					const {runProfileRemove} = await import('./profile.js');
					return runProfileRemove(io, globals, {name: args[0] ?? ''});
				}),
			),
		'  $ kore-contacts profile remove old-test',
	);

	describe(
		profile
			.command('use')
			.description('make a profile the default')
			.argument('<name>', 'profile name')
			.action(
				run(async (globals, _options, args) => {
					const {runProfileUse} = await import('./profile.js');
					return runProfileUse(io, globals, {name: args[0] ?? ''});
				}),
			),
		'  $ kore-contacts profile use prod',
	);

	describe(
		program
			.command('doctor')
			.description('check the setup: Node, settings file, credentials and where they come from, proxies, TLS, terminal')
			.option(
				'--stream <id>',
				'also list one contact of this stream, naming the failing piece (DNS, TLS, credentials, scope, stream)',
				identifier('stream ID'),
			)
			.action(
				run(async (globals, options) => {
					const {runDoctor} = await import('./doctor.js');
					return runDoctor(io, globals, options as never);
				}),
			),
		`  $ kore-contacts doctor
  $ kore-contacts --profile prod doctor --stream st-123`,
	);

	describe(
		program
			.command('sandbox')
			.description('run the built-in Kore.ai-compatible sandbox server (for trying things out and tests)')
			.option('--port <n>', 'port to listen on (default: a free one)', wholeNumber(0, 65_535))
			.action(
				run(async (_globals, options) => {
					const port = (options as {port?: number}).port;
					return hooks.runSandbox({
						...(port === undefined ? {} : {port}),
						env: io.env,
						stdout: io.stdout,
						stderr: io.stderr,
						signal: io.signal,
					});
				}),
			),
		`  $ kore-contacts sandbox --port 4010
  $ KORE_HOST=http://127.0.0.1:4010 kore-contacts list \\
      --stream st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10`,
	);

	return program;
}

/** Help is wrapped at the terminal's width, but never wider than 80 columns. */
function helpWidth(stream: {isTTY?: boolean; columns?: number}): number {
	const columns = stream.isTTY ? stream.columns : undefined;
	return columns && columns >= 40 ? Math.min(columns, 80) : 80;
}

function commandPath(command: Command): string {
	const names: string[] = [];
	for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
	return names.join(' ');
}

function suggest(word: string, program: Command): string {
	const names = program.commands.map(c => c.name());
	const close = names.filter(name => name.startsWith(word) || distance(name, word) <= 2);
	return close.length > 0 ? ` (did you mean ${close.map(n => `'${n}'`).join(' or ')}?)` : '';
}

function distance(a: string, b: string): number {
	const row = Array.from({length: b.length + 1}, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}
