import {Command, CommanderError, Help, Option} from 'commander';
import {VERSION} from '../version.js';
import {EXIT_CODES_HELP, type CommandContext, type ProgramHooks} from './command.js';
import type {GlobalOptions} from './context.js';
import {bulkCommand} from './bulk.js';
import {doctorCommand} from './doctor.js';
import {EXIT, reportError, UsageError} from './errors.js';
import {findCommand} from './find.js';
import {getCommand} from './get.js';
import {historyCommand} from './history.js';
import type {CommandIo} from './io.js';
import {listCommand} from './list.js';
import {identifier, seconds} from './parse.js';
import {profileCommand} from './profile.js';
import {sandboxCommand} from './sandbox.js';
import {undoCommand} from './undo.js';
import {updateCommand} from './update.js';

export type {EditorLauncher, ProgramHooks, SandboxLauncher} from './command.js';
export {EXIT_CODES_HELP};

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
  $ kore-contacts --stream st-123 --contact 667e48f7
                               the editor straight on that contact's card
  $ kore-contacts list --stream st-123 --limit 20
  $ kore-contacts update --stream st-123 --contact 667e48f7 \\
      --phone "+91 95501 00001" --dry-run
  $ kore-contacts profile add prod --host platform.kore.ai \\
      --account-id 65f7... --client-id cs-...
  $ kore-contacts doctor --stream st-123`;

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
		.option('--stream <id>', 'start the editor on this stream (before any command)', identifier('stream ID'))
		.option('--contact <id>', "with --stream: start the editor on this contact's card", identifier('contact ID'))
		// Root options end at the command's name, so `list --stream X` is list's own --stream.
		.enablePositionalOptions()
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
		const globals = action.optsWithGlobals<GlobalOptions & {clientSecret?: unknown}>();
		if (globals.clientSecret !== undefined) {
			throw new UsageError(
				'The client secret is never taken as a flag value (it would show in `ps` and the shell history): set KORE_CLIENT_SECRET, use --client-secret-stdin, or save it in a profile.',
			);
		}
		// A command with its own --resume (bulk's batch) keeps it: only the editor's flag is refused there.
		const resume = action.options.some(option => option.long === '--resume' && !option.hidden)
			? program.opts()['resume']
			: globals.resume;
		if (action !== program && (globals.demo || resume)) {
			throw new UsageError(
				`--demo and --resume are for the editor: run \`kore-contacts ${globals.demo ? '--demo' : '--resume'}\` without a command.`,
			);
		}
		if (action !== program) hooks.onCommandStart?.();
	});

	program.action(async (command: string | undefined) => {
		if (command !== undefined) {
			// The root takes the editor's action, so commander treats a word as its argument: hand it back
			// to commander's own unknown-command report (with its "Did you mean" suggestion).
			(program as unknown as {unknownCommand(): never}).unknownCommand();
		}
		const globals = program.opts<GlobalOptions & EditorLink>();
		const link = editorLink(globals);
		const flags = {
			...(globals.host === undefined ? {} : {host: globals.host}),
			...(globals.accountId === undefined ? {} : {accountId: globals.accountId}),
			...(globals.clientId === undefined ? {} : {clientId: globals.clientId}),
		};
		if (globals.demo && Object.keys(flags).length > 0) {
			throw new UsageError(
				'--host, --account-id and --client-id cannot be used with --demo: the demo only talks to its built-in sandbox.',
			);
		}
		if (globals.clientSecretStdin) {
			throw new UsageError(
				'--client-secret-stdin is for the plain commands (the editor needs the terminal as stdin): set KORE_CLIENT_SECRET, save it in a profile, or type it when the editor asks.',
			);
		}
		setExit(
			await hooks.runEditor({
				demo: Boolean(globals.demo),
				...(globals.profile === undefined ? {} : {profile: globals.profile}),
				resume: Boolean(globals.resume),
				...(globals.timeout === undefined ? {} : {timeoutMs: globals.timeout * 1000}),
				...(Object.keys(flags).length > 0 ? {credentials: flags} : {}),
				...(link ? {link} : {}),
			}),
		);
	});

	const context: CommandContext = {io, hooks, setExit};
	for (const command of [
		listCommand(context),
		getCommand(context),
		findCommand(context),
		updateCommand(context),
		bulkCommand(context),
		historyCommand(context),
		undoCommand(context),
		profileCommand(context),
		doctorCommand(context),
		sandboxCommand(context),
	]) {
		program.addCommand(command);
	}
	const globalOptions = program.options.filter(option => !ROOT_ONLY.has(option.long ?? ''));
	forEachCommand(program, command => {
		// A command made with `new Command()` starts with commander's defaults: take the root's output, help and exit settings.
		command.copyInheritedSettings(command.parent!);
		// Positional options would refuse `list --stream X --profile P`: each command also takes the
		// global options itself (hidden: its help lists them once, as global options).
		for (const option of globalOptions) {
			if (!command.options.some(own => own.long === option.long)) command.addOption(hiddenCopy(option));
		}
		command.configureHelp({
			...program.configureHelp(),
			visibleGlobalOptions(this: Help, cmd: Command) {
				return Help.prototype.visibleGlobalOptions.call(this, cmd).filter(option => !ROOT_ONLY.has(option.long ?? ''));
			},
		});
		const hint = command.commands.length > 0 ? 'its commands' : 'its options';
		command.showHelpAfterError(`Run \`kore-contacts ${commandPath(command)} --help\` to see ${hint}.`);
	});

	return program;
}

/** Options of the editor alone: not repeated on the commands, which have their own --stream and --contact. */
const ROOT_ONLY = new Set(['--stream', '--contact', '--version', '--help']);

function hiddenCopy(option: Option): Option {
	const copy = new Option(option.flags, option.description).hideHelp();
	return option.parseArg ? copy.argParser(option.parseArg) : copy;
}

type EditorLink = {stream?: string; contact?: string};

/** --stream [--contact]: where the editor opens; --contact alone is a usage error. */
function editorLink(globals: EditorLink): {streamId: string; contactId?: string} | undefined {
	if (globals.contact !== undefined && globals.stream === undefined) {
		throw new UsageError(
			'--contact needs --stream: the contact is looked up in that stream, e.g. `kore-contacts --stream st-123 --contact 667e48f7`.',
		);
	}
	if (globals.stream === undefined) return undefined;
	return {streamId: globals.stream, ...(globals.contact === undefined ? {} : {contactId: globals.contact})};
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

function forEachCommand(parent: Command, visit: (command: Command) => void): void {
	for (const command of parent.commands) {
		visit(command);
		forEachCommand(command, visit);
	}
}
