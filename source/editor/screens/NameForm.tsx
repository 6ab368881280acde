import type React from 'react';
import {useState} from 'react';
import {Box} from 'ink';
import {validateField} from '../../contact/validate.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {FORM_HINTS, type FormProps, useFormFields} from '../hooks/use-form-fields.js';

type Which = 'firstName' | 'lastName';
const ORDER: Which[] = ['firstName', 'lastName'];

/** First and last name; Tab / ↑↓ move between them, Enter submits both. */
export function NameForm({fields, onSubmit, onCancel}: FormProps): React.JSX.Element {
	const {active, size} = useEditor();
	const start = {firstName: fields?.firstName ?? '', lastName: fields?.lastName ?? ''};
	const [values, setValues] = useState(start);
	usePendingInput(values.firstName !== start.firstName || values.lastName !== start.lastName);
	useEscape(onCancel);

	const errorOf = (which: Which) => validateField(which, values[which], {...fields, ...values});
	const form = useFormFields({order: ORDER, initialFocus: 'firstName', errorOf, active});

	const submit = () => {
		if (form.trySubmit()) return;
		onSubmit({firstName: values.firstName.trim(), lastName: values.lastName.trim()});
	};

	const change = (which: Which) => (value: string) => {
		setValues(v => ({...v, [which]: value}));
		form.touch(which);
	};

	return (
		<ScreenLayout title="Edit name" hints={FORM_HINTS}>
			<Box flexDirection="column">
				<TextField
					label="First name"
					value={values.firstName}
					onChange={change('firstName')}
					onSubmit={submit}
					{...form.field('firstName')}
					columns={size.columns}
				/>
				<TextField
					label="Last name"
					value={values.lastName}
					onChange={change('lastName')}
					onSubmit={submit}
					{...form.field('lastName')}
					columns={size.columns}
				/>
			</Box>
		</ScreenLayout>
	);
}
