import type React from 'react';
import {useState} from 'react';
import {Text} from 'ink';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';
import {resolveSession} from './session.js';

/** The profile keeps no secret and KORE_CLIENT_SECRET is unset: ask for it, masked, for this session only. */
export function SecretScreen({profileName}: {profileName: string}): React.JSX.Element {
	const {services, dispatch, active, size} = useEditor();
	const theme = useTheme();
	const [secret, setSecret] = useState('');
	const [error, setError] = useState<string | undefined>();
	usePendingInput(secret !== '');
	useEscape();

	const submit = () => {
		if (secret === '') {
			setError('Type the client secret of the app (Kore.ai app settings), or press Esc.');
			return;
		}

		const resolution = resolveSession(services.store, services.env, profileName, secret);
		if (resolution.ok) {
			dispatch({type: 'session-ready', session: resolution.session});
		} else {
			dispatch({type: 'error', error: resolution.error});
		}
	};

	return (
		<ScreenLayout
			title={`Client secret for profile ${profileName}`}
			hints={[
				['Enter', 'continue'],
				['Esc', 'back'],
			]}
		>
			<Text color={theme.muted} wrap="wrap">
				Used for this session only, never saved or shown.
			</Text>
			<TextField
				label="Client secret"
				value={secret}
				onChange={value => {
					setSecret(value);
					setError(undefined);
				}}
				onSubmit={submit}
				focus={active}
				mask={theme.symbols.mask}
				error={error}
				columns={size.columns}
			/>
		</ScreenLayout>
	);
}
