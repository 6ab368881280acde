import {checkContactConfirmation} from '../../core/confirmation.js';
import type React from 'react';
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {storedPhoneNumber} from '../../contact/phone.js';
import {displayWidth, truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {toSafeJson} from '../../output/json.js';
import {curlCommand} from '../../core/curl.js';
import {shortId} from '../../core/undo.js';
import {DiffTable} from '../components/DiffTable.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {compactCurlBody, fitShellLines} from '../../core/curl-lines.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useFreshKeys} from '../terminal/keys.js';
import {UNICODE_SYMBOLS} from '../symbols.js';
import {useTheme} from '../theme.js';

function rowsOf(lines: string[], columns: number): number {
	const width = Math.max(10, columns - 1);
	return lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
}

/**
 * At most `budget` terminal rows of `lines`: when they do not fit, as many whole lines as fit and a
 * last line saying how many were left out (a frame taller than the terminal makes Ink redraw the
 * whole screen on every key).
 */
export function clipLines(
	lines: string[],
	budget: number,
	columns: number,
	ellipsis = UNICODE_SYMBOLS.ellipsis,
	what = 'command',
): string[] {
	if (rowsOf(lines, columns) <= budget) return lines;
	const kept: string[] = [];
	let used = 0;
	for (const line of lines) {
		const height = rowsOf([line], columns);
		if (used + height > budget - 1) break;
		kept.push(line);
		used += height;
	}

	const left = lines.length - kept.length;
	return [...kept, `${ellipsis} ${left} more ${left === 1 ? 'line' : 'lines'}: widen the terminal to see the whole ${what}`];
}

/**
 * A one-line JSON text broken after commas into lines at most `width` columns wide (a piece wider
 * than that stays whole): joined again, the lines are the same JSON, and no key or value is split.
 */
export function wrapJson(json: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const piece of json.split(/(?<=,)/)) {
		if (line !== '' && displayWidth(line + piece) > width) {
			lines.push(line);
			line = piece;
		} else {
			line += piece;
		}
	}

	if (line !== '') lines.push(line);
	return lines;
}

/**
 * Step 6: the diff (field, before, after; changed rows marked "~") and the exact JSON body.
 * y sends (never Enter, which moves through every menu before it), e edits, c shows the equivalent
 * curl command (token as $KORE_JWT), Esc back. A key typed before the review was drawn sends nothing.
 */
export function ReviewScreen(): React.JSX.Element {
	const {state, dispatch, client, active, size} = useEditor();
	const theme = useTheme();
	const [showCurl, setShowCurl] = useState(false);
	const [confirming, setConfirming] = useState(false);
	const [typed, setTyped] = useState('');
	const [confirmError, setConfirmError] = useState<string | undefined>();
	const rows = useContentRows();
	const isFresh = useFreshKeys(active);
	const update = state.prepared;
	const isProtected = state.session?.protected === true;

	useEscape(() => {
		if (confirming) {
			setConfirming(false);
			setTyped('');
			setConfirmError(undefined);
		} else if (showCurl) {
			setShowCurl(false);
		} else {
			dispatch({type: 'back'});
		}
	});

	const send = () => {
		if (isProtected && !confirming) {
			setConfirming(true);
			return;
		}

		dispatch({type: 'send'});
	};

	useInput(
		(input, key) => {
			// Ctrl+C arrives as "c" with ctrl set: it is the quit question's, not the curl toggle's.
			if (key.ctrl || key.meta) return;
			if (input === 'y' || input === 'Y') {
				if (isFresh()) send();
			} else if (input === 'e' && !state.undoOf) {
				// An undo puts back recorded values: there is nothing to edit (Esc goes back to the history).
				dispatch({type: 'back'});
			} else if (input === 'c') {
				setShowCurl(value => !value);
			}
		},
		{isActive: active && !confirming},
	);

	if (!update) {
		return (
			<ScreenLayout title="Review" hints={[['Esc', 'back']]}>
				<Text>Nothing to review.</Text>
			</ScreenLayout>
		);
	}

	const count = update.changes.length;
	const changes = `${count} ${count === 1 ? 'change' : 'changes'} to ${sanitize(update.contactId)}`;
	const undoOf = state.undoOf;
	const title = undoOf ? `UNDO: review ${changes}` : `Review ${changes}`;
	const undoNote = undoOf
		? `${theme.symbols.warning} Puts back the values from before entry ${shortId(undoOf)}; journaled as an undo.`
		: '';
	// An undo says so above the diff (wrapped: it names the entry).
	const undoRows = undoOf ? rowsOf([undoNote], size.columns) : 0;
	// Kore stores country code + digits as one number: say which, when the phone changes.
	const phoneChanged = update.changes.some(change => change.field === 'phoneNumber' || change.field === 'countryCode');
	const stored = phoneChanged
		? storedPhoneNumber(update.body.cellPhone.countryCode, update.body.cellPhone.phoneNumber)
		: undefined;
	const storeLine =
		stored === undefined ? undefined : stored === '' ? 'Kore will store no phone.' : `Kore will store the phone as ${stored}`;
	const pretty = toSafeJson(update.body).split('\n');
	const compact = wrapJson(toSafeJson(update.body, 0), Math.max(10, size.columns - 1));
	// The field, its note (two lines on a narrow terminal) and a possible error line.
	const confirmRows = confirming ? 4 : 0;
	// Diff: a title row and six field rows; then the body's caption.
	const left = rows - 7 - 1 - (storeLine ? 1 : 0) - confirmRows - undoRows;
	const body =
		rowsOf(pretty, size.columns) <= left ? pretty : clipLines(compact, left, size.columns, theme.symbols.ellipsis, 'body');
	const curlWidth = size.columns - 1;
	const fullCurl = client ? curlCommand(client.baseUrl, client.accountId, update).split('\n') : [];
	const prettyCurl = fitShellLines(fullCurl, curlWidth);
	// The caption takes a row; when the pretty body does not fit, the body goes on one line.
	const curlCaption = 'The same PUT with curl (mint a JWT into $KORE_JWT first):';
	const curlRows = rows - rowsOf([curlCaption], size.columns) - confirmRows;
	const curl =
		rowsOf(prettyCurl, size.columns) <= curlRows
			? prettyCurl
			: clipLines(fitShellLines(compactCurlBody(fullCurl), curlWidth), curlRows, size.columns, theme.symbols.ellipsis);

	const hints: Array<[string, string]> = confirming
		? [
				['Enter', 'send'],
				['Esc', 'cancel'],
			]
		: [
				['y', 'send'],
				...(state.undoOf ? [] : [['e', 'edit'] as [string, string]]),
				['c', showCurl ? 'diff' : 'curl'],
				['Esc', 'back'],
			];
	return (
		<ScreenLayout title={title} hints={hints}>
			{showCurl ? (
				<Box flexDirection="column">
					<Text color={theme.muted}>{curlCaption}</Text>
					{curl.map((line, index) => (
						<Text key={index} wrap="truncate-end">
							{truncate(line, size.columns - 1, theme.symbols.ellipsis)}
						</Text>
					))}
				</Box>
			) : (
				<Box flexDirection="column">
					{undoOf ? (
						<Text color={theme.warning} bold>
							{undoNote}
						</Text>
					) : null}
					<DiffTable rows={update.rows} columns={size.columns} />
					{storeLine ? (
						<Text color={theme.accent} wrap="truncate-end">
							{sanitize(storeLine)}
						</Text>
					) : null}
					<Text color={theme.muted} wrap="truncate-end">
						{truncate(
							`PUT ${theme.symbols.ellipsis}/contacts/${sanitize(update.contactId)} with this body:`,
							size.columns - 1,
							theme.symbols.ellipsis,
						)}
					</Text>
					{body.map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
			)}
			{confirming ? (
				<TextField
					label="Contact ID"
					value={typed}
					onChange={value => {
						setTyped(value);
						setConfirmError(undefined);
					}}
					onSubmit={value => {
						if (!isFresh()) return;
						const check = checkContactConfirmation({
							contactId: update.contactId,
							typed: value,
							protected: true,
							...(state.session?.profileName === undefined ? {} : {profileName: state.session.profileName}),
						});
						if (check.ok) {
							dispatch({type: 'send'});
						} else {
							setConfirmError(`${check.message} Type it again (Ctrl+U clears), or Esc.`);
						}
					}}
					focus={active}
					labelWidth={14}
					error={confirmError}
					note="PROTECTED profile: type the whole contact ID to send."
					columns={size.columns}
				/>
			) : null}
		</ScreenLayout>
	);
}
