import type React from 'react';
import {Box, Text} from 'ink';
import type {FieldChange} from '../../contact/diff.js';
import {fit, truncate} from '../../contact/display.js';
import {reveal} from '../../contact/sanitize.js';
import {useTheme} from '../theme.js';

export type DiffTableProps = {
	rows: FieldChange[];
	columns: number;
	/** Column titles (the conflict screen uses other words). */
	titles?: {before: string; after: string};
};

const FIELD_WIDTH = 14;

function pad(text: string, width: number, ellipsis: string): string {
	return fit(text, width, {ellipsis});
}

function shown(value: string): string {
	return value === '' ? '(empty)' : reveal(value);
}

/**
 * Field, before, after: changed rows start with "~" (reads without colour) and are highlighted.
 * Each value is cut to its column by display width with the theme's ellipsis.
 */
export function DiffTable({rows, columns, titles = {before: 'Before', after: 'After'}}: DiffTableProps): React.JSX.Element {
	const theme = useTheme();
	const {ellipsis} = theme.symbols;
	const valueWidth = Math.max(6, Math.floor((columns - 2 - FIELD_WIDTH - 3) / 2));
	return (
		<Box flexDirection="column">
			<Text color={theme.muted} bold wrap="truncate-end">
				{'  '}
				{pad('Field', FIELD_WIDTH, ellipsis)}
				{pad(titles.before, valueWidth, ellipsis)}
				{'  '}
				{truncate(titles.after, valueWidth, ellipsis)}
			</Text>
			{rows.map(row => (
				<Text key={row.field} wrap="truncate-end" color={row.changed ? theme.changed : undefined} bold={row.changed}>
					{row.changed ? `${theme.symbols.changed} ` : '  '}
					{pad(row.label, FIELD_WIDTH, ellipsis)}
					{pad(shown(row.before), valueWidth, ellipsis)}
					{'  '}
					{truncate(shown(row.after), valueWidth, ellipsis)}
				</Text>
			))}
		</Box>
	);
}
