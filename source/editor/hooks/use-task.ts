import {useCallback, useEffect, useRef, useState} from 'react';

export type TaskResult<T> = {ok: true; value: T} | {ok: false; error: unknown};

export type Task = {
	/** What is running now (for the spinner), or undefined. */
	running: string | undefined;
	/**
	 * Runs one abortable task at a time (a new one aborts the previous). Resolves undefined when it
	 * was aborted (cancelled, replaced or the screen went away): then nothing should be dispatched.
	 */
	run: <T>(label: string, work: (signal: AbortSignal) => Promise<T>) => Promise<TaskResult<T> | undefined>;
	/** Aborts the running task. */
	cancel: () => void;
};

/** Effects of a screen: one request at a time, aborted when the screen unmounts. */
export function useTask(): Task {
	const controller = useRef<AbortController | undefined>(undefined);
	const [running, setRunning] = useState<string | undefined>();

	useEffect(
		() => () => {
			controller.current?.abort();
		},
		[],
	);

	const run = useCallback(
		async <T>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<TaskResult<T> | undefined> => {
			controller.current?.abort();
			const mine = new AbortController();
			controller.current = mine;
			setRunning(label);
			try {
				const value = await work(mine.signal);
				return mine.signal.aborted ? undefined : {ok: true, value};
			} catch (error) {
				return mine.signal.aborted ? undefined : {ok: false, error};
			} finally {
				if (controller.current === mine) {
					controller.current = undefined;
					setRunning(undefined);
				}
			}
		},
		[],
	);

	const cancel = useCallback(() => {
		controller.current?.abort();
		controller.current = undefined;
		setRunning(undefined);
	}, []);

	return {running, run, cancel};
}
