import type React from 'react';
import {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {sanitize} from '../../contact/sanitize.js';
import {ErrorBox, errorBoxRows} from '../components/ErrorBox.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {useEditor} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';
import {environmentComplete, resolveSession} from './session.js';

type Choice = {kind: 'profile'; name: string} | {kind: 'environment'} | {kind: 'create'};

/** Step 1: pick a saved profile, use the KORE_* variables, or create a profile. */
export function ProfileScreen(): React.JSX.Element {
	const {services, dispatch, active, size} = useEditor();
	const demo = services.demo !== undefined;
	const theme = useTheme();
	const {store, env} = services;
	// Read once per visit, not on every key.
	const profiles = useMemo(() => store.listProfiles(), [store]);
	const defaultName = useMemo(() => store.getDefaultProfile(), [store]);
	const [highlighted, setHighlighted] = useState<Choice | undefined>();

	const items = useMemo((): Array<MenuItem<Choice>> => {
		const list: Array<MenuItem<Choice>> = profiles.map(profile => {
			const notes = [
				profile.name === defaultName ? 'default' : '',
				profile.protected ? 'PROTECTED' : '',
				profile.clientSecret ? '' : 'secret not stored',
			].filter(Boolean);
			return {
				key: `profile:${profile.name}`,
				label: `${sanitize(profile.name)} ${theme.symbols.dot} ${sanitize(profile.host)}`,
				value: {kind: 'profile', name: profile.name},
				note: notes.join(', '),
			};
		});
		if (environmentComplete(env)) {
			list.push({key: 'environment', label: 'Use the KORE_* environment variables', value: {kind: 'environment'}});
		}

		// The demo talks to its sandbox only: no profile can be made to point elsewhere.
		if (!demo) list.push({key: 'create', label: `Create a profile${theme.symbols.ellipsis}`, value: {kind: 'create'}});
		return list;
	}, [profiles, defaultName, env, demo, theme.symbols.ellipsis, theme.symbols.dot]);

	const choose = (choice: Choice) => {
		if (choice.kind === 'create') {
			dispatch({type: 'open', screen: {name: 'profile-form'}});
			return;
		}

		const resolution = resolveSession(store, env, choice.kind === 'profile' ? choice.name : undefined);
		if (resolution.ok) {
			dispatch({type: 'session-ready', session: resolution.session});
		} else if (resolution.needsSecret && resolution.profileName) {
			dispatch({type: 'open', screen: {name: 'secret', profileName: resolution.profileName}});
		} else {
			dispatch({type: 'open', screen: {name: 'profile-form', initial: resolution.draft, reason: resolution.error.message}});
		}
	};

	useInput(
		input => {
			if (input === 'e' && highlighted?.kind === 'profile' && !demo) {
				const profile = store.getProfile(highlighted.name);
				if (profile) {
					dispatch({
						type: 'open',
						screen: {
							name: 'profile-form',
							initial: {...profile, clientSecret: profile.clientSecret ?? ''},
						},
					});
				}
			}
		},
		{isActive: active},
	);

	const warnings = store.warnings;
	const warningRows = warnings.reduce((sum, warning) => sum + errorBoxRows({message: warning}, size.columns), 0);
	const rows = useContentRows() - warningRows - (profiles.length === 0 ? 1 : 0);
	const hints: Array<[string, string]> = [
		['↑↓', 'move'],
		['Enter', 'choose'],
	];
	if (highlighted?.kind === 'profile' && !demo) {
		hints.push(['e', 'edit']);
	}

	return (
		<ScreenLayout title="Choose a profile" hints={hints}>
			{warnings.map(warning => (
				<ErrorBox key={warning} message={warning} columns={size.columns} tone="warning" />
			))}
			{profiles.length === 0 ? (
				<Text color={theme.muted}>No profiles saved yet: create one with your Kore.ai app's credentials.</Text>
			) : null}
			<Box>
				<Menu
					items={items}
					onSelect={item => {
						choose(item.value);
					}}
					onHighlight={item => {
						setHighlighted(item.value);
					}}
					height={rows}
					columns={size.columns}
					isActive={active}
					initialKey={defaultName ? `profile:${defaultName}` : undefined}
				/>
			</Box>
		</ScreenLayout>
	);
}
