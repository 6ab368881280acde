import type React from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {useTheme} from '../theme.js';

export type HeaderProps = {
	profile?: string;
	host?: string;
	streamId?: string;
	/** e.g. "Jane Doe (667e48f7…)"; sanitised here. */
	contact?: string;
	protected?: boolean;
	/** Demo mode: a visible DEMO line under the header. */
	demo?: string;
	columns: number;
};

/** How many rows the header takes. */
export function headerRows(props: Pick<HeaderProps, 'demo'>): number {
	return props.demo === undefined ? 1 : 2;
}

/** The banner, starting with the word DEMO (once). */
function demoLine(banner: string): string {
	return /^DEMO\b/.test(banner) ? banner : `DEMO · ${banner}`;
}

function hostOnly(host: string): string {
	return host.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

/** One line: profile · host · stream · contact, with PROTECTED spelled out (not only coloured). */
export function Header(props: HeaderProps): React.JSX.Element {
	const theme = useTheme();
	const {columns} = props;
	const parts: string[] = [];
	// Before a profile is chosen (profile and resume screens) there is no context yet: the app's name.
	parts.push(props.profile ? truncate(sanitize(props.profile), 20) : 'kore-contacts');
	if (props.host) {
		parts.push(truncate(hostOnly(sanitize(props.host)), 28));
	}

	if (props.streamId) {
		parts.push(truncate(sanitize(props.streamId), 18));
	}

	if (props.contact) {
		parts.push(truncate(sanitize(props.contact), 30));
	}

	const badge = props.protected ? 'PROTECTED ' : '';
	const line = truncate(parts.join(' · '), Math.max(10, columns - badge.length - 1));
	return (
		<Box flexDirection="column">
			<Box>
				{props.protected ? (
					<Text bold color={theme.danger}>
						{badge}
					</Text>
				) : null}
				<Text bold color={theme.accent} wrap="truncate-end">
					{line}
				</Text>
			</Box>
			{props.demo === undefined ? null : (
				<Text bold color={theme.warning} wrap="truncate-end">
					{truncate(demoLine(sanitize(props.demo)), columns - 1)}
				</Text>
			)}
		</Box>
	);
}
