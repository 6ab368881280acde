import type React from 'react';
import {Text} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {keyName, plainText} from '../symbols.js';
import {useTheme} from '../theme.js';

/**
 * One key of a screen: its key, what it does, and where it shows. Plain: on the key line (left out,
 * last first, when it does not fit) and in the `?` list. 'extra': on the key line after Ctrl+C when
 * there is room, and in the list. 'list': in the `?` list only (menu letters, j/k).
 */
export type Hint = [key: string, action: string, place?: 'extra' | 'list'];

export type KeyHintsProps = {
	hints: Hint[];
	columns: number;
	/** Replaces the hints with the quit question (one line, so the layout does not jump). */
	question?: string;
};

/** Ctrl+C is on every key line: the one key that always works. */
export const CTRL_C_HINT: Hint = ['Ctrl+C', 'quit'];

/** The hints of the key line, in order: the screen's own, Ctrl+C, then the extras. */
export function lineHints(hints: Hint[]): Hint[] {
	return [...hints.filter(hint => hint[2] === undefined), CTRL_C_HINT, ...hints.filter(hint => hint[2] === 'extra')];
}

/** The keys that work on this screen, on one line; hints that do not fit are left out, last first. */
export function KeyHints({hints, columns, question}: KeyHintsProps): React.JSX.Element {
	const theme = useTheme();
	if (question) {
		return (
			<Text bold color={theme.warning} wrap="truncate-end">
				{truncate(plainText(question, theme.symbols), columns - 1, theme.symbols.ellipsis)}
			</Text>
		);
	}

	// ASCII only: arrows may not even be in the font.
	const parts = lineHints(hints).map(([key, action]) => `${keyName(key, theme.ascii)} ${plainText(action, theme.symbols)}`);
	const separator = ` ${theme.symbols.dot} `;
	const kept: string[] = [];
	let width = 0;
	for (const part of parts) {
		const extra = displayWidth(part) + (kept.length > 0 ? separator.length : 0);
		if (width + extra > columns - 1) {
			break;
		}

		kept.push(part);
		width += extra;
	}

	return (
		<Text color={theme.muted} wrap="truncate-end">
			{kept.join(separator)}
		</Text>
	);
}
