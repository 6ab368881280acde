import {useEffect, useRef} from 'react';
import {useStdin} from 'ink';
// Ink does not export its key parser; useInput uses this module, so both name keys alike.
import parseKeypress from '../../../node_modules/ink/build/parse-keypress.js';

export type NamedKey = {name: string; sequence: string; ctrl: boolean; meta: boolean};

/**
 * Each key as Ink's parser names it. useInput gives function keys no name (F1 arrives as ''),
 * so the `?` list's F1 is read here, from the same key events useInput reads.
 */
export function useNamedKeys(handler: (key: NamedKey) => void): void {
	const {internal_eventEmitter: events} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => {
		const onInput = (data: string) => {
			const {name, sequence, ctrl, meta} = parseKeypress(data);
			latest.current({name, sequence, ctrl, meta});
		};

		events.on('input', onInput);
		return () => {
			events.removeListener('input', onInput);
		};
	}, [events]);
}
