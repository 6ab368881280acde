import type React from 'react';
import {Box, Text} from 'ink';
import {TextInput} from './TextInput.js';
import {wrapText} from './wrap.js';
import {plainText} from '../symbols.js';
import {useTheme} from '../theme.js';

export type TextFieldProps = {
	label: string;
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	focus: boolean;
	/** Masks every character (secrets). */
	mask?: string;
	placeholder?: string;
	/** Shown under the field; the typed value is kept. */
	error?: string;
	/** Marks the field as wrong without its message (forms show the message of the focused field only). */
	invalid?: boolean;
	/** A note under the field when there is no error (e.g. how a paste was split). */
	note?: string;
	labelWidth?: number;
	columns: number;
};

/** A labelled one-line input with its validation message underneath. */
export function TextField({
	label,
	value,
	onChange,
	onSubmit,
	focus,
	mask,
	placeholder,
	error,
	invalid = false,
	note,
	labelWidth = 16,
	columns,
}: TextFieldProps): React.JSX.Element {
	const theme = useTheme();
	const message = error ?? note;
	const shown = message === undefined ? undefined : plainText(message, theme.symbols);
	return (
		<Box flexDirection="column" width={Math.max(20, columns - 1)}>
			<Box>
				<Text color={error || invalid ? theme.error : focus ? theme.accent : undefined} bold={focus}>
					{focus ? `${theme.symbols.pointer} ` : error || invalid ? `${theme.symbols.error} ` : '  '}
					{label.padEnd(labelWidth)}
				</Text>
				<Box flexShrink={1}>
					<TextInput value={value} onChange={onChange} onSubmit={onSubmit} mask={mask} placeholder={placeholder} focus={focus} />
				</Box>
			</Box>
			{shown
				? wrapText(`${error ? `${theme.symbols.error} ` : ''}${shown}`, Math.max(10, columns - 3 - labelWidth)).map(
						(line, index) => (
							// eslint-disable-next-line react/no-array-index-key
							<Box key={index} paddingLeft={2 + labelWidth}>
								<Text color={error ? theme.error : theme.muted}>{line}</Text>
							</Box>
						),
					)
				: null}
		</Box>
	);
}
