/**
 * Colours and symbols, decided once from `services.color` (false with NO_COLOR or TERM=dumb) and
 * the terminal's character set (ASCII only with TERM=dumb or LANG=C: source/editor/symbols.ts).
 *
 * chalk (used by Ink's `color` props) does not honour NO_COLOR, so components never name a colour
 * themselves: they pass `theme.x`, which is `undefined` when colour is off.
 */
import {createContext, useContext} from 'react';
import {ASCII_SYMBOLS, type Symbols, UNICODE_SYMBOLS} from './symbols.js';

type Colour = string | undefined;

export type Theme = {
	color: boolean;
	/** ASCII-only symbols, key names and spinner (TERM=dumb, or a locale that is not UTF-8). */
	ascii: boolean;
	accent: Colour;
	error: Colour;
	warning: Colour;
	success: Colour;
	changed: Colour;
	muted: Colour;
	danger: Colour;
	symbols: Symbols;
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
		symbols: ascii ? ASCII_SYMBOLS : UNICODE_SYMBOLS,
	};
}

export const ThemeContext = createContext<Theme>(createTheme({color: false}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
