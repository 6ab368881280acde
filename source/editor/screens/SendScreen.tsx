import React from 'react';
import {Box, Text, useInput} from 'ink';
import {sanitize} from '../../contact/sanitize.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {Waiting} from '../components/Waiting.js';
import {useEditor} from '../hooks/use-editor.js';
import {useSend} from '../hooks/use-send.js';
import {useTheme} from '../theme.js';

/** Step 7: re-read (lost-update guard), then the PUT. Ctrl+C aborts; the screen says what that means. */
export function SendScreen(): React.JSX.Element {
	const {state} = useEditor();
	const theme = useTheme();
	const {phase, abort} = useSend();
	const id = sanitize(state.prepared?.contactId ?? '');

	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			abort();
		} else if (key.escape && phase === 'checking') {
			abort();
		}
	});

	return (
		<ScreenLayout
			title={`Saving ${id}`}
			hints={phase === 'checking' ? [['Esc', 'cancel']] : [['Ctrl+C', 'abort (outcome unknown)']]}
		>
			<Box flexDirection="column">
				<Waiting
					label={phase === 'checking' ? 'Checking that nobody changed this contact meanwhile…' : 'Saving (PUT)…'}
					wait={state.wait}
				/>
				<Text color={theme.muted} wrap="wrap">
					{phase === 'checking' ? 'Nothing has been sent yet.' : 'The request is on its way; it is sent once and never repeated.'}
				</Text>
			</Box>
		</ScreenLayout>
	);
}
