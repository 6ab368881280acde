/**
 * Colours and symbols, decided once from `services.color` (false with NO_COLOR or TERM=dumb).
 *
 * chalk (used by Ink's `color` props) does not honour NO_COLOR, so components never name a colour
 * themselves: they pass `theme.x`, which is `undefined` when colour is off.
 */
import {createContext, useContext} from 'react';

type Colour = string | undefined;

export type Theme = {
	color: boolean;
	/** ASCII-only symbols and spinner (TERM=dumb). */
	ascii: boolean;
	accent: Colour;
	error: Colour;
	warning: Colour;
	success: Colour;
	changed: Colour;
	muted: Colour;
	danger: Colour;
	symbols: {
		pointer: string;
		edited: string;
		changed: string;
		error: string;
		ok: string;
		warning: string;
		ellipsis: string;
		arrow: string;
	};
};

export function createTheme(options: {color: boolean; ascii?: boolean}): Theme {
	const {color} = options;
	const ascii = options.ascii ?? false;
	const pick = (name: string): Colour => (color ? name : undefined);
	return {
		color,
		ascii,
		accent: pick('cyan'),
		error: pick('red'),
		warning: pick('yellow'),
		success: pick('green'),
		changed: pick('yellow'),
		muted: pick('gray'),
		danger: pick('red'),
		symbols: ascii
			? {pointer: '>', edited: '*', changed: '~', error: 'x', ok: 'ok', warning: '!', ellipsis: '...', arrow: '->'}
			: {pointer: '›', edited: '*', changed: '~', error: '✖', ok: '✔', warning: '!', ellipsis: '…', arrow: '→'},
	};
}

export const ThemeContext = createContext<Theme>(createTheme({color: false}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
