import type React from 'react';
import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {RateLimitWait} from '../../kore/types.js';
import {truncate} from '../../contact/display.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {plainText} from '../symbols.js';
import {useTheme} from '../theme.js';

export type Wait = RateLimitWait & {
	/** Epoch ms when the wait ends. */
	until: number;
};

export type WaitingProps = {
	label: string;
	/** A rate-limit wait in progress: puts "Rate limit: waiting 12 s" first. */
	wait?: Wait;
	/** Clock for the countdown (tests pass a fixed one). */
	now?: () => number;
};

function secondsLeft(wait: Wait | undefined, now: () => number): number {
	if (!wait) {
		return 0;
	}

	return Math.max(0, Math.ceil((wait.until - now()) / 1000));
}

/**
 * A spinner with what is happening, and the rate-limit countdown when the client holds a request
 * back. The countdown comes first and the label is cut to what is left, so the seconds stay visible
 * on a narrow terminal.
 */
export function Waiting({label, wait, now = Date.now}: WaitingProps): React.JSX.Element {
	const theme = useTheme();
	const {columns} = useTerminalSize();
	const [, setTick] = useState(0);
	const left = secondsLeft(wait, now);

	// biome-ignore lint/correctness/useExhaustiveDependencies: the ticker starts once while time is left and stops at 0, not on every second
	useEffect(() => {
		if (left <= 0) {
			return;
		}

		const timer = setInterval(() => {
			setTick(tick => tick + 1);
		}, 1000);
		return () => {
			clearInterval(timer);
		};
	}, [left > 0]);

	const {symbols} = theme;
	const countdown = left > 0 ? `Rate limit: waiting ${left} s` : '';
	const text = plainText(label, symbols);
	// The spinner and its space take two columns; one more stays free (a full last column wraps).
	const room = Math.max(0, columns - 3 - countdown.length - (countdown && text ? 3 : 0));
	return (
		<Box>
			<Text color={theme.accent}>
				<Spinner type={symbols.spinner} />
			</Text>
			<Text>
				{' '}
				{countdown ? <Text bold>{countdown}</Text> : null}
				{countdown && text ? ` ${symbols.dot} ` : ''}
				{truncate(text, room, symbols.ellipsis)}
			</Text>
		</Box>
	);
}
