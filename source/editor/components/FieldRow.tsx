import type React from 'react';
import {Box, Text} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {reveal} from '../../contact/sanitize.js';
import {useTheme} from '../theme.js';

export const LABEL_WIDTH = 14;

export type FieldRowProps = {
	label: string;
	value: string;
	/** Marked with "*" and "(edited)" so it reads without colour. */
	edited?: boolean;
	/** Shows the loaded value after the new one when edited. */
	was?: string;
	columns: number;
};

/** One field of the contact card: `* First name    Jane  (edited, was: Jan)`. */
export function FieldRow({label, value, edited = false, was, columns}: FieldRowProps): React.JSX.Element {
	const theme = useTheme();
	const marker = edited ? theme.symbols.edited : ' ';
	const shown = value === '' ? '(empty)' : reveal(value);
	const note = edited ? (was === undefined ? ' (edited)' : ` (edited, was ${was === '' ? 'empty' : reveal(was)})`) : '';
	const room = Math.max(4, columns - LABEL_WIDTH - 3);
	const {ellipsis} = theme.symbols;
	const valueText = truncate(shown, Math.min(room, Math.max(4, room - Math.min(note.length, Math.floor(room / 2)))), ellipsis);
	const noteText = truncate(note, Math.max(0, room - displayWidth(valueText)), ellipsis);
	return (
		<Box>
			<Text color={edited ? theme.changed : undefined} bold={edited}>
				{marker}{' '}
			</Text>
			<Text color={theme.muted}>{truncate(label, LABEL_WIDTH - 1, ellipsis).padEnd(LABEL_WIDTH)}</Text>
			<Text color={edited ? theme.changed : undefined} dimColor={value === ''} wrap="truncate-end">
				{valueText}
			</Text>
			<Text color={theme.muted} wrap="truncate-end">
				{noteText}
			</Text>
		</Box>
	);
}
