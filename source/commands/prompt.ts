import {createInterface} from 'node:readline';
import {InterruptedError} from './errors.js';
import type {CommandIo} from './io.js';

/** Asks one line on the terminal (question on stderr, so stdout stays clean for --json). */
export async function askLine(io: CommandIo, question: string): Promise<string> {
	const rl = createInterface({input: io.stdin, output: io.stderr, terminal: Boolean(io.stdin.isTTY)});
	try {
		return await new Promise<string>((resolve, reject) => {
			const onAbort = () => reject(new InterruptedError());
			rl.on('SIGINT', onAbort);
			rl.on('close', () => reject(new InterruptedError()));
			io.signal.addEventListener('abort', onAbort, {once: true});
			rl.question(question, answer => {
				io.signal.removeEventListener('abort', onAbort);
				resolve(answer);
			});
		});
	} finally {
		rl.close();
	}
}

/** "Send this update? [y/N]": only y or yes (any case) says yes. */
export async function confirm(io: CommandIo, question: string): Promise<boolean> {
	const answer = await askLine(io, `${question} [y/N] `);
	return /^\s*y(es)?\s*$/i.test(answer);
}

/**
 * Reads a secret on the terminal without showing it: each character echoes as '*'.
 * Backspace deletes, Ctrl+U clears, Enter ends, Ctrl+C interrupts; escape sequences
 * (arrow keys) are ignored. Needs a TTY stdin.
 */
export async function askSecret(io: CommandIo, question: string): Promise<string> {
	const {stdin, stderr} = io;
	if (!stdin.isTTY || !stdin.setRawMode) throw new Error('askSecret needs a terminal');
	stderr.write(question);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.resume();
	return new Promise<string>((resolve, reject) => {
		let value = '';
		let escaping: 'none' | 'start' | 'csi' = 'none';
		const finish = () => {
			stdin.off('data', onData);
			io.signal.removeEventListener('abort', onAbort);
			stdin.setRawMode?.(false);
			stdin.pause();
			stderr.write('\n');
		};
		const onAbort = () => {
			finish();
			reject(new InterruptedError());
		};
		const onData = (chunk: string | Buffer) => {
			for (const ch of String(chunk)) {
				if (escaping === 'start') {
					escaping = ch === '[' || ch === 'O' ? 'csi' : 'none';
					continue;
				}
				if (escaping === 'csi') {
					if (ch >= '@' && ch <= '~') escaping = 'none';
					continue;
				}
				if (ch === '\r' || ch === '\n') {
					finish();
					resolve(value);
					return;
				}
				if (ch === '\u0003') {
					onAbort();
					return;
				}
				if (ch === '\u0004' && value === '') {
					finish();
					resolve('');
					return;
				}
				if (ch === '\u007f' || ch === '\b') {
					if (value) {
						value = [...value].slice(0, -1).join('');
						stderr.write('\b \b');
					}
					continue;
				}
				if (ch === '\u0015') {
					stderr.write('\b \b'.repeat([...value].length));
					value = '';
					continue;
				}
				if (ch === '\u001B') {
					escaping = 'start';
					continue;
				}
				if (ch < ' ') continue;
				value += ch;
				stderr.write('*');
			}
		};
		io.signal.addEventListener('abort', onAbort, {once: true});
		stdin.on('data', onData);
	});
}

/** Reads all of stdin (for --client-secret-stdin): the first line, without its line break. */
export async function readStdinSecret(io: CommandIo): Promise<string> {
	if (io.stdin.isTTY) return askSecret(io, 'Client secret: ');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of io.stdin) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		chunks.push(buffer);
		size += buffer.length;
		if (size > 65_536) break;
	}
	const text = Buffer.concat(chunks).toString('utf8');
	return (text.split(/\r?\n/)[0] ?? '').trim();
}
