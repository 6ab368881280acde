/**
 * The published package, as npm packs it (`npm pack` runs prepack, which builds dist/cli.js): its
 * size, that it has no runtime dependencies, what it ships, and that the bundle works on its own,
 * extracted far from this repository's node_modules: --version, --help, its settings schema, its
 * sandbox, a request directly and through a proxy, and the demo started with npx from an empty
 * folder in a real terminal.
 */
import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {createProxy, type ProxyServer} from 'proxy';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasScript, spawnInPty} from '../../bench/pty.js';
import {SANDBOX_DEFAULTS} from '../../source/sandbox/defaults.js';
import {VERSION} from '../../source/version.js';
import {REPO_ROOT} from '../helpers/run-cli.js';

const run = promisify(execFile);

const MAX_TARBALL_BYTES = 600 * 1024;
const SHIPPED = ['LICENSE', 'README.md', 'dist/cli.js', 'package.json'];

type PackResult = {filename: string; size: number; files: Array<{path: string}>};

let work = '';
let tarball = '';
let packed: PackResult;
let pkg: Record<string, unknown>;
let cli = '';
/** An empty folder: commands run here find no node_modules and no package.json. */
let empty = '';

/** Runs the extracted bundle with node; never throws on a non-zero exit. */
async function bundle(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[cli, ...args],
			{
				cwd: empty,
				env: {PATH: process.env['PATH'], HOME: empty, KORE_CONTACTS_CONFIG_DIR: path.join(work, 'config'), ...env},
				timeout: 20_000,
			},
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') {
					reject(error);
					return;
				}

				resolve({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr});
			},
		);
	});
}

/** npm with a cold, private cache, as on a jump host that never ran kore-contacts. */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!name.toLowerCase().startsWith('npm_')) env[name] = value;
	}

	return {
		...env,
		npm_config_cache: path.join(work, 'npm-cache'),
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	};
}

beforeAll(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-pack-'));
	empty = path.join(work, 'empty');
	fs.mkdirSync(empty);
	const packDir = path.join(work, 'pack');
	fs.mkdirSync(packDir);
	const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', packDir], {
		cwd: REPO_ROOT,
		env: npmEnv(),
		maxBuffer: 10 * 1024 * 1024,
	});
	const results = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];
	expect(results).toHaveLength(1);
	packed = results[0]!;
	tarball = path.join(packDir, packed.filename);
	const extracted = path.join(work, 'extracted');
	fs.mkdirSync(extracted);
	await run('tar', ['-xzf', tarball, '-C', extracted]);
	pkg = JSON.parse(fs.readFileSync(path.join(extracted, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
	cli = path.join(extracted, 'package', 'dist', 'cli.js');
}, 120_000);

afterAll(() => {
	if (work) fs.rmSync(work, {recursive: true, force: true});
});

describe('the npm package', () => {
	it(`is at most ${MAX_TARBALL_BYTES / 1024} KiB`, () => {
		const size = fs.statSync(tarball).size;
		expect(
			size,
			`${packed.filename} is ${(size / 1024).toFixed(1)} KiB; see what takes the room with node scripts/build.mjs --meta (dist/meta.json, esbuild's analyser)`,
		).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
	});

	it('ships only the bundle, README, LICENSE and package.json', () => {
		expect(packed.files.map(file => file.path).sort()).toEqual(SHIPPED);
	});

	it('has no runtime dependencies, and its bin is the executable bundle', () => {
		for (const field of [
			'dependencies',
			'optionalDependencies',
			'peerDependencies',
			'bundleDependencies',
			'bundledDependencies',
		]) {
			expect(Object.keys((pkg[field] as Record<string, string> | undefined) ?? {}), field).toEqual([]);
		}

		const bin = pkg['bin'] as Record<string, string> | string;
		const target = typeof bin === 'string' ? bin : bin['kore-contacts'];
		expect(target).toBeDefined();
		expect(SHIPPED).toContain(path.posix.normalize(target!));
		expect(path.join(path.dirname(path.dirname(cli)), target!)).toBe(cli);
		expect(fs.statSync(cli).mode & 0o111, 'the bundle is executable').not.toBe(0);
		expect(fs.readFileSync(cli, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
	});

	it('prints --version and --help on its own, away from any node_modules', async () => {
		const [version, help] = await Promise.all([bundle(['--version']), bundle(['--help'])]);
		expect(version).toEqual({code: 0, stdout: `${VERSION}\n`, stderr: ''});
		expect(pkg['version']).toBe(VERSION);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('Usage: kore-contacts');
		expect(help.stderr).toBe('');
	});

	it('checks the settings file against its schema', async () => {
		const dir = path.join(work, 'bad-config');
		fs.mkdirSync(dir, {mode: 0o700});
		fs.writeFileSync(path.join(dir, 'config.json'), '{"version": 1, "profiles": [{"name": "x"}]}', {mode: 0o600});
		const result = await bundle(['profile', 'list'], {KORE_CONTACTS_CONFIG_DIR: dir});
		expect(result.code).toBe(0);
		expect(result.stderr).toContain("did not have the expected layout (profiles/0 must have required property 'host'");
		expect(fs.readdirSync(dir).some(name => name.startsWith('config.json.corrupt-'))).toBe(true);
	});

	describe('talks to its own sandbox', () => {
		let sandbox: ReturnType<typeof spawn> | undefined;
		let url = '';
		let proxy: ProxyServer;
		let proxyUrl = '';
		let proxied = 0;
		const sockets = new Set<Socket>();

		beforeAll(async () => {
			sandbox = spawn(process.execPath, [cli, 'sandbox', '--port', '0'], {
				cwd: empty,
				env: {PATH: process.env['PATH'], HOME: empty},
			});
			url = await new Promise<string>((resolve, reject) => {
				let output = '';
				sandbox!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
					output += chunk;
					const match = /^listening (\S+)$/m.exec(output);
					if (match) resolve(match[1]!);
				});
				sandbox!.on('exit', code => {
					reject(new Error(`kore-contacts sandbox exited with ${code}: ${output}`));
				});
			});

			proxy = createProxy(http.createServer());
			proxy.on('connect', () => proxied++);
			proxy.on('request', () => proxied++);
			proxy.on('connection', socket => {
				sockets.add(socket);
				socket.on('close', () => sockets.delete(socket));
			});
			await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
			proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		}, 30_000);

		afterAll(async () => {
			for (const socket of sockets) socket.destroy();
			if (proxy) await new Promise(resolve => proxy.close(resolve));
			if (sandbox && sandbox.exitCode === null) {
				const exited = new Promise(resolve => sandbox!.on('exit', resolve));
				sandbox.kill('SIGTERM');
				await exited;
			}
		});

		const credentials = () => ({
			KORE_HOST: url,
			KORE_ACCOUNT_ID: SANDBOX_DEFAULTS.accountId,
			KORE_CLIENT_ID: SANDBOX_DEFAULTS.clientId,
			KORE_CLIENT_SECRET: SANDBOX_DEFAULTS.clientSecret,
		});

		it('lists contacts directly and through HTTP_PROXY', async () => {
			const args = ['list', '--stream', SANDBOX_DEFAULTS.streamId, '--limit', '3', '--json'];
			const direct = await bundle(args, credentials());
			expect(direct.stderr).toBe('');
			expect(direct.code).toBe(0);
			expect((JSON.parse(direct.stdout) as {results: unknown[]}).results).toHaveLength(3);
			expect(proxied).toBe(0);

			const viaProxy = await bundle(args, {...credentials(), HTTP_PROXY: proxyUrl});
			expect(viaProxy.stderr).toBe('');
			expect(viaProxy.code).toBe(0);
			expect(JSON.parse(viaProxy.stdout)).toEqual(JSON.parse(direct.stdout));
			expect(proxied).toBeGreaterThanOrEqual(1);
		});

		it('saves a contact through HTTP_PROXY, and reads it back', async () => {
			const listed = await bundle(['list', '--stream', SANDBOX_DEFAULTS.streamId, '--limit', '5', '--json'], credentials());
			expect(listed.code, listed.stderr).toBe(0);
			const id = (JSON.parse(listed.stdout) as {results: Array<{id: string}>}).results[4]!.id;
			const before = proxied;
			const saved = await bundle(
				['update', '--stream', SANDBOX_DEFAULTS.streamId, '--contact', id, '--first-name', 'Bundled', '--yes'],
				{...credentials(), HTTP_PROXY: proxyUrl},
			);
			expect(saved.code, saved.stderr).toBe(0);
			expect(saved.stdout).toContain('Verified');
			expect(proxied).toBeGreaterThan(before);
			const got = await bundle(['get', '--stream', SANDBOX_DEFAULTS.streamId, '--contact', id, '--json'], credentials());
			expect(got.code, got.stderr).toBe(0);
			expect(got.stdout).toContain('"firstName": "Bundled"');
		});

		it('stops on SIGTERM', async () => {
			let output = '';
			sandbox!.stdout!.on('data', (chunk: string) => {
				output += chunk;
			});
			const exited = new Promise<number | null>(resolve => sandbox!.on('exit', resolve));
			sandbox!.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(output).toContain('sandbox stopped');
		});
	});

	describe('with npx, from an empty folder', () => {
		it('runs --version, by tarball path and with --package', async () => {
			const relative = path.relative(empty, tarball);
			const [byPath, byPackage] = await Promise.all([
				run('npx', ['--yes', relative, '--version'], {cwd: empty, env: npmEnv()}),
				run('npx', ['--yes', '--package', relative, 'kore-contacts', '--version'], {
					cwd: empty,
					env: {...npmEnv(), npm_config_cache: path.join(work, 'npm-cache-2')},
				}),
			]);
			expect(byPath.stdout).toBe(`${VERSION}\n`);
			expect(byPackage.stdout).toBe(`${VERSION}\n`);
			expect(fs.readdirSync(empty)).toEqual([]);
		}, 60_000);

		it.skipIf(!hasScript())(
			'draws the demo in a terminal',
			async () => {
				const pty = spawnInPty(['npx', '--yes', path.relative(empty, tarball), '--demo'], {cwd: empty, env: npmEnv()});
				try {
					await pty.waitFor(text => text.includes('nothing real is changed') && text.includes('Choose a stream'), {
						timeoutMs: 30_000,
						what: 'the demo’s first screen',
					});
				} finally {
					await pty.stop();
				}
			},
			60_000,
		);
	});
});
