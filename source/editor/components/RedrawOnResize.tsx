import {useEffect} from 'react';
import {useStdout} from 'ink';

/** Clear the visible screen (not the scrollback) and put the cursor at the top left. */
export const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Redraws the whole frame after the terminal is resized. The terminal has already re-wrapped the
 * last frame at the new width, so Ink's "erase as many rows as the last frame had" would leave
 * pieces of it above the new one. Once the resizing settles (a dragged window sends many events)
 * and the screens have re-rendered at the new size, Ink's own write clears its frame, the screen is
 * cleared, and Ink draws the whole frame afresh at the top.
 */
export function RedrawOnResize({settleMs = 50}: {settleMs?: number}): null {
	const {stdout, write} = useStdout();
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		const onResize = () => {
			clearTimeout(timer);
			timer = setTimeout(() => write(CLEAR_SCREEN), settleMs);
		};

		stdout.on('resize', onResize);
		return () => {
			clearTimeout(timer);
			stdout.off('resize', onResize);
		};
	}, [stdout, write, settleMs]);
	return null;
}
