import type React from 'react';
import {Box, Text} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {plainText, type Symbols} from '../symbols.js';
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
function demoLine(banner: string, symbols: Symbols): string {
	const line = plainText(banner, symbols);
	return /^DEMO\b/.test(line) ? line : `DEMO ${symbols.dot} ${line}`;
}

/**
 * The parts cut so that, joined by `separator`, they fit `width` columns: the longest part is cut
 * first, so a wide terminal shows every part whole and a narrow one keeps a start of each.
 */
export function fitParts(parts: string[], width: number, separator: string, ellipsis: string): string[] {
	const widths = parts.map(part => displayWidth(part));
	const room = width - displayWidth(separator) * Math.max(0, parts.length - 1);
	const used = (cap: number) => widths.reduce((sum, w) => sum + Math.min(w, cap), 0);
	if (used(Number.POSITIVE_INFINITY) <= room) return parts;
	let cap = 0;
	for (let step = Math.max(...widths); step > 0; step = Math.floor(step / 2)) {
		while (cap + step <= Math.max(...widths) && used(cap + step) <= room) cap += step;
	}

	return parts.map(part => truncate(part, Math.max(cap, 4), ellipsis));
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
	parts.push(props.profile ? sanitize(props.profile) : 'kore-contacts');
	if (props.host) {
		parts.push(hostOnly(sanitize(props.host)));
	}

	if (props.streamId) {
		parts.push(sanitize(props.streamId));
	}

	if (props.contact) {
		parts.push(sanitize(props.contact));
	}

	const {symbols} = theme;
	const badge = props.protected ? 'PROTECTED ' : '';
	const width = Math.max(10, columns - badge.length - 1);
	const separator = ` ${symbols.dot} `;
	const line = truncate(fitParts(parts, width, separator, symbols.ellipsis).join(separator), width, symbols.ellipsis);
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
					{truncate(demoLine(sanitize(props.demo), symbols), columns - 1, symbols.ellipsis)}
				</Text>
			)}
		</Box>
	);
}
