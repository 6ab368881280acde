import type React from 'react';
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {ContactFields, FieldName} from '../../contact/contact.js';
import {fieldsOf} from '../../contact/fields.js';
import {truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {FieldRow} from '../components/FieldRow.js';
import {letterHints, Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {currentFields, editedFields} from '../state/edit-session.js';
import type {CardFocus} from '../state/navigation.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {UNICODE_SYMBOLS} from '../symbols.js';
import {useTheme} from '../theme.js';

type Action = 'name' | 'salutation' | 'phone' | 'review' | 'discard' | 'history' | 'back';

const PHONE: FieldName[] = ['countryCode', 'phoneNumber', 'extension'];

export function phoneText(
	fields: Pick<ContactFields, 'countryCode' | 'phoneNumber' | 'extension'>,
	dot = UNICODE_SYMBOLS.dot,
): string {
	const number = [fields.countryCode, fields.phoneNumber].filter(Boolean).join(' ');
	const ext = fields.extension ? ` ${dot} ext ${fields.extension}` : '';
	return number || ext ? `${number || '(no number)'}${ext}` : '';
}

/** Step 4: the contact's current values (edited ones marked) and what to do next. */
export function CardScreen({focus}: {focus?: CardFocus | undefined}): React.JSX.Element {
	const {state, dispatch, active, size} = useEditor();
	const theme = useTheme();
	// Leaving or discarding with edits asks first (y/n): one key too many must not lose them.
	const [confirm, setConfirm] = useState<'leave' | 'discard' | undefined>();
	const confirmLeave = confirm !== undefined;
	// The highlighted item survives the question (the menu is hidden while it shows).
	const [highlighted, setHighlighted] = useState<string | undefined>();
	const contact = state.contact;
	const fields = currentFields(state);
	const edited = new Set(editedFields(state));
	const count = edited.size;
	const rows = useContentRows();

	const leave = () => {
		if (count > 0) {
			setConfirm('leave');
		} else {
			dispatch({type: 'back'});
		}
	};

	const discard = () => {
		if (count > 0) {
			setConfirm('discard');
		} else {
			// Said, not silently "discarded": the operator may think an edit was there.
			dispatch({
				type: 'error',
				error: {
					message: 'Nothing to discard: no field has been changed.',
					hint: 'Choose Name, Salutation or Cell phone to edit a field.',
				},
			});
		}
	};

	useEscape(leave, {isActive: !confirmLeave});
	useInput(
		(input, key) => {
			if (input === 'y' || input === 'Y') {
				setConfirm(undefined);
				dispatch({type: confirm === 'discard' ? 'discard' : 'back'});
			} else if (input === 'n' || input === 'N' || key.escape || key.return) {
				setConfirm(undefined);
			}
		},
		{isActive: active && confirmLeave},
	);

	if (!contact || !fields) {
		return (
			<ScreenLayout title="Contact" hints={[['Esc', 'back']]}>
				<Text>No contact is loaded.</Text>
			</ScreenLayout>
		);
	}

	const loaded = fieldsOf(contact);
	const phoneEdited = PHONE.some(name => edited.has(name));
	const items: Array<MenuItem<Action>> = [
		{
			key: 'name',
			label: 'Name',
			value: 'name',
			hotkey: 'n',
			note: edited.has('firstName') || edited.has('lastName') ? 'edited' : undefined,
		},
		{
			key: 'salutation',
			label: 'Salutation',
			value: 'salutation',
			hotkey: 's',
			note: edited.has('salutation') ? 'edited' : undefined,
		},
		{key: 'phone', label: 'Cell phone', value: 'phone', hotkey: 'p', note: phoneEdited ? 'edited' : undefined},
		{key: 'review', label: `Review changes (${count})`, value: 'review', hotkey: 'r'},
		{key: 'discard', label: 'Discard changes', value: 'discard', hotkey: 'd'},
		{key: 'history', label: 'History / undo', value: 'history', hotkey: 'h'},
		{key: 'back', label: 'Back', value: 'back'},
	];

	const status = sanitize(contact.status);
	const inactive = status !== '' && status.toUpperCase() !== 'ACTIVE';
	const menuRows = Math.max(3, rows - 4 - (inactive ? 1 : 0));
	return (
		<ScreenLayout
			title={`Contact ${sanitize(contact.id)}`}
			hints={
				confirmLeave
					? [
							['y', confirm === 'discard' ? 'discard' : 'leave, drop edits'],
							['n', 'keep them'],
						]
					: [['↑↓', 'move'], ['Enter', 'choose'], ['Esc', 'back'], ...letterHints(items)]
			}
		>
			<Box flexDirection="column">
				<FieldRow
					label="Salutation"
					value={fields.salutation}
					edited={edited.has('salutation')}
					was={loaded.salutation}
					columns={size.columns}
				/>
				<FieldRow
					label="First name"
					value={fields.firstName}
					edited={edited.has('firstName')}
					was={loaded.firstName}
					columns={size.columns}
				/>
				<FieldRow
					label="Last name"
					value={fields.lastName}
					edited={edited.has('lastName')}
					was={loaded.lastName}
					columns={size.columns}
				/>
				<FieldRow
					label="Cell phone"
					value={phoneText(fields, theme.symbols.dot)}
					edited={phoneEdited}
					was={phoneText(loaded, theme.symbols.dot)}
					columns={size.columns}
				/>
				{inactive ? (
					<Text color={theme.warning} wrap="truncate-end">
						{truncate(
							`${theme.symbols.warning} Status ${status}: this contact is not active.`,
							size.columns - 1,
							theme.symbols.ellipsis,
						)}
					</Text>
				) : null}
			</Box>
			{confirmLeave ? (
				<Text color={theme.warning} bold wrap="wrap">
					{confirm === 'discard' ? 'Discard' : 'Leave this contact and drop'} {count} edited {count === 1 ? 'field' : 'fields'}? y{' '}
					{confirm === 'discard' ? 'discards' : 'leaves'} {theme.symbols.dot} n keeps them
				</Text>
			) : (
				<Menu
					items={items}
					onSelect={item => {
						switch (item.value) {
							case 'name':
							case 'salutation':
							case 'phone': {
								dispatch({type: 'open', screen: {name: item.value}});
								break;
							}

							case 'review': {
								dispatch({type: 'review'});
								break;
							}

							case 'discard': {
								discard();
								break;
							}

							case 'history': {
								dispatch({type: 'open', screen: {name: 'history'}});
								break;
							}

							case 'back': {
								leave();
								break;
							}
						}
					}}
					height={menuRows}
					columns={size.columns}
					isActive={active}
					initialKey={highlighted ?? focus ?? (count > 0 ? 'review' : undefined)}
					onHighlight={item => {
						setHighlighted(item.key);
					}}
				/>
			)}
		</ScreenLayout>
	);
}
