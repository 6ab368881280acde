/**
 * The one key path: the terminal's bytes go through Ink's own input parser (which keeps an
 * incomplete escape sequence across reads), then to Ink one key at a time, each after React has
 * applied the one before. Pastes never reach Ink as keys: they go to the focused text field.
 */
import type React from 'react';
import {createContext, useContext, useEffect, useMemo, useRef, useState} from 'react';
// Ink does not export its parser; this is the same module its App uses, so both split alike.
import {createInputParser} from '../../../node_modules/ink/build/input-parser.js';

/**
 * How long a lone Esc waits for the rest of its sequence: over SSH an arrow key's bytes can come
 * in two reads. Ink itself waits only until the next turn of the event loop.
 */
export const ESCAPE_WAIT_MS = 50;

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

export const PASTE_IGNORED = 'Paste ignored: pasted text only goes into a text field.';
export const TYPED_AHEAD_IGNORED = 'Keys typed before this screen appeared were ignored.';

type Item = {kind: 'key'; text: string; at: number} | {kind: 'paste'; text: string; at: number};

type PasteHandler = (text: string) => void;

export type KeyInput = {
	/** When the key being handled now arrived (performance.now()); Infinity outside the pacer. */
	arrivedAt: () => number;
	/** Gives pastes to `handler` while it is registered; the last registered wins. */
	onPaste: (handler: PasteHandler) => () => void;
	/** A one-line notice about input that was not used (until the next key). */
	notice: string | undefined;
	notify: (message: string) => void;
};

const outside: KeyInput = {
	arrivedAt: () => Number.POSITIVE_INFINITY,
	onPaste: () => () => {},
	notice: undefined,
	notify() {},
};

const KeyInputContext = createContext<KeyInput>(outside);

export function useKeyInput(): KeyInput {
	return useContext(KeyInputContext);
}

/** Pasted text goes to `handler` while `isActive` (the focused text field). */
export function usePaste(handler: PasteHandler, isActive: boolean): void {
	const {onPaste} = useKeyInput();
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => {
		if (!isActive) return;
		return onPaste(text => {
			latest.current(text);
		});
	}, [isActive, onPaste]);
}

/**
 * For a confirmation: `isFresh()` is false for a key that arrived before this screen was drawn
 * (typed ahead, meant for the screen before), and says so on the screen.
 */
export function useFreshKeys(shown = true): () => boolean {
	const {arrivedAt, notify} = useKeyInput();
	const shownAt = useRef(Number.POSITIVE_INFINITY);
	// Hidden (under the key list or the quit question) and shown again: it counts as drawn anew.
	useEffect(() => {
		shownAt.current = shown ? performance.now() : Number.POSITIVE_INFINITY;
	}, [shown]);
	return () => {
		if (arrivedAt() > shownAt.current) return true;
		notify(TYPED_AHEAD_IGNORED);
		return false;
	};
}

/** Splits text at control keys: Enter, Tab, Backspace and Ctrl+… each reach Ink alone. */
function splitControls(text: string): string[] {
	// eslint-disable-next-line no-control-regex
	return text.match(/[^\u0000-\u001F\u007F]+|[\u0000-\u001F\u007F]/g) ?? [];
}

export type KeyPacer = {
	/** Give this to Ink instead of the terminal's stdin. */
	stdin: NodeJS.ReadStream;
	/** Wrap the app in it: it lets React finish each key before the next one is handed over. */
	Gate: (props: {children: React.ReactNode}) => React.ReactNode;
};

/**
 * Ink draws a screen at commit but subscribes its key handler in a passive effect afterwards, so a
 * key handed over in between would reach no handler, and a key handed over right after another
 * would reach the previous screen. So each key first re-renders the Gate (nothing below it
 * re-renders): React flushes every pending effect before that render, and the Gate's own effect
 * then hands the key over.
 */
export function paceKeys(stream: NodeJS.ReadStream): KeyPacer {
	const parser = createInputParser();
	const queue: Item[] = [];
	let paste: {text: string; at: number} | undefined;
	let escapeTimer: NodeJS.Timeout | undefined;
	let escapeImmediate: NodeJS.Immediate | undefined;
	const stopEscapeWait = () => {
		clearTimeout(escapeTimer);
		if (escapeImmediate) clearImmediate(escapeImmediate);
		escapeTimer = undefined;
		escapeImmediate = undefined;
	};
	let current = Number.POSITIVE_INFINITY;
	const pasteHandlers: PasteHandler[] = [];
	let notify: (message: string | undefined) => void = () => {};
	// idle: nothing asked for; waiting: a Gate render is asked for; ready: React has caught up, one
	// key may go; handedOut: a key went, the Gate render after it is asked for.
	let state: 'idle' | 'waiting' | 'ready' | 'handedOut' = 'idle';
	let settle: (() => void) | undefined;
	let unmounted = false;

	const pending = () => queue.length > 0 || stream.readableLength > 0;

	const caughtUp = () => {
		if (unmounted || state === 'idle' || state === 'ready') return;
		if (pending()) {
			state = 'ready';
			stream.emit('readable');
		} else {
			state = 'idle';
		}
	};

	const kick = () => {
		if (unmounted || queue.length === 0 || state !== 'idle') return;
		state = 'waiting';
		settle?.();
	};

	const take = (events: string[], at: number) => {
		for (const event of events) {
			if (paste) {
				if (event === PASTE_END) {
					queue.push({kind: 'paste', text: paste.text, at: paste.at});
					paste = undefined;
				} else {
					paste.text += event;
				}
			} else if (event === PASTE_START) {
				paste = {text: '', at};
			} else if (event.startsWith('\u001B')) {
				queue.push({kind: 'key', text: event, at});
			} else {
				for (const text of splitControls(event)) queue.push({kind: 'key', text, at});
			}
		}
	};

	const drain = () => {
		for (let chunk: unknown = stream.read(); chunk !== null; chunk = stream.read()) {
			stopEscapeWait();
			take(parser.push(typeof chunk === 'string' ? chunk : String(chunk)), performance.now());
		}

		if (parser.hasPendingEscape() && !escapeTimer && !escapeImmediate) {
			const at = performance.now();
			escapeTimer = setTimeout(() => {
				// After one more I/O poll: on a busy machine the rest may be waiting unread.
				escapeTimer = undefined;
				escapeImmediate = setImmediate(() => {
					escapeImmediate = undefined;
					take([parser.flushPendingEscape() ?? ''].filter(Boolean), at);
					kick();
				});
			}, ESCAPE_WAIT_MS);
		}
	};

	const read = (): string | null => {
		drain();
		if (queue.length === 0 || unmounted) return null;
		if (state === 'idle') {
			state = 'waiting';
			settle?.();
			return null;
		}

		if (state !== 'ready') return null;
		state = 'handedOut';
		settle?.();
		const item = queue.shift()!;
		current = item.at;
		notify(undefined);
		if (item.kind === 'paste') {
			const handler = pasteHandlers.at(-1);
			if (handler) handler(item.text);
			else notify(PASTE_IGNORED);
			return null;
		}

		return item.text;
	};

	const stdin = new Proxy(stream, {
		get(target, property) {
			if (property === 'read') return read;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});

	const onPaste = (handler: PasteHandler) => {
		pasteHandlers.push(handler);
		return () => {
			const index = pasteHandlers.lastIndexOf(handler);
			if (index !== -1) pasteHandlers.splice(index, 1);
		};
	};

	// biome-ignore lint/correctness/noComponentHookFactories: paceKeys runs once per editor session; its Gate closes over that session's key queue
	function Gate({children}: {children: React.ReactNode}): React.ReactNode {
		const [tick, setTick] = useState(0);
		const [notice, setNotice] = useState<string | undefined>();
		const [input] = useState(() => ({arrivedAt: () => current, onPaste}));
		useEffect(() => {
			settle = () => {
				setTick(t => t + 1);
			};

			notify = setNotice;
			// Mounted after everything inside it: keys that came before this can go now.
			queueMicrotask(caughtUp);
			return () => {
				settle = undefined;
				unmounted = true;
				stopEscapeWait();
			};
		}, []);
		useEffect(() => {
			if (tick > 0) queueMicrotask(caughtUp);
		}, [tick]);
		const value = useMemo(() => ({...input, notice, notify: setNotice}), [input, notice]);
		return <KeyInputContext.Provider value={value}>{children}</KeyInputContext.Provider>;
	}

	return {stdin, Gate};
}
