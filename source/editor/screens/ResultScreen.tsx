import type React from 'react';
import {useState} from 'react';
import {Box, Text} from 'ink';
import type {FieldChange} from '../../contact/diff.js';
import {fieldsOf} from '../../contact/fields.js';
import {sanitize} from '../../contact/sanitize.js';
import {describeError} from '../../kore/errors.js';
import {ErrorBox, errorBoxRows} from '../components/ErrorBox.js';
import {wrapText} from '../components/wrap.js';
import {FieldRow} from '../components/FieldRow.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {Waiting} from '../components/Waiting.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useTask} from '../hooks/use-task.js';
import {useTheme} from '../theme.js';
import {checkUnknownWrite} from '../../core/check.js';
import {shortId} from '../../core/undo.js';
import {phoneText} from './CardScreen.js';

/** Said on the result once "Check this contact now" found that the save went through. */
export const CHECKED_SAVED =
	'Checked: the contact holds exactly what you sent, so the save went through; the change journal now records it as saved.';

type Choice = 'check' | 'again' | 'history' | 'contact' | 'stream' | 'quit';

/** "Stored on the server now:" and four one-row fields. */
const STORED_ROWS = 5;

/** Width the wrapped texts below use (as ErrorBox does): one column spare, so Ink never re-wraps. */
function textWidth(columns: number): number {
	return Math.max(10, columns - 1);
}

/** A sentence in one colour, wrapped by display width; its row count is `wrapText(...).length`. */
function Wrapped({text, columns, color}: {text: string; columns: number; color?: string}): React.JSX.Element {
	return (
		<Box flexDirection="column">
			{wrapText(text, textWidth(columns)).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={color}>
					{line}
				</Text>
			))}
		</Box>
	);
}

function wrappedRows(text: string, columns: number): number {
	return wrapText(text, textWidth(columns)).length;
}

/**
 * The menu height for the rows left over: never more than that (so the live area stays shorter than
 * the terminal), but at least 3 (a scrolling menu needs its two "more" rows plus one item).
 */
function menuHeight(count: number, left: number): number {
	return Math.min(count, Math.max(3, left));
}

function mismatchText(rows: FieldChange[]): string {
	return rows
		.map(row => `${row.label}: sent ${sanitize(row.before) || '(empty)'}, stored ${sanitize(row.after) || '(empty)'}`)
		.join('; ');
}

function changedText(rows: FieldChange[]): string {
	return rows
		.map(row => `${row.label}: saved ${sanitize(row.before) || '(empty)'}, now ${sanitize(row.after) || '(empty)'}`)
		.join('; ');
}

/** After the PUT: what the server stored and whether it equals what was intended; what next. */
export function ResultScreen(): React.JSX.Element {
	const {state, dispatch, client, active, size, services, wait} = useEditor();
	const theme = useTheme();
	const rows = useContentRows();
	const {running, run} = useTask();
	const [checked, setChecked] = useState<{ok: boolean; text: string} | undefined>();
	useEscape(() => {
		dispatch({type: 'result-choice', choice: 'contact'});
	});

	const outcome = state.outcome;
	if (!outcome) {
		return (
			<ScreenLayout title="Result" hints={[['Esc', 'back']]}>
				<Text>Nothing was sent.</Text>
			</ScreenLayout>
		);
	}

	const againUnknown = () => {
		const {update} = outcome;
		if (!client) {
			dispatch({type: 'retry-edit'});
			return;
		}

		// The stored values are unknown: re-read them, then the card with the edit on top.
		void run('Re-reading the contact…', async signal => client.rereadContact(update.streamId, update.contactId, {signal})).then(
			result => {
				if (!result) {
					return;
				}

				if (!result.ok) {
					setChecked({ok: false, text: `Could not re-read it, so the card did not open: ${describeError(result.error)}`});
					return;
				}

				dispatch({type: 'retry-edit', current: result.value.contact});
			},
		);
	};

	const check = () => {
		if (!client) {
			return;
		}

		const {update} = outcome;
		const session = state.session;
		void run('Re-reading the contact…', async signal =>
			checkUnknownWrite({
				client,
				update,
				dir: services.store.dir,
				store: services.store,
				...(session ? {profile: session.profileName} : {}),
				signal,
			}),
		).then(result => {
			if (!result) {
				return;
			}

			if (!result.ok) {
				setChecked({ok: false, text: `Could not re-read it: ${describeError(result.error)}`});
				return;
			}

			const found = result.value;
			if (found.outcome === 'saved') {
				setChecked({ok: true, text: [CHECKED_SAVED, ...found.warnings].join(' ')});
				// From here on it is a save like any other: result, header, list and history say so.
				dispatch({
					type: 'sent',
					update,
					stored: found.stored,
					verification: {ok: true, mismatches: [], changedSince: []},
				});
				return;
			}

			setChecked({
				ok: false,
				text: `The contact does not hold what you sent (${mismatchText(found.mismatches)}): the save did not go through, or someone changed it since. Edit it again to retry.`,
			});
		});
	};

	const items: Array<MenuItem<Choice>> = [
		...(outcome.kind === 'unknown' ? [{key: 'check', label: 'Check this contact now', value: 'check' as Choice}] : []),
		{key: 'again', label: 'Edit this contact again', value: 'again'},
		{key: 'contact', label: 'Another contact', value: 'contact'},
		{key: 'stream', label: 'Another stream', value: 'stream'},
		{key: 'history', label: 'History / undo', value: 'history'},
		{key: 'quit', label: 'Quit', value: 'quit'},
	];

	const menu = (height: number) => (
		<Menu
			items={items}
			onSelect={item => {
				if (item.value === 'check') {
					check();
				} else if (item.value === 'history') {
					dispatch({type: 'open', screen: {name: 'history'}});
				} else if (item.value === 'again' && outcome.kind === 'unknown') {
					againUnknown();
				} else {
					dispatch({type: 'result-choice', choice: item.value});
				}
			}}
			height={height}
			columns={size.columns}
			isActive={active && !running}
		/>
	);
	const hints: Array<[string, string]> = [
		['↑↓', 'move'],
		['Enter', 'choose'],
		['Esc', 'another contact'],
	];

	if (outcome.kind === 'unknown') {
		// While a new re-read runs, the previous answer is stale: the spinner takes its place.
		const checkedShown = checked !== undefined && !running;
		const checkedText = checked ? `${checked.ok ? theme.symbols.ok : theme.symbols.warning} ${checked.text}` : '';
		const used =
			errorBoxRows({message: outcome.message}, size.columns) +
			(running ? 1 : 0) +
			(checkedShown ? wrappedRows(checkedText, size.columns) : 0);
		return (
			<ScreenLayout title={`Outcome unknown for ${sanitize(outcome.update.contactId)}`} hints={hints}>
				<ErrorBox message={outcome.message} columns={size.columns} tone="warning" />
				{running ? <Waiting label={running} wait={wait} /> : null}
				{checkedShown ? (
					<Wrapped text={checkedText} columns={size.columns} color={checked?.ok ? theme.success : theme.warning} />
				) : null}
				{menu(menuHeight(items.length, rows - used))}
			</ScreenLayout>
		);
	}

	const stored = fieldsOf(outcome.stored);
	const {verification, note} = outcome;
	const verifiedText = `${theme.symbols.ok} Verified: the stored values are exactly what you intended.`;
	const changedSince = verification.changedSince ?? [];
	const mismatch =
		verification.mismatches.length > 0
			? {
					message: `The server stored something other than what you sent: ${mismatchText(verification.mismatches)}.`,
					hint: 'Edit this contact again to correct it, or check the value rules.',
				}
			: {
					message: `Someone else changed this contact right after your save: ${changedText(changedSince)}.`,
					hint: 'It no longer holds all of what you sent: check it, and edit it again if needed.',
				};
	// "Stored on the server now:" and the four field rows (each cut to one row), then the verdict.
	const checkedText = checked?.ok ? `${theme.symbols.ok} ${checked.text}` : '';
	const used =
		STORED_ROWS +
		(verification.ok ? wrappedRows(verifiedText, size.columns) : errorBoxRows(mismatch, size.columns)) +
		(note ? errorBoxRows({message: note}, size.columns) : 0) +
		(checkedText ? wrappedRows(checkedText, size.columns) : 0);
	const title = outcome.undoOf
		? `Undone: entry ${shortId(outcome.undoOf)} reverted on ${sanitize(outcome.update.contactId)}`
		: `Saved ${sanitize(outcome.update.contactId)}`;
	return (
		<ScreenLayout title={title} hints={hints}>
			<Box flexDirection="column">
				<Text color={theme.muted}>Stored on the server now:</Text>
				<FieldRow label="Salutation" value={stored.salutation} columns={size.columns} />
				<FieldRow label="First name" value={stored.firstName} columns={size.columns} />
				<FieldRow label="Last name" value={stored.lastName} columns={size.columns} />
				<FieldRow label="Cell phone" value={phoneText(stored, theme.symbols.dot)} columns={size.columns} />
			</Box>
			{verification.ok ? (
				<Wrapped text={verifiedText} columns={size.columns} color={theme.success} />
			) : (
				<ErrorBox message={mismatch.message} hint={mismatch.hint} columns={size.columns} tone="warning" />
			)}
			{note ? <ErrorBox message={note} columns={size.columns} tone="warning" /> : null}
			{checkedText ? <Wrapped text={checkedText} columns={size.columns} color={theme.success} /> : null}
			{menu(menuHeight(items.length, rows - used))}
		</ScreenLayout>
	);
}
