import type React from 'react';
import {Box, Text} from 'ink';
import {fieldsOf} from '../../contact/fields.js';
import {truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {ConflictTable, conflictRows} from '../components/ConflictTable.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';

type Choice = 'apply' | 'reload' | 'cancel';

/**
 * The contact changed on the server since it was loaded: nothing was sent. Shows loaded / theirs /
 * yours per field and lets the operator apply their edits on top, reload, or cancel.
 */
export function ConflictScreen(): React.JSX.Element {
	const {state, dispatch, active, size} = useEditor();
	const theme = useTheme();
	const rows = useContentRows();
	useEscape(() => {
		dispatch({type: 'conflict-cancel'});
	});

	const {conflict, prepared} = state;
	if (!conflict || !prepared) {
		return (
			<ScreenLayout title="Changed meanwhile" hints={[['Esc', 'back']]}>
				<Text>Nothing to compare.</Text>
			</ScreenLayout>
		);
	}

	const loaded = prepared.before;
	const theirs = fieldsOf(conflict.current);
	const yours = prepared.after;
	const when = sanitize(conflict.current.updatedAt);
	const items: Array<MenuItem<Choice>> = [
		// Cancel first: applying on top of someone else's save is never the preselected choice.
		{key: 'cancel', label: 'Cancel (keep my edits, send nothing)', value: 'cancel'},
		{key: 'apply', label: 'Apply my changes on top of theirs (shows the new diff first)', value: 'apply'},
		{key: 'reload', label: 'Reload the contact and start over (drops my edits)', value: 'reload'},
	];
	// The legend, the column titles, and one row per field someone changed.
	const tableRows = 2 + conflictRows(loaded, theirs, yours).length;
	return (
		<ScreenLayout
			title={`${sanitize(prepared.contactId)} changed since you loaded it`}
			hints={[
				['↑↓', 'move'],
				['Enter', 'choose'],
				['Esc', 'cancel'],
			]}
		>
			<Text color={theme.warning} wrap="truncate-end">
				{truncate(
					`${theme.symbols.warning} Nothing was sent. ${conflict.theirs.length === 0 ? 'Only its update time moved' : 'Someone else saved it'}${when ? ` (updated ${when})` : ''}.`,
					size.columns - 1,
					theme.symbols.ellipsis,
				)}
			</Text>
			<ConflictTable loaded={loaded} theirs={theirs} yours={yours} columns={size.columns} />
			<Box>
				<Menu
					items={items}
					onSelect={item => {
						dispatch({
							type: item.value === 'apply' ? 'conflict-apply' : item.value === 'reload' ? 'conflict-reload' : 'conflict-cancel',
						});
					}}
					height={Math.max(3, rows - tableRows - 1)}
					columns={size.columns}
					isActive={active}
					confirmation
				/>
			</Box>
		</ScreenLayout>
	);
}
