import type React from 'react';
import {Box, Text} from 'ink';
import type {ContactFields} from '../../contact/contact.js';
import {truncate} from '../../contact/display.js';
import {FIELD_LABELS, FIELD_NAMES, fieldsOf} from '../../contact/fields.js';
import {sanitize} from '../../contact/sanitize.js';
import type {Draft} from '../../store/types.js';
import {Menu, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {wrapText} from '../components/wrap.js';
import {sameHost} from '../../kore/host.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {draftsFor, fileErrorReason} from '../store-files.js';
import {useTheme} from '../theme.js';
import {ENVIRONMENT_PROFILE, resolveSession} from './session.js';
import {editAge, formatTime} from './when.js';

type Choice = 'resume' | 'discard' | 'later';

export const LATER_NOTICE =
	'The draft is kept and offered again next time (kore-contacts --resume). Editing a contact now replaces it.';
export const DISCARDED_NOTICE = 'The unsent draft was discarded.';

/**
 * The question, one sentence: "Resume your unsent edit of Asha Rao (c-1) in stream st-1, saved
 * 2026-11-27 14:03 (this edit is 12 minutes old)?": an old edit may no longer be wanted.
 */
export function resumeQuestion(draft: Draft, now = Date.now()): string {
	const label = sanitize(draft.contactLabel ?? '').trim();
	const id = sanitize(draft.contactId);
	const who = label === '' ? id : `${label} (${id})`;
	return `Resume your unsent edit of ${who} in stream ${sanitize(draft.streamId)}, saved ${formatTime(draft.savedAt)}${age(draft.savedAt, now)}?`;
}

function age(savedAt: string, now: number): string {
	const text = editAge(savedAt, now);
	return text === '' ? '' : ` (${text})`;
}

/** "First name: john → Priya" for each edited field. */
function editLines(draft: Draft, arrow: string): string[] {
	let loaded: ContactFields;
	try {
		loaded = fieldsOf(draft.loaded);
	} catch {
		return [];
	}

	const edits = draft.edits ?? {};
	return FIELD_NAMES.filter(name => typeof edits[name] === 'string' && edits[name] !== loaded[name]).map(name => {
		const before = sanitize(loaded[name]) || '(empty)';
		const after = sanitize(edits[name]) || '(empty)';
		return `${FIELD_LABELS[name]}: ${before} ${arrow} ${after}`;
	});
}

/** The first screen when an unsent draft exists: resume it, discard it, or keep it for later. */
export function ResumeScreen({draft}: {draft: Draft}): React.JSX.Element {
	const {services, dispatch, active, size} = useEditor();
	const theme = useTheme();
	const rows = useContentRows();

	const later = () => {
		dispatch({type: 'resume-dismissed', notice: LATER_NOTICE});
	};

	useEscape(later);

	const discard = () => {
		try {
			draftsFor(services.store).clear();
		} catch (error) {
			dispatch({
				type: 'error',
				error: {
					message: `The draft could not be removed (${fileErrorReason(error)}).`,
					hint: 'Check that the settings folder is writable.',
				},
			});
			return;
		}

		dispatch({type: 'resume-dismissed', notice: DISCARDED_NOTICE});
	};

	const resume = () => {
		const profileName = draft.profile === undefined || draft.profile === ENVIRONMENT_PROFILE ? undefined : draft.profile;
		const resolution = resolveSession(services.store, services.env, profileName);
		if (resolution.ok) {
			dispatch({type: 'resume', session: resolution.session, draft, age: editAge(draft.savedAt, Date.now())});
			return;
		}

		if (resolution.needsSecret && resolution.profileName) {
			const host = resolution.draft.host ?? '';
			if (host !== '' && !sameHost(host, draft.host)) {
				dispatch({
					type: 'error',
					error: {
						message: `The draft was made on ${sanitize(draft.host)}, but profile ${sanitize(resolution.profileName)} now uses ${sanitize(host)}: nothing was restored.`,
						hint: 'Choose Discard to drop the draft, or Later to keep it and fix the profile first.',
					},
				});
				return;
			}

			dispatch({type: 'resume-secret', draft, profileName: resolution.profileName});
			return;
		}

		dispatch({
			type: 'error',
			error: {
				message: `The draft cannot be resumed with profile ${sanitize(draft.profile ?? ENVIRONMENT_PROFILE)}: ${resolution.error.message}`,
				hint: 'Choose Discard to drop the draft, or Later to keep it and fix the profile first.',
			},
		});
	};

	const items: Array<MenuItem<Choice>> = [
		// Discard last: a habitual Down, Enter never drops the draft.
		{key: 'resume', label: 'Resume: back to the contact card with these edits', value: 'resume'},
		{key: 'later', label: 'Later: keep the draft, start something else', value: 'later'},
		{key: 'discard', label: 'Discard the draft', value: 'discard'},
	];

	const width = Math.max(10, size.columns - 1);
	const lines = editLines(draft, theme.symbols.arrow);
	const question = resumeQuestion(draft);
	// Below the title: the question, the profile line, the menu (3 rows).
	const room = Math.max(0, rows - wrapText(question, width).length - 1 - 3);
	const shown = lines.length > room ? lines.slice(0, Math.max(0, room - 1)) : lines;
	const hidden = lines.length - shown.length;
	const profile = sanitize(draft.profile ?? ENVIRONMENT_PROFILE);
	return (
		<ScreenLayout
			title="Unsent edit found"
			hints={[
				['↑↓', 'move'],
				['Enter', 'choose'],
				['Esc', 'later'],
			]}
		>
			<Text bold wrap="wrap">
				{question}
			</Text>
			<Text color={theme.muted} wrap="truncate-end">
				{truncate(`Profile ${profile} ${theme.symbols.dot} ${sanitize(draft.host)}`, width, theme.symbols.ellipsis)}
			</Text>
			<Box flexDirection="column">
				{shown.map(line => (
					<Text key={line} color={theme.changed} wrap="truncate-end">
						{truncate(`${theme.symbols.edited} ${line}`, width, theme.symbols.ellipsis)}
					</Text>
				))}
				{hidden > 0 ? <Text color={theme.muted}>{`  and ${hidden} more`}</Text> : null}
			</Box>
			<Menu
				items={items}
				onSelect={item => {
					if (item.value === 'resume') {
						resume();
					} else if (item.value === 'discard') {
						discard();
					} else {
						later();
					}
				}}
				height={3}
				columns={size.columns}
				isActive={active}
				confirmation
			/>
		</ScreenLayout>
	);
}
