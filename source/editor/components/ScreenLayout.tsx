import type React from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../../contact/display.js';
import {useEditor} from '../hooks/use-editor.js';
import {useKeyInput} from '../terminal/keys.js';
import {plainText} from '../symbols.js';
import {useTheme} from '../theme.js';
import {ErrorBox, errorBoxRows} from './ErrorBox.js';
import {KeyHints, type Hint} from './KeyHints.js';

export type ScreenLayoutProps = {
	title: string;
	hints: Hint[];
	children: React.ReactNode;
};

/** The quit question shown in place of the key hints. */
export const QUIT_QUESTION = 'Quit and lose the unsaved edits? y quits · n stays';

/**
 * Rows left for a screen's own content: the body minus the title, the footer and the error or
 * notice box (which the layout shows). Lists use it as their height.
 */
export function useContentRows(): number {
	const {bodyRows, state, size} = useEditor();
	const {notice: inputNotice} = useKeyInput();
	const theme = useTheme();
	const message = state.error ?? (state.notice ? {message: state.notice} : undefined);
	return Math.max(3, bodyRows - 2 - errorBoxRows(message, size.columns, theme.symbols) - (inputNotice ? 1 : 0));
}

/** Title, content, the current error (or notice), and the key hints (or the quit question). */
export function ScreenLayout({title, hints, children}: ScreenLayoutProps): React.JSX.Element {
	const {state, size} = useEditor();
	const {notice: inputNotice} = useKeyInput();
	const theme = useTheme();
	return (
		<Box flexDirection="column" width={size.columns}>
			<Text bold wrap="truncate-end">
				{truncate(title, size.columns - 1, theme.symbols.ellipsis)}
			</Text>
			{children}
			{state.error ? <ErrorBox message={state.error.message} hint={state.error.hint} columns={size.columns} /> : null}
			{!state.error && state.notice ? (
				<Text color={theme.success} wrap="wrap">
					{plainText(state.notice, theme.symbols)}
				</Text>
			) : null}
			{inputNotice ? (
				<Text color={theme.warning} wrap="truncate-end">
					{truncate(plainText(inputNotice, theme.symbols), size.columns - 1, theme.symbols.ellipsis)}
				</Text>
			) : null}
			<KeyHints hints={hints} columns={size.columns} question={state.confirmQuit ? QUIT_QUESTION : undefined} />
		</Box>
	);
}
