import React, {useState} from 'react';
import {Box, useInput} from 'ink';
import {validateField} from '../../contact/validate.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {currentFields} from '../flow.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';

type Which = 'firstName' | 'lastName';

/** First and last name; Tab / ↑↓ move between them, Enter submits both. */
export function NameForm(): React.JSX.Element {
	const {state, dispatch, active, size} = useEditor();
	const fields = currentFields(state);
	const start = {firstName: fields?.firstName ?? '', lastName: fields?.lastName ?? ''};
	const [values, setValues] = useState(start);
	const [focus, setFocus] = useState<Which>('firstName');
	const [touched, setTouched] = useState<Record<Which, boolean>>({firstName: false, lastName: false});
	const [submitted, setSubmitted] = useState(false);
	usePendingInput(values.firstName !== start.firstName || values.lastName !== start.lastName);
	useEscape();

	const errorOf = (which: Which) => validateField(which, values[which], {...fields, ...values});
	const wrong = (which: Which) => (touched[which] || submitted ? errorOf(which) : undefined);
	// The message of the focused field; the other one, when wrong, is marked ✖.
	const shownError = (which: Which) => (which === focus ? wrong(which) : undefined);
	const marked = (which: Which) => which !== focus && wrong(which) !== undefined;

	useInput(
		(_input, key) => {
			if (key.tab || key.upArrow || key.downArrow) {
				setFocus(f => (f === 'firstName' ? 'lastName' : 'firstName'));
			}
		},
		{isActive: active},
	);

	const submit = () => {
		setSubmitted(true);
		const bad = (['firstName', 'lastName'] as Which[]).find(which => errorOf(which));
		if (bad) {
			setFocus(bad);
			return;
		}

		dispatch({type: 'edit', fields: {firstName: values.firstName.trim(), lastName: values.lastName.trim()}});
	};

	const change = (which: Which) => (value: string) => {
		setValues(v => ({...v, [which]: value}));
		setTouched(t => ({...t, [which]: true}));
	};

	return (
		<ScreenLayout
			title="Edit name"
			hints={[
				['Tab/↑↓', 'field'],
				['Enter', 'done'],
				['Esc', 'cancel'],
			]}
		>
			<Box flexDirection="column">
				<TextField
					label="First name"
					value={values.firstName}
					onChange={change('firstName')}
					onSubmit={submit}
					focus={active && focus === 'firstName'}
					error={shownError('firstName')}
					invalid={marked('firstName')}
					columns={size.columns}
				/>
				<TextField
					label="Last name"
					value={values.lastName}
					onChange={change('lastName')}
					onSubmit={submit}
					focus={active && focus === 'lastName'}
					error={shownError('lastName')}
					invalid={marked('lastName')}
					columns={size.columns}
				/>
			</Box>
		</ScreenLayout>
	);
}
