import type React from 'react';
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {isKoreError} from '../../kore/errors.js';
import {normalizeHost} from '../../kore/host.js';
import {DEMO_SEALED} from '../demo.js';
import {isStoreError} from '../../store/credentials.js';
import {validateProfile} from '../../store/profiles.js';
import type {Profile} from '../../store/types.js';
import {ScreenLayout} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import type {ProfileDraft} from '../state/navigation.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {REPLACE_HINTS} from '../hooks/use-form-fields.js';
import {useTheme} from '../theme.js';
import {resolveSession} from './session.js';

type TextKey = 'name' | 'host' | 'accountId' | 'clientId' | 'clientSecret';
type FieldKey = TextKey | 'protected';

const FIELDS: Array<{key: FieldKey; label: string; placeholder?: string; env?: string}> = [
	{key: 'name', label: 'Profile name', placeholder: 'e.g. prod-us'},
	{key: 'host', label: 'Host', placeholder: 'platform.kore.ai', env: 'KORE_HOST'},
	{key: 'accountId', label: 'Account ID', env: 'KORE_ACCOUNT_ID'},
	{key: 'clientId', label: 'Client ID', placeholder: 'cs-…', env: 'KORE_CLIENT_ID'},
	{key: 'clientSecret', label: 'Client secret', placeholder: 'leave empty to be asked each time', env: 'KORE_CLIENT_SECRET'},
	{key: 'protected', label: 'Protected'},
];

export type ProfileFormProps = {
	initial?: Partial<ProfileDraft>;
	/** Why the form shows (e.g. the server rejected the credentials). */
	reason?: string;
};

function emptyDraft(initial: Partial<ProfileDraft> = {}): ProfileDraft {
	return {
		name: initial.name ?? '',
		host: initial.host ?? '',
		accountId: initial.accountId ?? '',
		clientId: initial.clientId ?? '',
		clientSecret: initial.clientSecret ?? '',
		protected: initial.protected ?? false,
	};
}

/** Create or fix a profile: name, host, account ID, client ID, masked secret, protected. */
export function ProfileForm({initial, reason}: ProfileFormProps): React.JSX.Element {
	const {services, dispatch, active, size, state} = useEditor();
	const theme = useTheme();
	const [draft, setDraft] = useState<ProfileDraft>(() => emptyDraft(initial));
	const [focus, setFocus] = useState(0);
	const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
	const start = emptyDraft(initial);
	usePendingInput(JSON.stringify(draft) !== JSON.stringify(start));
	useEscape();

	const focused = FIELDS[focus]?.key;

	const submit = () => {
		const profile: Profile = {
			name: draft.name.trim(),
			host: draft.host.trim(),
			accountId: draft.accountId.trim(),
			clientId: draft.clientId.trim(),
			protected: draft.protected,
		};
		if (draft.clientSecret !== '') {
			profile.clientSecret = draft.clientSecret;
		}

		const found: Partial<Record<FieldKey, string>> = {...validateProfile(profile)};
		if (!found.host) {
			try {
				normalizeHost(profile.host);
			} catch (error) {
				found.host = isKoreError(error) ? error.message : 'Type the host name, e.g. platform.kore.ai.';
			}
		}

		if (!found.host && services.demo && profile.host !== services.demo.host) {
			found.host = DEMO_SEALED;
		}

		setErrors(found);
		const firstBad = FIELDS.findIndex(field => found[field.key]);
		if (firstBad !== -1) {
			setFocus(firstBad);
			dispatch({
				type: 'error',
				error: {message: `The profile was not saved: correct the fields marked ${theme.symbols.error} (Tab moves between them).`},
			});
			return;
		}

		try {
			services.store.saveProfile(profile);
			if (services.store.getDefaultProfile() === undefined) {
				services.store.setDefaultProfile(profile.name);
			}
		} catch (error) {
			dispatch({type: 'error', error: {message: isStoreError(error) ? error.message : 'The profile could not be saved.'}});
			return;
		}

		const resolution = resolveSession(services.store, services.env, profile.name);
		if (resolution.ok) {
			dispatch({type: 'session-ready', session: resolution.session});
		} else if (resolution.needsSecret) {
			dispatch({type: 'open', screen: {name: 'secret', profileName: profile.name}});
		} else {
			dispatch({type: 'error', error: resolution.error});
		}
	};

	useInput(
		(input, key) => {
			if (key.tab && key.shift) {
				setFocus(index => (index + FIELDS.length - 1) % FIELDS.length);
			} else if (key.tab || key.downArrow) {
				setFocus(index => (index + 1) % FIELDS.length);
			} else if (key.upArrow) {
				setFocus(index => (index + FIELDS.length - 1) % FIELDS.length);
			} else if (focused === 'protected' && (input === ' ' || input === 'y' || input === 'n')) {
				setDraft(d => ({...d, protected: input === ' ' ? !d.protected : input === 'y'}));
			} else if (focused === 'protected' && key.return) {
				submit();
			}
		},
		{isActive: active},
	);

	const setField = (field: TextKey) => (value: string) => {
		setDraft(d => ({...d, [field]: value}));
		if (errors[field]) {
			setErrors(e => ({...e, [field]: undefined}));
		}
	};

	const title = initial?.name ? `Profile ${initial.name}` : 'Create a profile';
	return (
		<ScreenLayout title={title} hints={[['Tab/↑↓', 'field'], ['Enter', 'save'], ['Esc', 'back'], ...REPLACE_HINTS]}>
			{reason && !state.error ? (
				<Text color={theme.warning} wrap="wrap">
					{reason}
				</Text>
			) : null}
			<Box flexDirection="column">
				{FIELDS.map((field, index) => {
					if (field.key === 'protected') {
						const isFocused = index === focus;
						return (
							<Box key="protected">
								<Text color={isFocused ? theme.accent : undefined} bold={isFocused}>
									{isFocused ? `${theme.symbols.pointer} ` : '  '}
									{field.label.padEnd(16)}
								</Text>
								<Text wrap="truncate-end">
									{draft.protected ? 'yes' : 'no'}
									<Text color={theme.muted}> (production: Space toggles)</Text>
								</Text>
							</Box>
						);
					}

					const key = field.key;
					const envSet = field.env && (services.env[field.env] ?? '').trim() !== '';
					return (
						<TextField
							key={key}
							label={field.label}
							value={draft[key]}
							onChange={setField(key)}
							onSubmit={submit}
							focus={active && index === focus}
							mask={key === 'clientSecret' ? theme.symbols.mask : undefined}
							placeholder={field.placeholder}
							error={index === focus ? errors[key] : undefined}
							invalid={index !== focus && errors[key] !== undefined}
							note={index === focus && envSet ? `${field.env} is set and is used instead` : undefined}
							columns={size.columns}
						/>
					);
				})}
			</Box>
		</ScreenLayout>
	);
}
