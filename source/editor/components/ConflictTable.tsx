import React from 'react';
import {Box, Text} from 'ink';
import type {ContactFields, FieldName} from '../../contact/contact.js';
import {fit, truncate} from '../../contact/display.js';
import {FIELD_LABELS, FIELD_NAMES} from '../../contact/fields.js';
import {reveal} from '../../contact/sanitize.js';
import {useTheme} from '../theme.js';

export type ConflictTableProps = {
	loaded: ContactFields;
	theirs: ContactFields;
	yours: ContactFields;
	columns: number;
};

const FIELD_WIDTH = 14;

function shown(value: string): string {
	return value === '' ? '(empty)' : reveal(value);
}

/**
 * Per field: what you loaded, what is there now (theirs), what you want (yours). Only fields that
 * someone changed or you changed; "!" marks a field both changed.
 */
export function ConflictTable({loaded, theirs, yours, columns}: ConflictTableProps): React.JSX.Element {
	const theme = useTheme();
	const width = Math.max(6, Math.floor((columns - 2 - FIELD_WIDTH - 4) / 3));
	const rows = FIELD_NAMES.filter((name: FieldName) => loaded[name] !== theirs[name] || loaded[name] !== yours[name]);
	return (
		<Box flexDirection="column">
			<Text bold color={theme.muted} wrap="truncate-end">
				{'  '}
				{fit('Field', FIELD_WIDTH)}
				{fit('Loaded', width)} {fit('Theirs (now)', width)} {truncate('Yours', width)}
			</Text>
			{rows.map(name => {
				const they = loaded[name] !== theirs[name];
				const you = loaded[name] !== yours[name];
				const both = they && you;
				const marker = both ? `${theme.symbols.warning} ` : `${theme.symbols.changed} `;
				return (
					<Text key={name} wrap="truncate-end" color={both ? theme.warning : undefined}>
						{marker}
						{fit(FIELD_LABELS[name], FIELD_WIDTH)}
						{fit(shown(loaded[name]), width)} <Text color={they ? theme.changed : undefined}>{fit(shown(theirs[name]), width)}</Text>{' '}
						<Text color={you ? theme.accent : undefined}>{truncate(you ? shown(yours[name]) : '(unchanged)', width)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
