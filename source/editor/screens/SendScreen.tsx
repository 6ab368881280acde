import type React from 'react';
import {Box, Text, useInput} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {ErrorBox} from '../components/ErrorBox.js';
import {Waiting} from '../components/Waiting.js';
import {useEditor} from '../hooks/use-editor.js';
import {useSend, type SendPhase} from '../hooks/use-send.js';
import {useTheme} from '../theme.js';

/**
 * The keys while sending. Not KeyHints: that always adds "Ctrl+C quit", but here Ctrl+C cancels the
 * re-read or aborts the PUT (the editor does not quit from this screen).
 */
export function sendHints(phase: SendPhase): string[] {
	return phase === 'checking' ? ['Esc cancel (nothing sent)', 'Ctrl+C cancel'] : ['Ctrl+C abort (outcome unknown)'];
}

function hintLine(parts: string[], columns: number, separator: string): string {
	const kept: string[] = [];
	for (const part of parts) {
		const line = [...kept, part].join(separator);
		if (displayWidth(line) > columns - 1) {
			break;
		}

		kept.push(part);
	}

	return kept.join(separator);
}

/** Step 7: re-read (lost-update guard), then the PUT. Ctrl+C aborts; the screen says what that means. */
export function SendScreen(): React.JSX.Element {
	const {state, size, wait} = useEditor();
	const theme = useTheme();
	const {phase, waiting, abort} = useSend();
	const id = sanitize(state.prepared?.contactId ?? '');

	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			abort();
		} else if (key.escape && phase === 'checking') {
			abort();
		}
	});

	return (
		<Box flexDirection="column" width={size.columns}>
			<Text bold wrap="truncate-end">
				{truncate(`Saving ${id}`, size.columns - 1, theme.symbols.ellipsis)}
			</Text>
			<Box flexDirection="column">
				<Waiting
					label={
						waiting
							? 'Waiting: another kore-contacts on this machine is saving this contact…'
							: phase === 'checking'
								? 'Checking that nobody changed this contact meanwhile…'
								: 'Saving (PUT)…'
					}
					wait={wait}
				/>
				<Text color={theme.muted} wrap="wrap">
					{phase === 'checking' ? 'Nothing has been sent yet.' : 'The request is on its way; it is sent once and never repeated.'}
				</Text>
			</Box>
			{state.error ? <ErrorBox message={state.error.message} hint={state.error.hint} columns={size.columns} /> : null}
			<Text color={theme.muted} wrap="truncate-end">
				{hintLine(sendHints(phase), size.columns, ` ${theme.symbols.dot} `)}
			</Text>
		</Box>
	);
}
