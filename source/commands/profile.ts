import {sanitize} from '../contact/sanitize.js';
import {normalizeHost} from '../kore/host.js';
import {toSafeJson} from '../output/json.js';
import {redactProfile, validateProfileName} from '../store/profiles.js';
import type {Profile} from '../store/types.js';
import {openSettings, type GlobalOptions} from './context.js';
import {EXIT, UsageError} from './errors.js';
import {wrap} from '../output/text.js';
import {isInteractive, outputWidth, printErrWrapped, printOut, printWrapped, stdoutStyle, type CommandIo} from './io.js';
import {askLine, askSecret, readStdinSecret} from './prompt.js';
import {Command} from 'commander';
import {defineCommand, EXIT_CODES_HELP, runner, type CommandContext} from './command.js';

export async function runProfileList(io: CommandIo, _globals: GlobalOptions, options: {json?: boolean}): Promise<number> {
	const store = await openSettings(io);
	const profiles = store.listProfiles();
	const defaultName = store.getDefaultProfile();
	if (options.json) {
		printOut(io, toSafeJson({defaultProfile: defaultName ?? null, profiles: profiles.map(redactProfile)}));
		return EXIT.ok;
	}
	if (profiles.length === 0) {
		printWrapped(io, 'No profiles yet. Add one with `kore-contacts profile add NAME --host H --account-id A --client-id C`.');
		return EXIT.ok;
	}
	const style = stdoutStyle(io);
	const row = (label: string, value: string) => `    ${label.padEnd(10)}  ${value}`;
	profiles.forEach((p, i) => {
		const shown = redactProfile(p);
		const isDefault = p.name === defaultName;
		if (i > 0) printOut(io);
		printOut(
			io,
			`${isDefault ? '*' : ' '} ${style.bold(sanitize(shown.name))}${isDefault ? ' (default)' : ''}${shown.protected ? ' (protected)' : ''}`,
		);
		printOut(io, row('host', sanitize(shown.host)));
		printOut(io, row('account ID', sanitize(shown.accountId)));
		printOut(io, row('client ID', sanitize(shown.clientId)));
		printWrapped(
			io,
			row('secret', p.clientSecret ? 'stored (not shown)' : 'not stored: KORE_CLIENT_SECRET or a prompt supplies it'),
			{
				indent: ' '.repeat(16),
			},
		);
	});
	if (!defaultName) {
		for (const line of wrap('No default profile: choose one with `kore-contacts profile use NAME`.', outputWidth(io))) {
			printOut(io, style.dim(line));
		}
	}
	return EXIT.ok;
}

export type ProfileAddOptions = {name: string; protected?: boolean};

/**
 * Saves a profile. Fields come from the global flags, else (when replacing) the existing
 * profile, else a prompt on a terminal. Without a terminal a missing field is a usage error.
 */
export async function runProfileAdd(io: CommandIo, globals: GlobalOptions, options: ProfileAddOptions): Promise<number> {
	const nameProblem = validateProfileName(options.name);
	if (nameProblem) throw new UsageError(nameProblem);
	const store = await openSettings(io);
	const existing = store.getProfile(options.name);
	const interactive = isInteractive(io);

	const field = async (flag: string | undefined, previous: string | undefined, question: string, flagName: string) => {
		const value = flag?.trim() || previous;
		if (value) return value;
		if (!interactive) throw new UsageError(`Profile not saved: ${flagName} is missing (there is no terminal to ask on).`);
		const typed = (await askLine(io, question)).trim();
		if (!typed) throw new UsageError(`Profile not saved: ${flagName} may not be empty.`);
		return typed;
	};

	const hostInput = await field(globals.host, existing?.host, 'Host (e.g. platform.kore.ai): ', '--host');
	const host = normalizeHost(hostInput);
	const accountId = await field(globals.accountId, existing?.accountId, 'Account ID: ', '--account-id');
	const clientId = await field(globals.clientId, existing?.clientId, 'Client ID: ', '--client-id');

	let clientSecret: string | undefined;
	if (globals.clientSecretStdin) {
		clientSecret = await readStdinSecret(io);
		if (!clientSecret) throw new UsageError('Profile not saved: --client-secret-stdin was given but stdin held no secret.');
	} else if (interactive) {
		const typed = await askSecret(
			io,
			`Client secret${existing?.clientSecret ? ' (Enter keeps the saved one)' : ' (Enter to not store it)'}: `,
		);
		clientSecret = typed || existing?.clientSecret;
	} else {
		clientSecret = existing?.clientSecret;
	}

	const profile: Profile = {
		name: options.name,
		host,
		accountId,
		clientId,
		protected: options.protected ?? existing?.protected ?? false,
		...(clientSecret ? {clientSecret} : {}),
	};
	store.saveProfile(profile);
	if (store.getDefaultProfile() === undefined) store.setDefaultProfile(profile.name);

	const isDefault = store.getDefaultProfile() === profile.name;
	printWrapped(
		io,
		`${existing ? 'Replaced' : 'Saved'} profile "${profile.name}"${isDefault ? ' (the default)' : ''}: ${host}, account ${sanitize(accountId)}${profile.protected ? ', protected' : ''}.`,
	);
	printWrapped(
		io,
		clientSecret
			? `The client secret is stored in ${store.path} (readable only by you).`
			: 'No client secret stored: KORE_CLIENT_SECRET or a prompt will supply it.',
	);
	return EXIT.ok;
}

export async function runProfileRemove(io: CommandIo, _globals: GlobalOptions, options: {name: string}): Promise<number> {
	const store = await openSettings(io);
	if (!store.removeProfile(options.name)) {
		throw new UsageError(`There is no profile named "${sanitize(options.name)}": see \`kore-contacts profile list\`.`);
	}
	printOut(io, `Removed profile "${sanitize(options.name)}".`);
	const now = store.getDefaultProfile();
	if (now === undefined && store.listProfiles().length > 0) {
		printErrWrapped(io, 'There is no default profile now: choose one with `kore-contacts profile use NAME`.');
	}
	return EXIT.ok;
}

export async function runProfileUse(io: CommandIo, _globals: GlobalOptions, options: {name: string}): Promise<number> {
	const store = await openSettings(io);
	store.setDefaultProfile(options.name);
	printOut(io, `The default profile is now "${sanitize(options.name)}".`);
	return EXIT.ok;
}

/** `kore-contacts profile list|add|remove|use`: their flags and what they run. */
export function profileCommand(context: CommandContext): Command {
	const {io} = context;
	const profile = new Command('profile')
		.description('manage saved credentials profiles (list, add, remove, use)')
		.addHelpText('after', EXIT_CODES_HELP);
	profile.addCommand(
		defineCommand('list', '  $ kore-contacts profile list')
			.description('list the saved profiles (* marks the default; secrets are never shown)')
			.option('--json', 'print the profiles as JSON (secrets redacted)')
			.action(runner<{json?: boolean}>(context, (globals, options) => runProfileList(io, globals, options))),
	);
	profile.addCommand(
		defineCommand(
			'add',
			`  $ kore-contacts profile add prod --host platform.kore.ai \\
      --account-id 65f7... --client-id cs-... --protected
  $ printf %s "$SECRET" | kore-contacts profile add ci \\
      --host de-platform.kore.ai --account-id 65f7... --client-id cs-... \\
      --client-secret-stdin`,
		)
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
				runner<{protected?: boolean}>(context, (globals, options, [name = '']) => runProfileAdd(io, globals, {...options, name})),
			),
	);
	profile.addCommand(
		defineCommand('remove', '  $ kore-contacts profile remove old-test')
			.description('delete a saved profile')
			.argument('<name>', 'profile name')
			.action(runner(context, (globals, _options, [name = '']) => runProfileRemove(io, globals, {name}))),
	);
	profile.addCommand(
		defineCommand('use', '  $ kore-contacts profile use prod')
			.description('make a profile the default')
			.argument('<name>', 'profile name')
			.action(runner(context, (globals, _options, [name = '']) => runProfileUse(io, globals, {name}))),
	);
	return profile;
}
