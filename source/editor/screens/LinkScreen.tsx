import type React from 'react';
import {useEffect, useRef} from 'react';
import {Text} from 'ink';
import {count} from './contact-rows.js';
import {sanitize} from '../../contact/sanitize.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {Waiting} from '../components/Waiting.js';
import {currentScreen} from '../state/flow.js';
import {useContactList} from '../hooks/use-contact-list.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useStreamCheck} from '../hooks/use-stream-check.js';

export type LinkScreenProps = {
	streamId: string;
	contactId?: string;
	/**
	 * The link did what it could: the screen below takes over. `query`: the contact ID, for the
	 * contact screen's Find field (it was not found, or the search was cancelled).
	 */
	onDone: (query?: string) => void;
};

/**
 * `--stream ID [--contact ID]`: shown in place of the stream and contact screens while the stream
 * is checked (as the stream screen checks it) and the contact found (as `get` finds it), so the
 * card is the first screen to act on. Whatever goes wrong lands on the screen that can fix it.
 */
export function LinkScreen({streamId, contactId, onDone}: LinkScreenProps): React.JSX.Element {
	const {state, wait, setStreamInput} = useEditor();
	const {checking, check, cancel: cancelCheck} = useStreamCheck();
	const {running, progress, locate, cancel: cancelFind} = useContactList();
	const top = currentScreen(state).name;
	const located = useRef(false);

	// biome-ignore lint/correctness/useExhaustiveDependencies: the link is followed once, when this screen first shows
	useEffect(() => {
		// Kept by the editor: should the stream screen show next, its field holds the ID.
		setStreamInput({streamId, nickname: ''});
		check(streamId, undefined, {
			onSettled(outcome) {
				// After rejected credentials the profile form shows; once they are fixed, this screen comes back.
				if (outcome === 'credentials' || (outcome === 'ready' && contactId !== undefined)) return;
				onDone();
			},
		});
	}, []);

	// biome-ignore lint/correctness/useExhaustiveDependencies: runs when the stream's list has opened
	useEffect(() => {
		if (contactId === undefined || located.current || top !== 'contact' || state.streamId !== streamId) return;
		located.current = true;
		locate(contactId, outcome => {
			onDone(outcome === 'opened' ? undefined : contactId);
		});
	}, [top, state.streamId]);

	useEscape(() => {
		cancelCheck();
		cancelFind();
		onDone(top === 'contact' ? contactId : undefined);
	});

	const scanned =
		progress && progress.scanned > 0
			? ` (${count(progress.scanned)}${progress.total === undefined ? '' : ` of ${count(progress.total)}`} scanned)`
			: '';
	const label = checking ?? (running ? `${running}${scanned}` : 'Opening…');
	return (
		<ScreenLayout title="Opening the link" hints={[['Esc', 'cancel']]}>
			<Text wrap="truncate-end">
				Stream {sanitize(streamId)}
				{contactId === undefined ? '' : ` · contact ${sanitize(contactId)}`}
			</Text>
			<Waiting label={label} wait={wait} />
		</ScreenLayout>
	);
}
