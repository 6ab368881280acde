import {describe, expect, it} from 'vitest';
import {VERSION} from '../../source/version.js';
import {runCli} from '../helpers/run-cli.js';
import {runInProcess} from './in-process.js';

describe('kore-contacts (arguments)', () => {
	it('--version, --help, an unknown command and the sandbox command, as processes', async () => {
		const [version, help, unknown, sandbox] = await Promise.all([
			runCli(['--version']),
			runCli(['--help']),
			runCli(['lsit']),
			runCli(['sandbox', '--port', '0'], {sigintWhen: ({stdout}) => stdout.includes('Ctrl+C stops the sandbox')}),
		]);
		expect(sandbox.stdout).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\n/);
		expect(sandbox.code).toBe(0);
		expect(version).toEqual({code: 0, stdout: `${VERSION}\n`, stderr: ''});

		expect(help.code).toBe(0);
		expect(help.stderr).toBe('');
		for (const command of ['list', 'get', 'update', 'profile', 'doctor', 'sandbox']) {
			expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
		}
		for (const line of [
			/^ {2}0 +done/m,
			/^ {2}1 +the server or the network failed/m,
			/^ {2}2 +bad usage or invalid input; nothing was sent/m,
			/^ {2}3 +the contact changed since it was read/m,
			/^ {2}130 +interrupted/m,
		]) {
			expect(help.stdout).toMatch(line);
		}
		expect(help.stdout).toContain('--client-secret-stdin');
		expect(help.stdout).not.toMatch(/--client-secret[ ,<[]/);

		expect(unknown.code).toBe(2);
		expect(unknown.stdout).toBe('');
		expect(unknown.stderr).toContain("unknown command 'lsit'");
		expect(unknown.stderr).toContain('(Did you mean list?)');
		expect(unknown.stderr).toContain('kore-contacts --help');
		expect(unknown.stderr).not.toMatch(/\n\s+at /);
	});

	it('every command has --help with examples and the exit codes', async () => {
		for (const command of [['list'], ['get'], ['update'], ['profile', 'add'], ['profile', 'list'], ['doctor'], ['sandbox']]) {
			const result = await runInProcess([...command, '--help']);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`Usage: kore-contacts ${command.join(' ')}`);
			expect(result.stdout).toContain('Examples:');
			expect(result.stdout).toContain('Exit codes:');
			expect(result.stdout).toContain('--profile <name>');
		}
		const update = await runInProcess(['update', '--help']);
		expect(update.stdout).toContain('--dry-run');
		expect(update.stdout).toContain('--confirm-contact');
		expect(update.stdout).toMatch(/^ {2}2 +bad usage or invalid input, no --yes without a terminal/m);
	});

	it('unknown options and missing options exit 2 with a pointer at the command help', async () => {
		const option = await runInProcess(['get', '--stream', 'st-1', '--contact', 'c-1', '--bogus']);
		expect(option.code).toBe(2);
		expect(option.stderr).toContain("unknown option '--bogus'");
		expect(option.stderr).toContain('kore-contacts get --help');
		const missing = await runInProcess(['get', '--stream', 'st-1']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain("required option '--contact <id>' not specified");
		const profile = await runInProcess(['profile']);
		expect(profile.code).toBe(2);
		expect(profile.stderr).toContain('Usage: kore-contacts profile');
		for (const result of [option, missing, profile]) expect(result.stdout).toBe('');
	});

	it('never takes the secret as a flag value, and does not echo it', async () => {
		for (const args of [
			['list', '--stream', 'st-1', '--client-secret=hunter2-top-secret'],
			['--client-secret', 'hunter2-top-secret', 'list', '--stream', 'st-1'],
		]) {
			const result = await runInProcess(args);
			expect(result.code).toBe(2);
			expect(result.stderr).toContain('never taken as a flag value');
			expect(result.stderr).toContain('--client-secret-stdin');
			expect(result.stderr + result.stdout).not.toContain('hunter2');
		}
	});

	it('says which credentials are missing (exit 2), and that --demo is for the editor', async () => {
		const missing = await runInProcess(['list', '--stream', 'st-1'], {env: {KORE_HOST: 'platform.kore.ai'}});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe(
			'The account ID, client ID and client secret are not set: add a profile with `kore-contacts profile add NAME`, or set KORE_ACCOUNT_ID, KORE_CLIENT_ID and KORE_CLIENT_SECRET.\n',
		);
		const demo = await runInProcess(['list', '--stream', 'st-1', '--demo']);
		expect(demo.code).toBe(2);
		expect(demo.stderr).toContain('--demo and --resume are for the editor');
		const badTimeout = await runInProcess(['--timeout', '0', 'list', '--stream', 'st-1']);
		expect(badTimeout.code).toBe(2);
		expect(badTimeout.stderr).toContain('seconds');
	});

	it('an unexpected error is one short sentence and exit 1; the stack only with DEBUG=kore-contacts', async () => {
		// In process, the editor hook throws a plain Error: the kind of failure nobody planned for.
		const plain = await runInProcess([]);
		expect(plain.code).toBe(1);
		expect(plain.stderr).toBe(
			'Something unexpected went wrong: The editor is not run in process.\nThis looks like a bug in kore-contacts; run again with DEBUG=kore-contacts for details.\n',
		);
		const debug = await runInProcess([], {env: {DEBUG: 'kore-contacts'}});
		expect(debug.code).toBe(1);
		expect(debug.stderr).toMatch(
			/^Something unexpected went wrong: The editor is not run in process\.\nError: The editor is not run in process\.\n\s+at /,
		);
	});
});
