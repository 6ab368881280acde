import type React from 'react';
import {Box, Text} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {useTheme} from '../theme.js';
import {keyName, plainText} from '../symbols.js';
import {CTRL_C_HINT, type Hint} from './KeyHints.js';

export type KeyHelpProps = {
	/** The screen's keys, as its key line reads them. */
	hints: Hint[];
	/** Rows the panel may use, its last line included. */
	rows: number;
	columns: number;
};

export const KEY_HELP_CLOSE = 'Any key closes this list.';

/**
 * The `?` list: every key of the screen on its own line (the key line keeps only what fits),
 * then Ctrl+C, then how to close it. Cut to `rows` rows, so the live area never grows.
 */
export function KeyHelp({hints, rows, columns}: KeyHelpProps): React.JSX.Element {
	const theme = useTheme();
	const all = [...hints, CTRL_C_HINT];
	const keyWidth = Math.min(20, Math.max(...all.map(([key]) => displayWidth(keyName(key, theme.ascii)))));
	const width = Math.max(10, columns - 1);
	// The title and the closing line; the rest for keys, the last of them "and N more" when cut.
	const room = Math.max(1, rows - 2);
	const lines = all.map(
		([key, action]) =>
			`  ${truncate(keyName(key, theme.ascii), keyWidth, theme.symbols.ellipsis).padEnd(keyWidth)}  ${plainText(action, theme.symbols)}`,
	);
	const shown = lines.length > room ? [...lines.slice(0, room - 1), `  and ${lines.length - room + 1} more`] : lines;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				Keys on this screen
			</Text>
			{shown.map(line => (
				<Text key={line} wrap="truncate-end">
					{truncate(line, width)}
				</Text>
			))}
			<Text color={theme.muted} wrap="truncate-end">
				{KEY_HELP_CLOSE}
			</Text>
		</Box>
	);
}
