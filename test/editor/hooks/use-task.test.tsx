import {useEffect, useState} from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {useTask, type TaskResult} from '../../../source/editor/hooks/use-task.js';
import {renderInk} from '../helpers/render.js';

describe('useTask', () => {
	it('shows what runs, resolves with the value, and a newer task aborts the older one', async () => {
		const results: Array<TaskResult<string> | undefined> = [];
		const signals: AbortSignal[] = [];
		function Probe() {
			const {running, run} = useTask();
			const [started, setStarted] = useState(false);
			useEffect(() => {
				if (started) {
					return;
				}

				setStarted(true);
				const slow = async (signal: AbortSignal) => {
					signals.push(signal);
					return new Promise<string>((_resolve, reject) => {
						signal.addEventListener('abort', () => {
							reject(new Error('aborted'));
						});
					});
				};

				void run('first', slow).then(r => results.push(r));
				void run('second', async () => 'done').then(r => results.push(r));
			}, [started, run]);
			return <Text>{running ?? 'idle'}</Text>;
		}

		const r = await renderInk(<Probe />);
		await r.waitFor('idle');
		expect(signals[0]?.aborted).toBe(true);
		expect(results).toContainEqual({ok: true, value: 'done'});
		expect(results).toContain(undefined);
		await r.unmount();
	});
});
