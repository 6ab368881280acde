import type React from 'react';
import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {RateLimitWait} from '../../kore/types.js';
import {useTheme} from '../theme.js';

export type Wait = RateLimitWait & {
	/** Epoch ms when the wait ends. */
	until: number;
};

export type WaitingProps = {
	label: string;
	/** A rate-limit wait in progress: adds "waiting for the rate limit (12 s)". */
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

/** A spinner with what is happening, and the rate-limit countdown when the client holds a request back. */
export function Waiting({label, wait, now = Date.now}: WaitingProps): React.JSX.Element {
	const theme = useTheme();
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

	return (
		<Box>
			<Text color={theme.accent}>
				<Spinner type={theme.ascii ? 'line' : 'dots'} />
			</Text>
			<Text wrap="truncate-end">
				{' '}
				{label}
				{left > 0 ? ` waiting for the rate limit (${left} s)` : ''}
			</Text>
		</Box>
	);
}
