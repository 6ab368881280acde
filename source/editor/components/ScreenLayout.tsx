import type React from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../../contact/display.js';
import {useEditor} from '../hooks/use-editor.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {useKeyInput} from '../terminal/keys.js';
import {plainText} from '../symbols.js';
import {useTheme} from '../theme.js';
import {ErrorBox, errorBoxRows} from './ErrorBox.js';
import {KeyHelp} from './KeyHelp.js';
import {KeyHints, type Hint} from './KeyHints.js';

export type ScreenLayoutProps = {
	title: string;
	/** The screen's keys, declared once: the key line and the `?` list both read them. */
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

/**
 * The screen's keys with the editor-wide ones: the key list (`?`, or F1 in a text field) first
 * among the extras (it is how the rest are found), and `q` where it quits.
 */
export function withGlobalKeys(hints: Hint[], keys: {typing: boolean; quits: boolean}): Hint[] {
	const list: Hint = keys.typing ? ['F1', 'keys', 'extra'] : ['?', 'keys', 'extra'];
	return [
		...hints.filter(hint => hint[2] === undefined),
		list,
		...hints.filter(hint => hint[2] !== undefined),
		...(keys.typing ? [] : ([['F1', 'keys (also in text fields)', 'list']] as Hint[])),
		...(keys.quits ? ([['q', 'quit (asks first when edits would be lost)', 'list']] as Hint[]) : []),
	];
}

/**
 * Title, content, the current error (or notice), and the key hints (or the quit question). While
 * the `?` list shows, it takes the content's place; the content stays mounted (hidden), so a form
 * keeps what was typed.
 */
export function ScreenLayout({title, hints, children}: ScreenLayoutProps): React.JSX.Element {
	const {state, confirmQuit, size, bodyRows} = useEditor();
	const {notice: inputNotice} = useKeyInput();
	const {help, typing, quits} = useScreenKeys();
	const theme = useTheme();
	const keys = withGlobalKeys(hints, {typing, quits});
	return (
		<Box flexDirection="column" width={size.columns}>
			<Text bold wrap="truncate-end">
				{truncate(title, size.columns - 1, theme.symbols.ellipsis)}
			</Text>
			<Box flexDirection="column" display={help ? 'none' : 'flex'}>
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
				<KeyHints hints={keys} columns={size.columns} question={confirmQuit ? QUIT_QUESTION : undefined} />
			</Box>
			{help ? <KeyHelp hints={keys} rows={bodyRows - 1} columns={size.columns} /> : null}
		</Box>
	);
}
