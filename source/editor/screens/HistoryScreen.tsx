import type React from 'react';
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../../contact/display.js';
import {FIELD_LABELS} from '../../contact/fields.js';
import {sanitize} from '../../contact/sanitize.js';
import {describeError} from '../../kore/errors.js';
import type {JournalEntry} from '../../store/types.js';
import type {PreparedUpdate} from '../../core/prepare.js';
import {prepareUndo, restoredFields, shortId, undoneBy} from '../../core/undo.js';
import type {FieldChange} from '../../contact/diff.js';
import type {Contact} from '../../contact/contact.js';
import {Menu, PAGE_HINTS, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {Waiting} from '../components/Waiting.js';
import {sameHost} from '../../kore/host.js';
import {isDirty} from '../state/flow.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useTask} from '../hooks/use-task.js';
import {fileErrorReason, journalFor} from '../store-files.js';
import {useTheme} from '../theme.js';
import {ageText, formatTime} from './when.js';

/** The status as words that read without colour. */
export function statusWords(entry: Pick<JournalEntry, 'status' | 'checked'>): string {
	switch (entry.status) {
		case 'done': {
			// Checked: the answer was lost, and a read afterwards found the values sent.
			return entry.checked ? 'saved (checked)' : 'saved';
		}

		case 'failed': {
			return 'FAILED';
		}

		default: {
			return 'OUTCOME UNKNOWN';
		}
	}
}

/** "First name, Last name" (the fields the entry changed), or "no change". */
export function changedText(entry: Pick<JournalEntry, 'before' | 'after'>): string {
	const fields = restoredFields(entry);
	return fields.length === 0 ? 'no change' : fields.map(field => FIELD_LABELS[field]).join(', ');
}

/** One list row: "2026-11-27 14:03  update  saved            First name". */
export function entryRow(entry: JournalEntry, undone: boolean): string {
	// A row written by `kore-contacts bulk` says so: its batch is undone as a whole from the command line.
	const kind = entry.kind === 'undo' ? 'undo' : entry.batch ? 'bulk' : 'update';
	const status = `${statusWords(entry)}${undone ? ', undone' : ''}`;
	return `${formatTime(entry.time)}  ${kind.padEnd(6)}  ${status.padEnd(15)}  ${changedText(entry)}`;
}

/** "First name: john → Priya; Last name: …" for the fields the entry changed. */
function changeDetails(entry: JournalEntry, arrow: string): string {
	return restoredFields(entry)
		.map(
			field =>
				`${FIELD_LABELS[field]}: ${sanitize(entry.before[field]) || '(empty)'} ${arrow} ${sanitize(entry.after[field]) || '(empty)'}`,
		)
		.join('; ');
}

type Changed = {entry: JournalEntry; theirs: FieldChange[]; update: PreparedUpdate; current: Contact};

type ChangedChoice = 'anyway' | 'back';

/**
 * This contact's journal entries (newest first): time, kind, status (OUTCOME UNKNOWN spelled out),
 * the fields changed. Enter prepares the undo of one (re-reading the contact) and shows it on the
 * normal review; when the contact changed since that write, it says which fields and asks first.
 */
export function HistoryScreen(): React.JSX.Element {
	const {state, services, client, dispatch, active, size, wait} = useEditor();
	const theme = useTheme();
	const rows = useContentRows();
	const {running, run, cancel} = useTask();
	const [highlighted, setHighlighted] = useState<string | undefined>();
	const [changed, setChanged] = useState<Changed | undefined>();
	const contactId = String(state.outcome?.update.contactId ?? state.contact?.id ?? '');
	const streamId = state.outcome?.update.streamId ?? state.streamId;

	const loaded = useMemo((): {entries: JournalEntry[]; all: JournalEntry[]; error?: string} => {
		if (contactId === '') {
			return {entries: [], all: []};
		}

		try {
			const all = journalFor(services.store).entries({contactId});
			// Only writes to this contact through this host and stream can be undone from here.
			const entries = all.filter(
				entry => (streamId === undefined || entry.streamId === streamId) && (!client || sameHost(entry.host, client.baseUrl)),
			);
			return {entries, all};
		} catch (error) {
			return {entries: [], all: [], error: `The change journal could not be read (${fileErrorReason(error)}).`};
		}
	}, [services.store, contactId, streamId, client]);

	useEscape(() => {
		if (running) {
			cancel();
		} else if (changed) {
			setChanged(undefined);
		} else {
			dispatch({type: 'back'});
		}
	});

	const prepare = (entry: JournalEntry) => {
		if (isDirty(state)) {
			dispatch({
				type: 'error',
				error: {
					message: 'This contact has unsaved edits: review and send them, or discard them, before undoing an earlier write.',
					hint: 'Esc goes back to the card.',
				},
			});
			return;
		}

		if (!client) {
			dispatch({type: 'error', error: {message: 'No profile is active: press Esc and choose one.'}});
			return;
		}

		dispatch({type: 'error', error: undefined});
		void run('Re-reading the contact to prepare the undo…', async signal => prepareUndo(client, entry, {signal})).then(result => {
			if (!result) {
				return;
			}

			if (!result.ok) {
				dispatch({type: 'error', error: {message: `Could not prepare the undo: ${describeError(result.error)}`}});
				return;
			}

			const preparation = result.value;
			if (preparation.ok) {
				dispatch({type: 'undo-prepared', update: preparation.update, undoOf: entry.id, current: preparation.current});
			} else if (preparation.reason === 'changed') {
				setChanged({entry, theirs: preparation.theirs, update: preparation.update, current: preparation.current});
			} else {
				dispatch({type: 'error', error: {message: preparation.message}});
			}
		});
	};

	const width = Math.max(10, size.columns - 1);

	if (changed) {
		const items: Array<MenuItem<ChangedChoice>> = [
			// Back first: overwriting someone else's later change is never the preselected choice.
			{key: 'back', label: 'Back to the history', value: 'back'},
			{key: 'anyway', label: 'Undo anyway (review first)', value: 'anyway'},
		];
		const room = Math.max(1, rows - 2 - 2);
		// The undo sets back only the fields that write changed; other later changes stay.
		const restored = new Set(restoredFields(changed.entry));
		const lines = changed.theirs.map(
			row =>
				`${row.label}: that write stored ${sanitize(row.before) || '(empty)'}, now ${sanitize(row.after) || '(empty)'}${restored.has(row.field) ? ' (the undo overwrites it)' : ' (kept)'}`,
		);
		const shown = lines.length > room ? [...lines.slice(0, room - 1), `and ${lines.length - room + 1} more`] : lines;
		return (
			<ScreenLayout
				title={`Changed since entry ${shortId(changed.entry.id)}`}
				hints={[
					['↑↓', 'move'],
					['Enter', 'choose'],
					['Esc', 'back'],
				]}
			>
				<Text color={theme.warning} wrap="truncate-end">
					{truncate(`${theme.symbols.warning} The contact changed since that write:`, width, theme.symbols.ellipsis)}
				</Text>
				<Box flexDirection="column">
					{shown.map((line, index) => (
						<Text key={index} wrap="truncate-end">
							{truncate(`  ${line}`, width, theme.symbols.ellipsis)}
						</Text>
					))}
				</Box>
				<Menu
					key="changed"
					items={items}
					onSelect={item => {
						if (item.value === 'anyway') {
							const {entry, update, current} = changed;
							setChanged(undefined);
							dispatch({type: 'undo-prepared', update, undoOf: entry.id, current});
						} else {
							setChanged(undefined);
						}
					}}
					height={2}
					columns={size.columns}
					isActive={active}
					confirmation
				/>
			</ScreenLayout>
		);
	}

	const {entries, all} = loaded;
	const items: Array<MenuItem<JournalEntry>> = entries.map(entry => ({
		key: entry.id,
		label: entryRow(entry, undoneBy(all, entry.id) !== undefined),
		value: entry,
	}));
	const current = entries.find(entry => entry.id === highlighted) ?? entries[0];
	const details: string[] = [];
	const now = Date.now();
	if (current) {
		const who = [current.user, current.hostname].filter(Boolean).join('@');
		details.push(
			[
				`entry ${shortId(current.id)}`,
				ageText(current.time, now),
				who ? `by ${sanitize(who)}` : '',
				current.profile ? `profile ${sanitize(current.profile)}` : '',
				current.undoOf ? `undoes ${shortId(current.undoOf)}` : '',
				current.batch ? `batch ${sanitize(current.batch)}` : '',
			]
				.filter(Boolean)
				.join(` ${theme.symbols.dot} `),
		);
		details.push(changeDetails(current, theme.symbols.arrow) || 'No field changed.');
		if (current.batch) {
			details.push(`Whole batch: kore-contacts undo --batch ${sanitize(current.batch)}`);
		}
		if (current.error) {
			details.push(sanitize(current.error));
		}
	}

	const detailRows = details.length;
	const menuRows = Math.max(3, rows - 1 - detailRows - (running ? 1 : 0));
	const count = entries.length;
	return (
		<ScreenLayout
			title={`History of ${sanitize(contactId)}`}
			hints={running ? [['Esc', 'cancel']] : [['↑↓', 'move'], ['Enter', 'undo'], ['Esc', 'back'], ...PAGE_HINTS]}
		>
			<Text color={theme.muted} wrap="truncate-end">
				{truncate(
					loaded.error ??
						(count === 0
							? 'No journal entries for this contact yet: every save from this machine is recorded here.'
							: `${count} ${count === 1 ? 'write' : 'writes'} from this machine, newest first. Enter: undo (reviewed first).`),
					width,
					theme.symbols.ellipsis,
				)}
			</Text>
			{running ? <Waiting label={running} wait={wait} /> : null}
			<Menu
				key="entries"
				items={items}
				initialKey={highlighted}
				onSelect={item => {
					prepare(item.value);
				}}
				onHighlight={item => {
					setHighlighted(item.key);
				}}
				height={menuRows}
				columns={size.columns}
				isActive={active && !running}
				empty="(no entries)"
			/>
			<Box flexDirection="column">
				{details.map((line, index) => (
					<Text key={index} color={index === 0 ? theme.muted : undefined} wrap="truncate-end">
						{truncate(line, width, theme.symbols.ellipsis)}
					</Text>
				))}
			</Box>
		</ScreenLayout>
	);
}
