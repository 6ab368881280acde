import type React from 'react';
import {Box, Text} from 'ink';
import type {ContactFields, FieldName} from '../../contact/contact.js';
import {displayWidth, fit, truncate} from '../../contact/display.js';
import {FIELD_LABELS, FIELD_NAMES} from '../../contact/fields.js';
import {reveal} from '../../contact/sanitize.js';
import type {Symbols} from '../symbols.js';
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

export type ConflictMark = 'both' | 'yours' | 'theirs';

/** Whose change a row shows: both (you and someone else), only yours, or only theirs. */
export function conflictMark(loaded: string, theirs: string, yours: string): ConflictMark | undefined {
	const they = loaded !== theirs;
	const you = loaded !== yours;
	return they && you ? 'both' : you ? 'yours' : they ? 'theirs' : undefined;
}

/** The fields the table shows: those someone changed or you changed, in FIELD_NAMES order. */
export function conflictRows(loaded: ContactFields, theirs: ContactFields, yours: ContactFields): FieldName[] {
	return FIELD_NAMES.filter((name: FieldName) => conflictMark(loaded[name], theirs[name], yours[name]) !== undefined);
}

/**
 * One line that explains the row markers, the longest wording that fits the width (rows changed
 * only by someone else have no marker).
 */
export function conflictLegend(symbols: Pick<Symbols, 'changed' | 'warning' | 'dot' | 'ellipsis'>, columns: number): string {
	const yours = `${symbols.changed} you edited`;
	const variants = [
		`${yours} ${symbols.dot} ${symbols.warning} changed by someone else too ${symbols.dot} no mark: only theirs`,
		`${yours} ${symbols.dot} ${symbols.warning} changed by someone else too`,
		`${yours} ${symbols.dot} ${symbols.warning} someone else too`,
	];
	const max = Math.max(1, columns - 1);
	return variants.find(line => displayWidth(line) <= max) ?? truncate(variants.at(-1)!, max, symbols.ellipsis);
}

/**
 * Per field: what you loaded, what is there now (theirs), what you want (yours). Only fields that
 * someone changed or you changed; "~" marks a field you edited, "!" one that someone else changed
 * too; a field only they changed has no mark. The marker never depends on the width.
 */
export function ConflictTable({loaded, theirs, yours, columns}: ConflictTableProps): React.JSX.Element {
	const theme = useTheme();
	const {ellipsis} = theme.symbols;
	const width = Math.max(6, Math.floor((columns - 2 - FIELD_WIDTH - 4) / 3));
	const rows = conflictRows(loaded, theirs, yours);
	return (
		<Box flexDirection="column">
			<Text color={theme.muted} wrap="truncate-end">
				{conflictLegend(theme.symbols, columns)}
			</Text>
			<Text bold color={theme.muted} wrap="truncate-end">
				{'  '}
				{fit('Field', FIELD_WIDTH, {ellipsis})}
				{fit('Loaded', width, {ellipsis})} {fit('Theirs (now)', width, {ellipsis})} {truncate('Yours', width, ellipsis)}
			</Text>
			{rows.map(name => {
				const mark = conflictMark(loaded[name], theirs[name], yours[name]);
				const they = mark === 'both' || mark === 'theirs';
				const you = mark === 'both' || mark === 'yours';
				const both = mark === 'both';
				const marker = both ? `${theme.symbols.warning} ` : you ? `${theme.symbols.changed} ` : '  ';
				return (
					<Text key={name} wrap="truncate-end" color={both ? theme.warning : undefined}>
						{marker}
						{fit(FIELD_LABELS[name], FIELD_WIDTH, {ellipsis})}
						{fit(shown(loaded[name]), width, {ellipsis})}{' '}
						<Text color={they ? theme.changed : undefined}>{fit(shown(theirs[name]), width, {ellipsis})}</Text>{' '}
						<Text color={you ? theme.accent : undefined}>
							{truncate(you ? shown(yours[name]) : '(unchanged)', width, ellipsis)}
						</Text>
					</Text>
				);
			})}
		</Box>
	);
}
