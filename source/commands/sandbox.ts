import type {Command} from 'commander';
import {InvalidArgumentError} from 'commander';
import {SANDBOX_DEFAULTS} from '../sandbox/defaults.js';
import type {FaultSpec} from '../sandbox/types.js';
import {defineCommand, runner, type CommandContext} from './command.js';
import {wholeNumber} from './parse.js';

export type SandboxCommandOptions = {
	port?: number;
	env?: NodeJS.ProcessEnv;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
	/** Stops the server like SIGINT would (for tests and embedding). */
	signal?: AbortSignal;
	/** Faults to arm at start, as `POST /__sandbox/faults` takes them (parsed JSON, checked here). */
	faults?: unknown[];
};

/** Builds a token from $KORE_CLIENT_ID and $KORE_CLIENT_SECRET with node:crypto only (no packages needed). */
const MINT_JWT =
	'export KORE_JWT=$(node -e \'const c=require("crypto"),b=o=>Buffer.from(JSON.stringify(o)).toString("base64url"),t=Math.floor(Date.now()/1000),h=b({alg:"HS256",typ:"JWT"})+"."+b({appId:process.env.KORE_CLIENT_ID,sub:"me",iat:t,exp:t+300,jti:c.randomUUID()});console.log(h+"."+c.createHmac("sha256",process.env.KORE_CLIENT_SECRET).update(h).digest("base64url"))\')';

const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * `kore-contacts sandbox`: a local Kore-compatible Contacts API until SIGINT/SIGTERM (or `signal`).
 * The first line is always `listening <url>` so scripts can wait for it. The client secret is only
 * printed when it is the sandbox's built-in, public one.
 */
export async function runSandboxCommand(options: SandboxCommandOptions = {}): Promise<number> {
	const env = options.env ?? process.env;
	const out = options.stdout ?? process.stdout;
	const err = options.stderr ?? process.stderr;
	const fromEnv = (name: string) => (env[name] && env[name]!.trim() !== '' ? env[name]!.trim() : undefined);
	const accountId = fromEnv('KORE_ACCOUNT_ID') ?? SANDBOX_DEFAULTS.accountId;
	const clientId = fromEnv('KORE_CLIENT_ID') ?? SANDBOX_DEFAULTS.clientId;
	const envSecret = fromEnv('KORE_CLIENT_SECRET');
	const clientSecret = envSecret ?? SANDBOX_DEFAULTS.clientSecret;

	if (options.signal?.aborted) return 0;
	// Loaded here, not with the program: only this command runs the server.
	const [{startSandbox}, {parseFault, FaultError}] = await Promise.all([
		import('../sandbox/server.js'),
		import('../sandbox/faults.js'),
	]);
	const faults: FaultSpec[] = [];
	for (const raw of options.faults ?? []) {
		try {
			faults.push(parseFault(raw, {allowInfinity: false}));
		} catch (error) {
			if (!(error instanceof FaultError)) throw error;
			err.write(`Could not start the sandbox: --fault ${JSON.stringify(raw)}: ${error.message}\n`);
			return 2;
		}
	}
	let sandbox;
	try {
		sandbox = await startSandbox({port: options.port ?? SANDBOX_DEFAULTS.port, accountId, clientId, clientSecret});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		err.write(
			code === 'EADDRINUSE'
				? `Could not start the sandbox: port ${options.port} is already in use. Pick another with --port, or 0 for any free port.\n`
				: code === 'EACCES'
					? `Could not start the sandbox: not allowed to listen on port ${options.port}. Pick a port above 1024, or 0 for any free port.\n`
					: `Could not start the sandbox: ${(error as Error).message}\n`,
		);
		return 1;
	}

	const listUrl = `${sandbox.url}/agentassist/api/v1/public/${sandbox.streamId}/contacts?skip=0&limit=10`;
	const lines = [
		`listening ${sandbox.url}`,
		`stream ID:     ${sandbox.streamId}`,
		`account ID:    ${sandbox.accountId}`,
		`client ID:     ${sandbox.clientId}`,
		`client secret: ${envSecret ? '(from KORE_CLIENT_SECRET)' : sandbox.clientSecret}`,
		'',
		'Mint a JWT (HS256, appId = client ID, valid 5 minutes):',
		`  export KORE_CLIENT_ID=${shellQuote(sandbox.clientId)}`,
		envSecret
			? '  # KORE_CLIENT_SECRET is already set in this environment'
			: `  export KORE_CLIENT_SECRET=${shellQuote(sandbox.clientSecret)}`,
		`  ${MINT_JWT}`,
		'',
		'List contacts:',
		`  curl -s ${shellQuote(listUrl)} \\`,
		`    --header ${shellQuote(`accountId: ${sandbox.accountId}`)} \\`,
		'    --header "auth: $KORE_JWT"',
		'',
		...faults.map(fault => `fault armed: ${JSON.stringify(fault)}`),
		`In kore-contacts, use host ${sandbox.url} with the IDs above. Ctrl+C stops the sandbox.`,
	];
	for (const fault of faults) sandbox.faults.add(fault);
	out.write(lines.join('\n') + '\n');

	await new Promise<void>(resolve => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			options.signal?.removeEventListener('abort', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		options.signal?.addEventListener('abort', stop, {once: true});
	});
	await sandbox.close();
	out.write('sandbox stopped\n');
	return 0;
}

/** `kore-contacts sandbox`: its flags; the server starts through the program's launcher. */
export function sandboxCommand(context: CommandContext): Command {
	const {io, hooks} = context;
	return defineCommand(
		'sandbox',
		`  $ kore-contacts sandbox --port 4010
  $ KORE_HOST=http://127.0.0.1:4010 kore-contacts list \\
      --stream st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10`,
	)
		.description('run the built-in Kore.ai-compatible sandbox server (for trying things out and tests)')
		.option('--port <n>', 'port to listen on (default: a free one)', wholeNumber(0, 65_535))
		.option(
			'--fault <json>',
			'arm a fault at start, as POST /__sandbox/faults takes it, e.g. \'{"type":"bulkPartial","every":3,"times":100}\' (repeatable)',
			collectJson,
			[],
		)
		.action(
			runner<{port?: number; fault: unknown[]}>(context, (_globals, {port, fault}) =>
				hooks.runSandbox({
					...(port === undefined ? {} : {port}),
					...(fault.length === 0 ? {} : {faults: fault}),
					env: io.env,
					stdout: io.stdout,
					stderr: io.stderr,
					signal: io.signal,
				}),
			),
		);
}

/** Each --fault value parsed as JSON (what it describes is checked when the sandbox starts). */
function collectJson(value: string, previous: unknown[]): unknown[] {
	try {
		return [...previous, JSON.parse(value) as unknown];
	} catch {
		throw new InvalidArgumentError('Type the fault as JSON, e.g. \'{"type":"bulkTimeout","ms":30000}\'.');
	}
}
