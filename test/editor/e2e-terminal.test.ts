/**
 * How the editor copes with the terminal it is given: no terminal at all, CI variables, NO_COLOR,
 * TERM=dumb, a non-UTF-8 locale, signals. Real processes: the CLI under tmux or with piped stdio.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {DUMB_TERMINAL_MESSAGE, NOT_A_TTY_MESSAGE} from '../../source/editor/run.js';
import {UNICODE_SYMBOLS} from '../../source/editor/symbols.js';
import {stripColour} from '../../source/editor/terminal/capabilities.js';
import {eventually, startPty, type Pty} from '../helpers/pty.js';
import {cliCommand, cliCommandLine, tempDir} from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = cliCommand();
const COLOUR = /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/;

let pty: Pty | undefined;
afterEach(async () => {
	await pty?.kill();
	pty = undefined;
});

async function start(command: string[], env: Record<string, string> = {}): Promise<Pty> {
	pty = await startPty(command, {cols: 80, rows: 24, cwd: ROOT, env});
	return pty;
}

function sgrParameters(screen: string): string[] {
	// eslint-disable-next-line no-control-regex
	return [...screen.matchAll(/\u001B\[([\d;:]*)m/g)].flatMap(match => (match[1] ?? '').split(/[;:]/));
}

/** Runs the CLI with pipes for stdin, stdout and stderr (no terminal anywhere). */
async function runPiped(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const [node, ...rest] = CLI;
	const child = spawn(node!, [...rest, ...args], {
		cwd: ROOT,
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.homedir()},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	return {code, stdout, stderr};
}

describe('without a terminal', () => {
	it('exits 2 with one sentence pointing at the plain commands when stdin and stdout are pipes', async () => {
		const result = await runPiped(['--demo']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`${NOT_A_TTY_MESSAGE}\n`);
		expect(result.stderr).toContain('kore-contacts update --help');
		expect(result.stdout).toBe('');
	});

	it('exits 2 with the sentence on the terminal when only stdout is redirected', {timeout: 30_000}, async () => {
		const term = await start(['sh', '-c', `${cliCommandLine()} > /dev/null`]);
		expect(await term.waitForExit()).toBe(2);
		const screen = await term.screen({joinWrapped: true, history: true});
		expect(screen).toContain(NOT_A_TTY_MESSAGE);
		expect(screen).not.toMatch(/Raw mode|\n\s+at /);
	});
});

describe('the terminal environment', () => {
	it('renders and redraws with CI=true in the environment, and ends with 143 on SIGTERM', {timeout: 30_000}, async () => {
		const term = await start([...CLI, '--demo'], {CI: 'true', CONTINUOUS_INTEGRATION: '1'});
		await term.waitFor('› sandbox · st-5a1e0c9d');
		await term.key('Down');
		await term.waitFor('› Enter a stream ID…');
		process.kill(await term.pid(), 'SIGTERM');
		expect(await term.waitForExit()).toBe(143);
	});

	it('has no colour with NO_COLOR=1, but keeps bold and the inverse text cursor', {timeout: 30_000}, async () => {
		const term = await start([...CLI, '--demo'], {NO_COLOR: '1'});
		await term.waitFor('› sandbox · st-5a1e0c9d');
		await term.key('Enter');
		// The filter field's grey placeholder comes from ink-text-input, outside our theme.
		await term.waitFor(/\d+ of 150 loaded/);
		const parameters = sgrParameters(await term.screen({escapes: true}));
		expect(parameters.filter(p => COLOUR.test(p))).toEqual([]);
		expect(parameters).toContain('1');
		expect(parameters).toContain('7');
	});

	it('refuses TERM=dumb before drawing anything: exit 2, one ASCII sentence naming the plain commands, not one escape', {
		timeout: 30_000,
	}, async () => {
		const dir = tempDir('kc-dumb-');
		const output = path.join(dir, 'output');
		const go = path.join(dir, 'go');
		// The CLI starts once the recording is on, so every byte it writes to the terminal is in the file.
		const term = await start(['sh', '-c', `while [ ! -e '${go}' ]; do sleep 0.05; done; exec ${cliCommandLine()} --demo`], {
			TERM: 'dumb',
		});
		await term.record(output);
		fs.writeFileSync(go, '');
		expect(await term.waitForExit()).toBe(2);
		const written = await eventually(async () => {
			const text = fs.readFileSync(output, 'utf8');
			expect(text).toContain('update --help');
			return text;
		});
		expect(written).toBe(`${DUMB_TERMINAL_MESSAGE}\r\n`);
		expect(written).not.toContain('\u001B');
		expect(written).toMatch(/^[\x20-\x7E\r\n]+$/);
		expect(DUMB_TERMINAL_MESSAGE).toContain('move the cursor');
		for (const command of ['list --help', 'get --help', 'update --help']) expect(DUMB_TERMINAL_MESSAGE).toContain(command);
	});

	it('LANG=C LC_ALL=C TERM=xterm: the whole editor, in ASCII', {timeout: 30_000}, async () => {
		const term = await start([...CLI, '--demo'], {TERM: 'xterm', LANG: 'C', LC_ALL: 'C'});
		const glyphs = Object.values(UNICODE_SYMBOLS).filter(symbol => /[^\x00-\x7F]/.test(symbol));
		const expectAscii = (screen: string) => {
			// The demo's contacts have names in many scripts: those are data, shown as they are.
			for (const glyph of glyphs) expect(screen, `"${glyph}" on the screen:\n${screen}`).not.toContain(glyph);
		};
		expectAscii(await term.waitFor('> sandbox | st-5a1e0c9d'));
		const streams = await term.screen();
		expect(streams).toMatch(/^DEMO - a built-in sandbox/m);
		expect(streams).toContain('Up/Down move | Enter');
		expect(streams).toContain('Enter a stream ID...');
		await term.key('Enter');
		expectAscii(await term.waitFor(/\d+ of 150 loaded/));
		await term.key('Enter');
		expectAscii(await term.waitFor('Review changes (0)'));
	});
});

describe('stripColour', () => {
	it('drops colour parameters and keeps attributes and resets', () => {
		expect(stripColour('\u001B[1m\u001B[36mdemo\u001B[39m\u001B[22m')).toBe('\u001B[1mdemo\u001B[22m');
		expect(stripColour('\u001B[90mgrey\u001B[39m \u001B[7mx\u001B[27m')).toBe('grey \u001B[7mx\u001B[27m');
		expect(stripColour('\u001B[1;38;5;208;4mx\u001B[0m')).toBe('\u001B[1;4mx\u001B[0m');
		expect(stripColour('\u001B[38;2;1;2;3;48;5;9mx\u001B[m')).toBe('x\u001B[m');
		expect(stripColour('\u001B[2K\u001B[1A plain')).toBe('\u001B[2K\u001B[1A plain');
	});
});
