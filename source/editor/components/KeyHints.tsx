import type React from 'react';
import {Text} from 'ink';
import stringWidth from 'string-width';
import {truncate} from '../../contact/display.js';
import {keyName, plainText} from '../symbols.js';
import {useTheme} from '../theme.js';

export type Hint = [key: string, action: string];

export type KeyHintsProps = {
	hints: Hint[];
	columns: number;
	/** Replaces the hints with the quit question (one line, so the layout does not jump). */
	question?: string;
};

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

	const all: Hint[] = [...hints, ['Ctrl+C', 'quit']];
	// ASCII only: arrows may not even be in the font.
	const parts = all.map(([key, action]) => `${keyName(key, theme.ascii)} ${plainText(action, theme.symbols)}`);
	const separator = ` ${theme.symbols.dot} `;
	const kept: string[] = [];
	let width = 0;
	for (const part of parts) {
		const extra = stringWidth(part) + (kept.length > 0 ? separator.length : 0);
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
