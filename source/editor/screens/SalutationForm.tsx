import React, {useState} from 'react';
import {Box} from 'ink';
import {SALUTATIONS} from '../../contact/fields.js';
import {sanitize} from '../../contact/sanitize.js';
import {validateField} from '../../contact/validate.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {currentFields} from '../flow.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';

type Choice = {kind: 'value'; value: string} | {kind: 'other'};

/** Mr, Mrs, Ms, Mx, Dr, none, or Other… (free text; the API takes any text). */
export function SalutationForm(): React.JSX.Element {
	const {state, dispatch, active, size} = useEditor();
	const current = currentFields(state)?.salutation ?? '';
	const known = SALUTATIONS.find(s => s.toLowerCase() === current.trim().toLowerCase().replace(/\.$/, ''));
	const [mode, setMode] = useState<'list' | 'other'>('list');
	const [other, setOther] = useState(known === undefined ? current : '');
	const [error, setError] = useState<string | undefined>();
	const rows = useContentRows();
	usePendingInput(mode === 'other' && other !== current);

	useEscape(() => {
		if (mode === 'other') {
			setMode('list');
			setError(undefined);
		} else {
			dispatch({type: 'back'});
		}
	});

	const items: Array<MenuItem<Choice>> = [
		...SALUTATIONS.map(s => ({key: s, label: s, value: {kind: 'value', value: s} as Choice, note: known === s ? 'current' : undefined})),
		{key: 'none', label: 'none', value: {kind: 'value', value: ''}, note: current === '' ? 'current' : undefined},
		{
			key: 'other',
			label: 'Other…',
			value: {kind: 'other'},
			note: current !== '' && known === undefined ? `current: ${sanitize(current)}` : undefined,
		},
	];
	const initialKey = current === '' ? 'none' : (known ?? 'other');

	const submitOther = () => {
		const problem = validateField('salutation', other);
		if (problem) {
			setError(problem);
			return;
		}

		dispatch({type: 'edit', fields: {salutation: other.trim()}});
	};

	return (
		<ScreenLayout
			title="Edit salutation"
			hints={
				mode === 'list'
					? [
							['↑↓', 'move'],
							['Enter', 'choose'],
							['Esc', 'cancel'],
						]
					: [
							['Enter', 'done'],
							['Esc', 'list'],
						]
			}
		>
			<Box flexDirection="column">
				{mode === 'list' ? (
					<Menu
						items={items}
						initialKey={initialKey}
						onSelect={item => {
							if (item.value.kind === 'other') {
								setMode('other');
							} else {
								dispatch({type: 'edit', fields: {salutation: item.value.value}});
							}
						}}
						height={rows}
						columns={size.columns}
						isActive={active}
					/>
				) : (
					<TextField
						label="Salutation"
						value={other}
						onChange={value => {
							setOther(value);
							setError(validateField('salutation', value));
						}}
						onSubmit={submitOther}
						focus={active}
						placeholder="e.g. Prof"
						error={error}
						columns={size.columns}
					/>
				)}
			</Box>
		</ScreenLayout>
	);
}
