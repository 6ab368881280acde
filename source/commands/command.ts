import {Command, type OptionValues} from 'commander';
import type {EditorStart} from '../editor/services.js';
import type {GlobalOptions} from './context.js';
import type {SandboxCommandOptions} from './sandbox.js';
import type {CommandIo} from './io.js';

export type EditorLauncher = (options: EditorStart) => Promise<number>;
export type SandboxLauncher = (options: SandboxCommandOptions) => Promise<number>;

export type ProgramHooks = {
	/** Starts the interactive editor (lazily imported by cli.tsx). */
	runEditor: EditorLauncher;
	/** Starts the sandbox server (lazily imported by cli.tsx). */
	runSandbox: SandboxLauncher;
	/** Called just before a plain command runs (cli.tsx installs its Ctrl+C handling there). */
	onCommandStart?: () => void;
};

/** What every command file gets from the program: the one I/O, the launchers, where the exit code goes. */
export type CommandContext = {
	io: CommandIo;
	hooks: ProgramHooks;
	setExit: (code: number) => void;
};

export const EXIT_CODES_HELP = `
Exit codes:
  0    done (also: --dry-run, or nothing to change)
  1    the server or the network failed (for update: the outcome is printed)
  2    bad usage or invalid input; nothing was sent
  3    the contact changed since it was read (conflict); nothing was sent
  130  interrupted (Ctrl+C)`;

/** A subcommand with its help footer: examples, then its exit codes. */
export function defineCommand(name: string, examples: string, exitCodes = EXIT_CODES_HELP): Command {
	return new Command(name).addHelpText('after', `\nExamples:\n${examples}\n${exitCodes}`);
}

/**
 * The action of a command whose options are typed `O`: the global options, its own options and its
 * positional arguments go to `runner`, and its exit code to the program.
 */
export function runner<O extends OptionValues = OptionValues>(
	context: CommandContext,
	run: (globals: GlobalOptions, options: O, args: string[]) => Promise<number>,
): (this: Command, ...args: unknown[]) => Promise<void> {
	return async function (this: Command, ...args: unknown[]) {
		const positional = args.slice(0, -2).filter((a): a is string => typeof a === 'string');
		context.setExit(await run(this.optsWithGlobals<GlobalOptions>(), this.opts<O>(), positional));
	};
}
