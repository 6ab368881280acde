/**
 * paceKeys against Ink itself (no act(): React schedules effects as it does in the real app). The
 * stdout below types a key the moment a frame is written, which is the worst moment: the new
 * screen is on the terminal but its key handler is subscribed only in a passive effect after it.
 */
import {EventEmitter} from 'node:events';
import {Text, render, useInput} from 'ink';
import {useEffect, useState} from 'react';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	PASTE_IGNORED,
	TYPED_AHEAD_IGNORED,
	paceKeys,
	useFreshKeys,
	useKeyInput,
	usePaste,
} from '../../source/editor/terminal/keys.js';

class FakeStdin extends EventEmitter {
	isTTY = true;
	private chunks: string[] = [];
	get readableLength(): number {
		return this.chunks.length;
	}
	type(data: string): void {
		this.chunks.push(data);
		this.emit('readable');
	}
	read(): string | null {
		return this.chunks.shift() ?? null;
	}
	setEncoding(): void {}
	setRawMode(): void {}
	ref(): void {}
	unref(): void {}
	resume(): void {}
	pause(): void {}
}

class FakeStdout extends EventEmitter {
	columns = 80;
	rows = 24;
	frames: string[] = [];
	onFrame: ((frame: string) => void) | undefined;
	write = (frame: string): boolean => {
		this.frames.push(frame);
		this.onFrame?.(frame);
		return true;
	};
}

function Second({onKey}: {onKey: (input: string, isReturn: boolean) => void}) {
	useInput((input, key) => {
		onKey(input, key.return);
	});
	return <Text>Second screen</Text>;
}

function First() {
	useInput(() => {});
	return <Text>First screen</Text>;
}

/** Shows the first screen, then (as when a request finishes) the second one after a timer. */
function Switcher({onKey}: {onKey: (input: string, isReturn: boolean) => void}) {
	const [second, setSecond] = useState(false);
	useEffect(() => {
		const timer = setTimeout(() => setSecond(true), 5);
		return () => clearTimeout(timer);
	}, []);
	return second ? <Second onKey={onKey} /> : <First />;
}

let previousAct: unknown;
beforeEach(() => {
	const scope = globalThis as {IS_REACT_ACT_ENVIRONMENT?: unknown};
	previousAct = scope.IS_REACT_ACT_ENVIRONMENT;
	scope.IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => {
	(globalThis as {IS_REACT_ACT_ENVIRONMENT?: unknown}).IS_REACT_ACT_ENVIRONMENT = previousAct;
});

/** Waits up to 2 s for `check`; the expectation after it says what arrived if it never passes. */
async function until(check: () => boolean): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!check() && Date.now() < deadline) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

describe('paceKeys', () => {
	it('delivers a key typed the instant a new screen is drawn to that screen, not into the gap before its handler', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout();
		const keys: Array<{input: string; isReturn: boolean}> = [];
		stdout.onFrame = frame => {
			if (frame.includes('Second screen') && keys.length === 0 && stdin.readableLength === 0) {
				stdout.onFrame = undefined;
				stdin.type('\r');
				stdin.type('x');
			}
		};
		const pacer = paceKeys(stdin as unknown as NodeJS.ReadStream);
		const instance = render(
			<pacer.Gate>
				<Switcher onKey={(input, isReturn) => keys.push({input, isReturn})} />
			</pacer.Gate>,
			{
				stdin: pacer.stdin,
				stdout: stdout as unknown as NodeJS.WriteStream,
				debug: true,
				exitOnCtrlC: false,
				patchConsole: false,
			},
		);
		try {
			await until(() => keys.length >= 2);
			expect(keys).toEqual([
				{input: '\r', isReturn: true},
				{input: 'x', isReturn: false},
			]);
		} finally {
			instance.unmount();
		}
	});

	it('hands keys over one at a time when they arrive in one read', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout();
		const keys: string[] = [];
		function Field() {
			useInput((input, key) => {
				keys.push(key.backspace || key.delete ? '⌫' : key.tab ? '⇥' : input);
			});
			return <Text>Field</Text>;
		}
		const pacer = paceKeys(stdin as unknown as NodeJS.ReadStream);
		const instance = render(
			<pacer.Gate>
				<Field />
			</pacer.Gate>,
			{stdin: pacer.stdin, stdout: stdout as unknown as NodeJS.WriteStream, debug: true, exitOnCtrlC: false, patchConsole: false},
		);
		try {
			await until(() => stdout.frames.some(frame => frame.includes('Field')));
			stdin.type('\t\u007F\u007FSmith');
			await until(() => keys.length >= 4);
			expect(keys).toEqual(['⇥', '⌫', '⌫', 'Smith']);
		} finally {
			instance.unmount();
		}
	});

	/** A screen that names each key it gets, takes pastes while `pastes`, and shows the input notice. */
	function mountRecorder(pastes: boolean) {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout();
		const keys: string[] = [];
		const pasted: string[] = [];
		function Recorder() {
			const {notice} = useKeyInput();
			useInput((input, key) => {
				keys.push(
					key.upArrow
						? '↑'
						: key.downArrow
							? '↓'
							: key.escape
								? 'Esc'
								: key.return
									? '⏎'
									: key.backspace || key.delete
										? '⌫'
										: input,
				);
			});
			usePaste(text => pasted.push(text), pastes);
			return <Text>Recorder {notice ?? ''}</Text>;
		}
		const pacer = paceKeys(stdin as unknown as NodeJS.ReadStream);
		const instance = render(
			<pacer.Gate>
				<Recorder />
			</pacer.Gate>,
			{stdin: pacer.stdin, stdout: stdout as unknown as NodeJS.WriteStream, debug: true, exitOnCtrlC: false, patchConsole: false},
		);
		return {stdin, stdout, keys, pasted, instance};
	}

	it('joins an arrow key whose bytes came in two reads, and still gives a lone Esc', async () => {
		const {stdin, stdout, keys, instance} = mountRecorder(false);
		try {
			await until(() => stdout.frames.some(frame => frame.includes('Recorder')));
			stdin.type('\u001B');
			await new Promise(resolve => setTimeout(resolve, 5));
			stdin.type('[B');
			await until(() => keys.length >= 1);
			stdin.type('\u001B');
			await until(() => keys.length >= 2);
			stdin.type('\u001B[A\u001B[B\rSmith\u001B\u007F');
			await until(() => keys.length >= 7);
			expect(keys).toEqual(['↓', 'Esc', '↑', '↓', '⏎', 'Smith', '⌫']);
		} finally {
			instance.unmount();
		}
	});

	it('gives a bracketed paste to the paste handler whole, never as keys', async () => {
		const {stdin, stdout, keys, pasted, instance} = mountRecorder(true);
		try {
			await until(() => stdout.frames.some(frame => frame.includes('Recorder')));
			stdin.type('\u001B[200~y\r');
			stdin.type('more\u001B[201~x');
			await until(() => keys.length >= 1);
			expect(pasted).toEqual(['y\rmore']);
			expect(keys).toEqual(['x']);
		} finally {
			instance.unmount();
		}
	});

	it('ignores a paste with no text field to take it, and says so', async () => {
		const {stdin, stdout, keys, pasted, instance} = mountRecorder(false);
		try {
			await until(() => stdout.frames.some(frame => frame.includes('Recorder')));
			stdin.type('\u001B[200~y\r\u001B[201~');
			await until(() => stdout.frames.some(frame => frame.includes(PASTE_IGNORED)));
			expect(keys).toEqual([]);
			expect(pasted).toEqual([]);
		} finally {
			instance.unmount();
		}
	});

	it('a confirmation drops a key typed before it was drawn, with a hint, and takes the next one', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout();
		const confirmed: string[] = [];
		function Confirm() {
			const isFresh = useFreshKeys();
			const {notice} = useKeyInput();
			useInput(input => {
				if (input === 'y' && isFresh()) confirmed.push(input);
			});
			return <Text>Confirm? {notice ?? ''}</Text>;
		}
		function Form() {
			const [done, setDone] = useState(false);
			useInput((_input, key) => {
				if (key.return) setDone(true);
			});
			return done ? <Confirm /> : <Text>Form</Text>;
		}
		const pacer = paceKeys(stdin as unknown as NodeJS.ReadStream);
		const instance = render(
			<pacer.Gate>
				<Form />
			</pacer.Gate>,
			{stdin: pacer.stdin, stdout: stdout as unknown as NodeJS.WriteStream, debug: true, exitOnCtrlC: false, patchConsole: false},
		);
		try {
			await until(() => stdout.frames.some(frame => frame.includes('Form')));
			// Enter and y in one read: the y was typed before the confirmation existed.
			stdin.type('\ry');
			await until(() => stdout.frames.some(frame => frame.includes(TYPED_AHEAD_IGNORED)));
			expect(confirmed).toEqual([]);
			stdin.type('y');
			await until(() => confirmed.length > 0);
			expect(confirmed).toEqual(['y']);
		} finally {
			instance.unmount();
		}
	});
});
