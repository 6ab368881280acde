import type React from 'react';
import {useState} from 'react';
import {Box} from 'ink';
import {SALUTATIONS} from '../../contact/fields.js';
import {sanitize} from '../../contact/sanitize.js';
import {sameSalutation} from '../../contact/update-body.js';
import {validateField} from '../../contact/validate.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {type FormProps, REPLACE_HINTS} from '../hooks/use-form-fields.js';
import {useTheme} from '../theme.js';

type Choice = {kind: 'value'; value: string} | {kind: 'other'};

/** The "no salutation" item: worded like the card and the review show an empty value. */
export const NONE_LABEL = 'none (empty)';

/** The known salutation a stored value stands for, ignoring case, spaces and a trailing dot ("mr", "MR." -> "Mr"). */
export function knownSalutation(value: string): string | undefined {
	const key = value.trim().toLowerCase().replace(/\.$/, '');
	return SALUTATIONS.find(s => s.toLowerCase() === key);
}

/** Mr, Mrs, Ms, Mx, Dr, none, or Other… (free text; the API takes any text). */
export function SalutationForm({fields, onSubmit, onCancel}: FormProps): React.JSX.Element {
	const {active, size} = useEditor();
	const theme = useTheme();
	const current = fields?.salutation ?? '';
	// Spaces only count as none: that is what saving them stores (the value is trimmed).
	const none = current.trim() === '';
	const known = knownSalutation(current);
	const [mode, setMode] = useState<'list' | 'other'>('list');
	const [other, setOther] = useState(known === undefined && !none ? current : '');
	const [error, setError] = useState<string | undefined>();
	const rows = useContentRows();
	usePendingInput(mode === 'other' && other.trim() !== current.trim());

	useEscape(() => {
		if (mode === 'other') {
			setMode('list');
			setError(undefined);
		} else {
			onCancel();
		}
	});

	const items: Array<MenuItem<Choice>> = [
		...SALUTATIONS.map(s => ({
			key: s,
			label: s,
			value: {kind: 'value', value: s} as Choice,
			note: known === s ? 'current' : undefined,
		})),
		{key: 'none', label: NONE_LABEL, value: {kind: 'value', value: ''}, note: none ? 'current' : undefined},
		{
			key: 'other',
			label: `Other${theme.symbols.ellipsis}`,
			value: {kind: 'other'},
			note: !none && known === undefined ? `current: ${sanitize(current)}` : undefined,
		},
	];
	const initialKey = none ? 'none' : (known ?? 'other');

	// "mr" for a stored "Mr" keeps the stored text, so it is no edit (not a change to review).
	const choose = (value: string) => {
		onSubmit({salutation: sameSalutation(current, value) ? current : value.trim()});
	};

	const submitOther = () => {
		const problem = validateField('salutation', other);
		if (problem) {
			setError(problem);
			return;
		}

		// Empty is the same choice as "none": the same value (''), shown the same way.
		choose(other);
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
					: [['Enter', 'done'], ['Esc', 'list'], ...REPLACE_HINTS]
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
								choose(item.value.value);
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
						placeholder="e.g. Prof · empty = none"
						error={error}
						columns={size.columns}
					/>
				)}
			</Box>
		</ScreenLayout>
	);
}
