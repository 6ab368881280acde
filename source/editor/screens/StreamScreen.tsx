import type React from 'react';
import {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import type {Hint} from '../components/KeyHints.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {Waiting} from '../components/Waiting.js';
import {useEditor, useEscape, usePendingInput} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';
import {REPLACE_HINTS} from '../hooks/use-form-fields.js';
import {useStreamCheck} from '../hooks/use-stream-check.js';
import {validateStreamId} from './stream-id.js';
import {ageText} from './when.js';

type Choice = {kind: 'recent'; id: string; nickname?: string} | {kind: 'enter'};

/** Step 2: a recent stream of this profile (with its nickname), or type a stream ID. */
export function StreamScreen(): React.JSX.Element {
	const {services, state, dispatch, active, size, wait, streamInput, setStreamInput} = useEditor();
	const theme = useTheme();
	const session = state.session;
	const recent = useMemo(() => (session ? services.store.recentStreams(session.profileName) : []), [session, services.store]);
	// A stream ID typed before the profile form showed (401) comes back in the field.
	const typed = streamInput;
	const [mode, setMode] = useState<'list' | 'enter'>(typed || recent.length === 0 ? 'enter' : 'list');
	const [streamId, setStreamId] = useState(typed?.streamId ?? '');
	const [nickname, setNickname] = useState(typed?.nickname ?? '');
	const [focus, setFocus] = useState<'id' | 'nickname'>('id');
	const [idError, setIdError] = useState<string | undefined>();
	const {checking, check, cancel} = useStreamCheck();
	const rows = useContentRows();
	usePendingInput(mode === 'enter' && (streamId !== '' || nickname !== ''));

	useEscape(() => {
		if (checking) {
			cancel();
		} else if (mode === 'enter' && recent.length > 0) {
			setMode('list');
			dispatch({type: 'error', error: undefined});
		} else {
			dispatch({type: 'back'});
		}
	});

	const items = useMemo((): Array<MenuItem<Choice>> => {
		const now = Date.now();
		const list: Array<MenuItem<Choice>> = recent.map(stream => ({
			key: `stream:${stream.id}`,
			label: stream.nickname ? `${sanitize(stream.nickname)} ${theme.symbols.dot} ${sanitize(stream.id)}` : sanitize(stream.id),
			note: stream.usedAt ? `used ${ageText(stream.usedAt, now)}` : undefined,
			value: {kind: 'recent', id: stream.id, nickname: stream.nickname},
		}));
		list.push({key: 'enter', label: `Enter a stream ID${theme.symbols.ellipsis}`, value: {kind: 'enter'}});
		return list;
	}, [recent, theme.symbols.ellipsis, theme.symbols.dot]);

	/** The stream ID is what is wrong: say so under the field, which keeps (or now shows) the ID. */
	const showStreamError = (message: string) => {
		setMode('enter');
		setFocus('id');
		setIdError(message);
	};

	const submit = () => {
		const problem = validateStreamId(streamId);
		setIdError(problem);
		if (problem) {
			setFocus('id');
			return;
		}

		// Kept by the editor: a 401 opens the profile form, and this screen comes back with it.
		setStreamInput({streamId, nickname});
		check(streamId.trim(), nickname.trim() || undefined, {onStreamError: showStreamError});
	};

	useInput(
		(_input, key) => {
			if (key.tab || key.upArrow || key.downArrow) {
				setFocus(f => (f === 'id' ? 'nickname' : 'id'));
			}
		},
		{isActive: active && mode === 'enter' && !checking},
	);

	const hints: Hint[] =
		mode === 'list'
			? [
					['↑↓', 'move'],
					['Enter', 'choose'],
					['Esc', 'back'],
				]
			: [['Tab', 'field'], ['Enter', 'open'], ['Esc', recent.length > 0 ? 'recent streams' : 'back'], ...REPLACE_HINTS];

	return (
		<ScreenLayout title="Choose a stream" hints={checking ? [['Esc', 'cancel']] : hints}>
			{checking ? (
				<Waiting label={checking} wait={wait} />
			) : mode === 'list' ? (
				<Menu
					items={items}
					onSelect={item => {
						if (item.value.kind === 'enter') {
							setMode('enter');
						} else {
							const {id, nickname: name} = item.value;
							check(id, name, {
								onStreamError(message) {
									setStreamId(id);
									setNickname(name ?? '');
									showStreamError(message);
								},
							});
						}
					}}
					height={rows}
					columns={size.columns}
					isActive={active}
				/>
			) : (
				<Box flexDirection="column">
					<TextField
						label="Stream ID"
						value={streamId}
						onChange={value => {
							setStreamId(value);
							setIdError(undefined);
						}}
						onSubmit={submit}
						focus={active && focus === 'id'}
						placeholder="st-…"
						error={idError}
						columns={size.columns}
					/>
					<TextField
						label="Nickname"
						value={nickname}
						onChange={setNickname}
						onSubmit={submit}
						focus={active && focus === 'nickname'}
						placeholder="optional, e.g. support-bot"
						columns={size.columns}
					/>
					<Text dimColor wrap="truncate-end">
						{truncate(
							`Profile ${session?.profileName ?? ''}: the first list call checks its credentials.`,
							size.columns - 1,
							theme.symbols.ellipsis,
						)}
					</Text>
				</Box>
			)}
		</ScreenLayout>
	);
}
