/**
 * Renders Ink trees for tests with a controllable terminal size, every update inside React's act(),
 * and helpers that wait for a frame instead of sleeping a fixed time.
 */
import {EventEmitter} from 'node:events';
import React, {act, useReducer, useState, type ReactElement} from 'react';
import {render as inkRender, type Instance} from 'ink';
import stripAnsi from 'strip-ansi';
import type {EditorServices} from '../../../source/editor/services.js';
import {flowReducer, type FlowAction, type FlowState} from '../../../source/editor/state/flow.js';
import type {Wait} from '../../../source/editor/components/Waiting.js';
import {EditorContext, type EditorContextValue, type StreamInput} from '../../../source/editor/hooks/use-editor.js';
import {createTheme, ThemeContext} from '../../../source/editor/theme.js';
import type {KoreClient} from '../../../source/kore/types.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const KEY = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
	end: '\u001B[F',
	home: '\u001B[H',
} as const;

class FakeStdout extends EventEmitter {
	isTTY = true;
	readonly frames: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

export type Rendered = {
	/** The last frame, ANSI codes removed. */
	frame: () => string;
	/** The last frame as written (may hold ANSI codes). */
	rawFrame: () => string;
	/** Presses one key (or writes one chunk, which Ink sees as a paste when it is longer). */
	press: (key: string) => Promise<void>;
	/** Types text one character at a time. */
	type: (text: string) => Promise<void>;
	/** Writes text as one chunk (a paste: faster than typing, and what a paste looks like to Ink). */
	paste: (text: string) => Promise<void>;
	/** Several keys in one go, before React re-registers input handlers (fast typing over SSH). */
	burst: (keys: string[]) => Promise<void>;
	/** Polls the last frame until the predicate holds; fails with the frame after `timeout` ms. */
	waitFor: (predicate: string | RegExp | ((frame: string) => boolean), timeout?: number) => Promise<string>;
	resize: (columns: number, rows: number) => Promise<void>;
	unmount: () => Promise<void>;
	stdout: FakeStdout;
	instance: Instance;
};

const tick = async () =>
	new Promise<void>(resolve => {
		setImmediate(resolve);
	});

export async function renderInk(tree: ReactElement, size: {columns?: number; rows?: number} = {}): Promise<Rendered> {
	const stdout = new FakeStdout(size.columns ?? 80, size.rows ?? 24);
	const stderr = new FakeStdout(size.columns ?? 80, size.rows ?? 24);
	const stdin = new FakeStdin();
	let instance: Instance | undefined;
	await act(async () => {
		instance = inkRender(tree, {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stderr: stderr as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
	});
	const rawFrame = () => stdout.frames.at(-1) ?? '';
	const frame = () => stripAnsi(rawFrame());
	const press = async (key: string) => {
		await act(async () => {
			stdin.write(key);
			// A lone Esc is delivered on the next tick (Ink waits to see whether a sequence follows).
			await tick();
		});
	};

	return {
		frame,
		rawFrame,
		press,
		async type(text) {
			for (const char of text) {
				await press(char);
			}
		},
		paste: press,
		async burst(keys) {
			await act(async () => {
				for (const key of keys) {
					stdin.write(key);
				}

				await tick();
			});
		},
		async waitFor(predicate, timeout = 5000) {
			const test =
				typeof predicate === 'string'
					? (f: string) => f.includes(predicate)
					: predicate instanceof RegExp
						? (f: string) => predicate.test(f)
						: predicate;
			const deadline = Date.now() + timeout;
			for (;;) {
				const current = frame();
				if (test(current)) {
					return current;
				}

				if (Date.now() > deadline) {
					throw new Error(`Timed out waiting for ${String(predicate)}. Last frame:\n${current}`);
				}

				await act(async () => {
					await new Promise(resolve => {
						setTimeout(resolve, 10);
					});
				});
			}
		},
		async resize(columns, rows) {
			await act(async () => {
				stdout.columns = columns;
				stdout.rows = rows;
				stdout.emit('resize');
				await tick();
			});
		},
		async unmount() {
			await act(async () => {
				instance?.unmount();
			});
		},
		stdout,
		instance: instance!,
	};
}

/** Rows of a frame (Ink's output has no trailing newline in debug mode). */
export function frameRows(frame: string): number {
	return frame.split('\n').length;
}

/** Widest line of a frame in columns (display width of the plain text). */
export {default as stringWidth} from 'string-width';

export type HarnessOptions = {
	state: FlowState;
	services: EditorServices;
	client?: KoreClient;
	columns?: number;
	rows?: number;
	active?: boolean;
	/** A rate-limit wait the editor would be showing. */
	wait?: Wait;
	/** A stream ID typed before (kept by the editor across the profile form). */
	streamInput?: StreamInput;
	/** Receives every state after each action. */
	onState?: (state: FlowState) => void;
	onAction?: (action: FlowAction) => void;
};

/**
 * A screen inside the editor's contexts, with the real reducer: tests drive one screen and look at
 * the flow state it produced.
 */
export function Harness({children, options}: {children: React.ReactNode; options: HarnessOptions}): React.JSX.Element {
	const [state, dispatch] = useReducer(flowReducer, options.state);
	const [streamInput, setStreamInput] = useState(options.streamInput);
	options.onState?.(state);
	const columns = options.columns ?? 80;
	const rows = options.rows ?? 24;
	const value: EditorContextValue = {
		state,
		dispatch(action) {
			options.onAction?.(action);
			dispatch(action);
		},
		services: options.services,
		client: options.client,
		size: {columns, rows},
		bodyRows: rows - 2,
		active: options.active ?? true,
		confirmQuit: false,
		wait: options.wait,
		streamInput,
		setStreamInput,
		setPendingInput() {},
	};
	return (
		<ThemeContext.Provider value={createTheme({color: options.services.color})}>
			<EditorContext.Provider value={value}>{children}</EditorContext.Provider>
		</ThemeContext.Provider>
	);
}

/** Renders a screen in the Harness; `state()` returns the flow state after the last update. */
export async function renderScreen(
	screen: ReactElement,
	options: HarnessOptions,
): Promise<Rendered & {state: () => FlowState; actions: FlowAction[]}> {
	let latest = options.state;
	const actions: FlowAction[] = [];
	const rendered = await renderInk(
		<Harness
			options={{
				...options,
				onState(state) {
					latest = state;
					options.onState?.(state);
				},
				onAction(action) {
					actions.push(action);
				},
			}}
		>
			{screen}
		</Harness>,
		{columns: options.columns, rows: options.rows},
	);
	return {...rendered, state: () => latest, actions};
}
