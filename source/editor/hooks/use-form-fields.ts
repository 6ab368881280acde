import {useState} from 'react';
import {useInput} from 'ink';
import type {ContactFields} from '../../contact/contact.js';
import type {Hint} from '../components/KeyHints.js';

/** A form screen: the values it starts from in, the operator's edits out. */
export type FormProps = {
	/** The contact's values with the edits so far on top. */
	fields: ContactFields | undefined;
	onSubmit: (edits: Partial<ContactFields>) => void;
	onCancel: () => void;
};

/** Typing into a prefilled (selected) value replaces it; an arrow first edits it in place (TextInput). */
export const REPLACE_HINTS: Hint[] = [
	['type', 'replaces'],
	['←→', 'edit'],
];

/** The key hints of a form screen. */
export const FORM_HINTS: Hint[] = [['Tab/↑↓', 'field'], ['Enter', 'done'], ['Esc', 'cancel'], ...REPLACE_HINTS];

export type FormFields<Which extends string> = {
	focus: Which;
	setFocus: (which: Which) => void;
	/** Marks fields as typed in: their errors show from now on. */
	touch: (...which: Which[]) => void;
	/** Marks the form as submitted (every error shows) and returns the first wrong field, if any (it gets the focus). */
	trySubmit: () => Which | undefined;
	/** What TextField needs to show a field's state: its focus, its message (focused only) and its ✖ mark (the others). */
	field: (which: Which) => {focus: boolean; error: string | undefined; invalid: boolean};
};

/**
 * Focus, touched and submitted state of a form's fields. Tab / ↓ move to the next field, Shift+Tab
 * / ↑ to the previous one (in `order`, round). A field's error shows once it was typed in or the
 * form submitted; only the focused field shows its message, other wrong fields are marked ✖
 * (keeps 60×20 readable).
 */
export function useFormFields<Which extends string>(options: {
	order: readonly Which[];
	initialFocus: Which;
	errorOf: (which: Which) => string | undefined;
	active: boolean;
}): FormFields<Which> {
	const {order, errorOf, active} = options;
	const [focus, setFocus] = useState<Which>(options.initialFocus);
	const [touched, setTouched] = useState<Partial<Record<Which, boolean>>>({});
	const [submitted, setSubmitted] = useState(false);

	useInput(
		(_input, key) => {
			const step = (by: number) => {
				setFocus(current => order[(order.indexOf(current) + by + order.length) % order.length]!);
			};

			if ((key.tab && key.shift) || key.upArrow) {
				step(-1);
			} else if (key.tab || key.downArrow) {
				step(1);
			}
		},
		{isActive: active},
	);

	const wrong = (which: Which) => (touched[which] || submitted ? errorOf(which) : undefined);
	return {
		focus,
		setFocus,
		touch(...which) {
			setTouched(t => ({...t, ...Object.fromEntries(which.map(w => [w, true]))}));
		},
		trySubmit() {
			setSubmitted(true);
			const bad = order.find(which => errorOf(which));
			if (bad) setFocus(bad);
			return bad;
		},
		field: which => ({
			focus: active && focus === which,
			error: which === focus ? wrong(which) : undefined,
			invalid: which !== focus && wrong(which) !== undefined,
		}),
	};
}
