import type React from 'react';
import {useRef, useState} from 'react';
import {Text, useInput} from 'ink';
import {hasUnsafeCharacters} from '../../contact/sanitize.js';
import {plainText} from '../symbols.js';
import {useTextFieldKeys} from '../hooks/use-screen-keys.js';
import {usePaste} from '../terminal/keys.js';
import {useTheme} from '../theme.js';

export type TextInputProps = {
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	/** Takes keys only while focused. */
	focus: boolean;
	/** Shows every character as this one (secrets). */
	mask?: string;
	placeholder?: string;
};

/** Pasted text on one line: line breaks and tabs become a space, other control characters go. */
function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
}

/**
 * The placeholder as shown without colour, where dim text looks like a typed value: in parentheses,
 * with "e.g." before a bare value ("(e.g. platform.kore.ai)", "(name, phone or contact ID)").
 */
export function plainPlaceholder(placeholder: string): string {
	return placeholder === '' ? '' : `(${/\s/.test(placeholder) ? '' : 'e.g. '}${placeholder})`;
}

/**
 * A one-line text input (like ink-text-input, whose API it keeps), built for keys that arrive in
 * bursts over SSH: the value and cursor live in refs, so a second key handled before React has
 * re-registered the input handler still sees the first key's result, and no keystroke is lost.
 * ←/→ move, Home/End (or Ctrl+A/Ctrl+E) jump, Backspace deletes, Ctrl+U clears to the start.
 * A prefilled value is shown selected until it is touched: the first text typed or pasted replaces
 * it (gh's prompt convention); an arrow, Home/End, Backspace or Ctrl+U first edits it in place.
 * Colour only through the theme; the cursor is shown in inverse video, which NO_COLOR allows. The
 * placeholder is dim with colour, and in parentheses without (see plainPlaceholder).
 */
export function TextInput({
	value,
	onChange,
	onSubmit,
	focus,
	mask,
	placeholder: wording = '',
}: TextInputProps): React.JSX.Element {
	const theme = useTheme();
	const [, rerender] = useState(0);
	const valueRef = useRef(value);
	const cursorRef = useRef(value.length);
	// Untouched while it holds the value it was given and no key has edited or moved in it.
	const touchedRef = useRef(value === '');
	if (value !== valueRef.current) {
		// Changed from outside (e.g. a pasted phone number was split, a fix applied): cursor to the end.
		valueRef.current = value;
		cursorRef.current = value.length;
		touchedRef.current = true;
	}

	const handlers = useRef({onChange, onSubmit});
	handlers.current = {onChange, onSubmit};
	// On a screen with a text field, ? and q are text, not the key list and quit.
	useTextFieldKeys();

	// A paste is text only: its line breaks become spaces and never submit.
	usePaste(pasted => {
		const text = [...oneLine(pasted)];
		if (text.length === 0) return;
		const chars = touchedRef.current ? [...valueRef.current] : [];
		touchedRef.current = true;
		const cursor = Math.min(cursorRef.current, chars.length);
		chars.splice(cursor, 0, ...text);
		valueRef.current = chars.join('');
		cursorRef.current = cursor + text.length;
		rerender(n => n + 1);
		handlers.current.onChange(valueRef.current);
	}, focus);

	useInput(
		(input, key) => {
			if (key.upArrow || key.downArrow || key.tab || key.escape || key.pageUp || key.pageDown || (key.ctrl && input === 'c')) {
				return;
			}

			const current = valueRef.current;
			if (key.return) {
				handlers.current.onSubmit?.(current);
				return;
			}

			let next = current;
			let cursor = Math.min(cursorRef.current, current.length);
			const chars = [...current];
			const untouched = !touchedRef.current;
			touchedRef.current = true;
			if (key.leftArrow) {
				cursor = Math.max(0, cursor - 1);
			} else if (key.rightArrow) {
				cursor = Math.min(chars.length, cursor + 1);
			} else if (key.home || (key.ctrl && input === 'a')) {
				cursor = 0;
			} else if (key.end || (key.ctrl && input === 'e')) {
				cursor = chars.length;
			} else if (key.backspace || key.delete) {
				if (cursor > 0) {
					chars.splice(cursor - 1, 1);
					cursor--;
					next = chars.join('');
				}
			} else if (key.ctrl && input === 'u') {
				next = chars.slice(cursor).join('');
				cursor = 0;
			} else if (key.ctrl || key.meta) {
				touchedRef.current = !untouched;
				return;
			} else {
				const text = [...oneLine(input)];
				if (text.length === 0) {
					touchedRef.current = !untouched;
					return;
				}

				if (untouched) {
					// The first text typed into a prefilled value replaces it.
					chars.length = 0;
					cursor = 0;
				}

				chars.splice(cursor, 0, ...text);
				cursor += text.length;
				next = chars.join('');
			}

			valueRef.current = next;
			cursorRef.current = cursor;
			rerender(n => n + 1);
			if (next !== current) {
				handlers.current.onChange(next);
			}
		},
		{isActive: focus},
	);

	// A value prefilled from the server may hold escape or invisible characters: never print them raw.
	const chars = [...value].map(ch => (mask ? mask : hasUnsafeCharacters(ch) ? theme.symbols.unprintable : ch));
	const placeholder = plainText(wording, theme.symbols);
	const hint = theme.color ? placeholder : plainPlaceholder(placeholder);
	if (!focus) {
		return value === '' && hint ? <Text color={theme.muted}>{hint}</Text> : <Text>{chars.join('')}</Text>;
	}

	const cursor = Math.min(cursorRef.current, chars.length);
	if (!touchedRef.current && !mask && !theme.ascii) {
		// Selected: typing replaces it (the form's key line says so).
		return <Text inverse>{chars.join('')}</Text>;
	}

	if (theme.ascii) {
		// TERM=dumb: no inverse video, so the cursor is a visible character.
		const mark = cursor === chars.length ? '_' : '|';
		return (
			<Text>
				{chars.slice(0, cursor).join('')}
				{mark}
				{chars.slice(cursor).join('')}
				{value === '' && hint ? <Text color={theme.muted}> {hint}</Text> : null}
			</Text>
		);
	}

	if (value === '' && !theme.color) {
		// The cursor, then the hint: never its first character under the cursor, like a typed one.
		return (
			<Text>
				<Text inverse> </Text>
				{hint ? ` ${hint}` : null}
			</Text>
		);
	}

	if (value === '') {
		return (
			<Text>
				<Text inverse>{placeholder ? placeholder[0] : ' '}</Text>
				<Text color={theme.muted}>{placeholder.slice(1)}</Text>
			</Text>
		);
	}

	return (
		<Text>
			{chars.slice(0, cursor).join('')}
			<Text inverse>{chars[cursor] ?? ' '}</Text>
			{chars.slice(cursor + 1).join('')}
		</Text>
	);
}
