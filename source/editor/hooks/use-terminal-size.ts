import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

const fallback: TerminalSize = {columns: 80, rows: 24};

function read(stream: NodeJS.WriteStream): TerminalSize {
	const columns = stream.columns > 0 ? stream.columns : fallback.columns;
	const rows = stream.rows > 0 ? stream.rows : fallback.rows;
	return {columns, rows};
}

/** The terminal's size, updated on resize (falls back to 80×24 when the stream does not say). */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => read(stdout));

	useEffect(() => {
		const onResize = () => {
			setSize(previous => {
				const next = read(stdout);
				return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
			});
		};

		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);

	return size;
}
