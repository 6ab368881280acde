import type React from 'react';
import {useEditor} from '../hooks/use-editor.js';
import type {FormProps} from '../hooks/use-form-fields.js';
import {currentFields} from '../state/edit-session.js';
import {NameForm} from './NameForm.js';
import {PhoneForm} from './PhoneForm.js';
import {SalutationForm} from './SalutationForm.js';

const FORMS: Record<EditFormName, (props: FormProps) => React.JSX.Element> = {
	name: NameForm,
	salutation: SalutationForm,
	phone: PhoneForm,
};

export type EditFormName = 'name' | 'salutation' | 'phone';

/** A field form on the contact being edited: its values in, its edits to the flow, Esc back to the card. */
export function EditForm({form}: {form: EditFormName}): React.JSX.Element {
	const {state, dispatch} = useEditor();
	const Form = FORMS[form];
	return (
		<Form
			fields={currentFields(state)}
			onSubmit={fields => {
				dispatch({type: 'edit', fields});
			}}
			onCancel={() => {
				dispatch({type: 'back'});
			}}
		/>
	);
}
