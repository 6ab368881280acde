import React, {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import stringWidth from 'string-width';
import {sanitize} from '../../contact/sanitize.js';
import {toSafeJson} from '../../output/json.js';
import {curlCommand} from '../../update/curl.js';
import {shortId} from '../../update/undo.js';
import {DiffTable} from '../components/DiffTable.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {compactCurlBody, fitShellLines} from './curl-lines.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';

function rowsOf(lines: string[], columns: number): number {
	const width = Math.max(10, columns - 1);
	return lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(stringWidth(line) / width)), 0);
}

/** The last 4 characters of the contact ID: what a protected profile asks for before sending. */
export function confirmationCode(contactId: string): string {
	return contactId.slice(-4);
}

/**
 * Step 6: the diff (field, before, after; changed rows marked "~") and the exact JSON body.
 * Enter or y sends, e edits, c shows the equivalent curl command (token as $KORE_JWT), Esc back.
 */
export function ReviewScreen(): React.JSX.Element {
	const {state, dispatch, client, active, size} = useEditor();
	const theme = useTheme();
	const [showCurl, setShowCurl] = useState(false);
	const [confirming, setConfirming] = useState(false);
	const [typed, setTyped] = useState('');
	const [confirmError, setConfirmError] = useState<string | undefined>();
	const rows = useContentRows();
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
			if (key.return || input === 'y' || input === 'Y') {
				send();
			} else if (input === 'e') {
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
	const title = undoOf ? `UNDO of entry ${shortId(undoOf)}: review ${changes}` : `Review ${changes}`;
	// An undo says so above the diff (one row).
	const undoRows = undoOf ? 1 : 0;
	const pretty = toSafeJson(update.body).split('\n');
	const compact = [toSafeJson(update.body, 0)];
	// The field, its note (two lines on a narrow terminal) and a possible error line.
	const confirmRows = confirming ? 4 : 0;
	// Diff: a title row and six field rows; then the body's caption.
	const left = rows - 7 - 1 - confirmRows - undoRows;
	const body = rowsOf(pretty, size.columns) <= left ? pretty : compact;
	const curlWidth = size.columns - 1;
	const fullCurl = client ? curlCommand(client.baseUrl, client.accountId, update).split('\n') : [];
	const prettyCurl = fitShellLines(fullCurl, curlWidth);
	// The caption takes a row; when the pretty body does not fit, the body goes on one line.
	const curl =
		rowsOf(prettyCurl, size.columns) <= rows - 1 - confirmRows ? prettyCurl : fitShellLines(compactCurlBody(fullCurl), curlWidth);
	const code = confirmationCode(update.contactId);

	const hints: Array<[string, string]> = confirming
		? [
				['Enter', 'send'],
				['Esc', 'cancel'],
			]
		: [
				['Enter/y', 'send'],
				['e', 'edit'],
				['c', showCurl ? 'diff' : 'curl'],
				['Esc', 'back'],
			];
	return (
		<ScreenLayout title={title} hints={hints}>
			{showCurl ? (
				<Box flexDirection="column">
					<Text color={theme.muted}>The same PUT with curl (mint a JWT into $KORE_JWT first):</Text>
					{curl.map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
			) : (
				<Box flexDirection="column">
					{undoOf ? (
						<Text color={theme.warning} bold wrap="truncate-end">
							{theme.symbols.warning} Undo: puts back the values from before entry {shortId(undoOf)} (journaled as an undo).
						</Text>
					) : null}
					<DiffTable rows={update.rows} columns={size.columns} />
					<Text color={theme.muted} wrap="truncate-end">
						PUT …/contacts/{sanitize(update.contactId)} with this body:
					</Text>
					{body.map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
			)}
			{confirming ? (
				<TextField
					label="Last 4 of ID"
					value={typed}
					onChange={value => {
						setTyped(value);
						setConfirmError(undefined);
					}}
					onSubmit={value => {
						if (value.trim() === code) {
							dispatch({type: 'send'});
						} else {
							setConfirmError(`That does not match: type the last 4 characters of ${sanitize(update.contactId)}, or Esc.`);
						}
					}}
					focus={active}
					labelWidth={14}
					error={confirmError}
					note="PROTECTED profile: type the ID's last 4 characters to send."
					columns={size.columns}
				/>
			) : null}
		</ScreenLayout>
	);
}
