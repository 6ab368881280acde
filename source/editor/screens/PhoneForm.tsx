import type React from 'react';
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {truncate} from '../../contact/display.js';
import {compactPhone, normalizeCountryCode, parsePhoneInput, phoneAdvice} from '../../contact/phone.js';
import {validateField} from '../../contact/validate.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {FORM_HINTS, type FormProps, useFormFields} from '../hooks/use-form-fields.js';
import {useTheme} from '../theme.js';

type Which = 'countryCode' | 'phoneNumber' | 'extension';
const ORDER: Which[] = ['countryCode', 'phoneNumber', 'extension'];

type Values = Record<Which, string>;

function isInternational(text: string): boolean {
	const compact = compactPhone(text);
	return compact.startsWith('+') || compact.startsWith('00');
}

/** What is wrong with each field now (inline, while typing), and how an international number splits. */
export function checkPhone(values: Values): {
	errors: Partial<Record<Which, string>>;
	split?: {countryCode: string; phoneNumber: string};
} {
	const errors: Partial<Record<Which, string>> = {};
	const parsed = parsePhoneInput(values.phoneNumber, values.countryCode);
	let countryCode = values.countryCode;
	let phoneNumber = compactPhone(values.phoneNumber);
	let split: {countryCode: string; phoneNumber: string} | undefined;
	if (parsed.ok) {
		phoneNumber = parsed.phoneNumber;
		if (isInternational(values.phoneNumber)) {
			countryCode = parsed.countryCode;
			split = {countryCode: parsed.countryCode, phoneNumber: parsed.phoneNumber};
		}
	} else {
		errors.phoneNumber = parsed.error;
	}

	const codeError = validateField('countryCode', countryCode, {phoneNumber});
	if (codeError) {
		errors.countryCode = codeError;
	}

	const extensionError = validateField('extension', values.extension);
	if (extensionError) {
		errors.extension = extensionError;
	}

	return {errors, split};
}

/** Country code, number and extension, validated while typing; a pasted +91 95501 00001 is split. */
export function PhoneForm({fields, onSubmit, onCancel}: FormProps): React.JSX.Element {
	const {active, size} = useEditor();
	const theme = useTheme();
	const start: Values = {
		countryCode: fields?.countryCode ?? '',
		phoneNumber: fields?.phoneNumber ?? '',
		extension: fields?.extension ?? '',
	};
	const [values, setValues] = useState<Values>(start);
	const [note, setNote] = useState<string | undefined>();
	usePendingInput(ORDER.some(which => values[which] !== start[which]));
	useEscape(onCancel);

	const {errors, split} = checkPhone(values);
	const form = useFormFields({order: ORDER, initialFocus: 'phoneNumber', errorOf: which => errors[which], active});
	// Advice, not a refusal: fictional and new ranges fail the numbering-plan check.
	const advice =
		errors.phoneNumber || errors.countryCode
			? undefined
			: phoneAdvice(split?.countryCode ?? values.countryCode, split?.phoneNumber ?? values.phoneNumber);
	const fix = advice?.suggestion;

	useInput(
		(input, key) => {
			if (key.ctrl && input === 'f' && fix !== undefined) {
				setNote(undefined);
				form.touch('phoneNumber');
				setValues(v => ({...v, ...(split ? {countryCode: split.countryCode} : {}), phoneNumber: fix}));
			}
		},
		{isActive: active},
	);

	const change = (which: Which) => (value: string) => {
		setNote(undefined);
		form.touch(which);
		const pasted = which === 'phoneNumber' && value.length - values.phoneNumber.length > 1 && isInternational(value);
		if (pasted) {
			const parsed = parsePhoneInput(value, values.countryCode);
			if (parsed.ok) {
				setValues(v => ({...v, countryCode: parsed.countryCode, phoneNumber: parsed.phoneNumber}));
				form.touch('countryCode');
				setNote(`Split the pasted number into ${parsed.countryCode} and ${parsed.phoneNumber}.`);
				return;
			}
		}

		setValues(v => ({...v, [which]: value}));
	};

	const submit = () => {
		if (form.trySubmit()) return;

		const parsed = parsePhoneInput(values.phoneNumber, values.countryCode);
		const phoneNumber = parsed.ok ? parsed.phoneNumber : compactPhone(values.phoneNumber);
		const countryCode = split?.countryCode ?? normalizeCountryCode(values.countryCode);
		onSubmit({countryCode, phoneNumber, extension: values.extension.trim()});
	};

	const numberNote =
		note ??
		(split && split.countryCode !== normalizeCountryCode(values.countryCode)
			? `Enter splits it into ${split.countryCode} and ${split.phoneNumber}.`
			: undefined);
	return (
		<ScreenLayout title="Edit cell phone" hints={fix === undefined ? FORM_HINTS : [['Ctrl+F', 'apply the fix'], ...FORM_HINTS]}>
			<Box flexDirection="column">
				<TextField
					label="Country code"
					value={values.countryCode}
					onChange={change('countryCode')}
					onSubmit={submit}
					{...form.field('countryCode')}
					placeholder="+91"
					columns={size.columns}
				/>
				<TextField
					label="Number"
					value={values.phoneNumber}
					onChange={change('phoneNumber')}
					onSubmit={submit}
					{...form.field('phoneNumber')}
					placeholder="digits, or paste +91 95501 00001"
					note={form.focus === 'phoneNumber' ? numberNote : undefined}
					columns={size.columns}
				/>
				<TextField
					label="Extension"
					value={values.extension}
					onChange={change('extension')}
					onSubmit={submit}
					{...form.field('extension')}
					placeholder="'', + or +digits"
					columns={size.columns}
				/>
				{advice ? (
					<Text color={theme.warning} wrap="wrap">
						{`${theme.symbols.warning} ${advice.message}`}
					</Text>
				) : null}
				<Text color={theme.muted} wrap="truncate-end">
					{truncate('Sent as digits only; Kore.ai stores country code + number.', size.columns - 1, theme.symbols.ellipsis)}
				</Text>
			</Box>
		</ScreenLayout>
	);
}
