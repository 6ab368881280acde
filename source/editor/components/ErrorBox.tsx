import type React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../../contact/sanitize.js';
import {plainText, type Symbols, UNICODE_SYMBOLS} from '../symbols.js';
import {useTheme} from '../theme.js';
import {wrapText} from './wrap.js';

export type ErrorBoxProps = {
	message: string;
	/** What to do; shown on its own line unless the message already ends with it. */
	hint?: string;
	columns: number;
	/** "warning" for notes that are not failures (yellow, "!"). */
	tone?: 'error' | 'warning';
};

function lines(message: string, hint: string | undefined, symbols: Symbols): string[] {
	const text = plainText(sanitize(message), symbols);
	const extra = hint ? plainText(sanitize(hint), symbols) : '';
	return extra && !text.includes(extra) ? [text, extra] : [text];
}

function boxLines(message: string, hint: string | undefined, columns: number, symbols: Symbols, symbol: string): string[] {
	const width = Math.max(10, columns - 1);
	const [first = '', second] = lines(message, hint, symbols);
	return [...wrapText(`${symbol} ${first}`, width), ...(second ? wrapText(second, width) : [])];
}

/** Rows the box takes at this width (screens budget their list heights with it); `symbols` as the theme's. */
export function errorBoxRows(
	error: {message: string; hint?: string} | undefined,
	columns: number,
	symbols: Symbols = UNICODE_SYMBOLS,
): number {
	if (!error) {
		return 0;
	}

	return boxLines(error.message, error.hint, columns, symbols, symbols.error).length;
}

/** A failure (or warning) in words: what happened and what to do. Never a stack trace. */
export function ErrorBox({message, hint, columns, tone = 'error'}: ErrorBoxProps): React.JSX.Element {
	const theme = useTheme();
	const colour = tone === 'error' ? theme.error : theme.warning;
	const symbol = tone === 'error' ? theme.symbols.error : theme.symbols.warning;
	const firstRows = wrapText(`${symbol} ${lines(message, hint, theme.symbols)[0] ?? ''}`, Math.max(10, columns - 1)).length;
	const all = boxLines(message, hint, columns, theme.symbols, symbol);
	return (
		<Box flexDirection="column">
			{all.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={index < firstRows ? colour : undefined}>
					{line}
				</Text>
			))}
		</Box>
	);
}
