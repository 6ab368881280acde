/** The styles the plain commands use. Each is the identity function when colour is off. */
export type Style = {
	enabled: boolean;
	bold: (text: string) => string;
	dim: (text: string) => string;
	red: (text: string) => string;
	green: (text: string) => string;
	yellow: (text: string) => string;
	cyan: (text: string) => string;
};

/**
 * Colour only on a terminal, and not when NO_COLOR is set to anything non-empty (no-color.org)
 * or TERM is "dumb". chalk does not look at NO_COLOR, so this is decided here.
 */
export function colorEnabled(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	if (!stream.isTTY) return false;
	if (noColorRequested(env)) return false;
	if (env['TERM'] === 'dumb') return false;
	return true;
}

/** NO_COLOR as no-color.org defines it: present and not an empty string. Shared by the commands and the editor. */
export function noColorRequested(env: NodeJS.ProcessEnv): boolean {
	const value = env['NO_COLOR'];
	return value !== undefined && value !== '';
}

const wrap = (enabled: boolean, open: number, close: number) =>
	enabled ? (text: string) => `\u001B[${open}m${text}\u001B[${close}m` : (text: string) => text;

export function createStyle(enabled: boolean): Style {
	return {
		enabled,
		bold: wrap(enabled, 1, 22),
		dim: wrap(enabled, 2, 22),
		red: wrap(enabled, 31, 39),
		green: wrap(enabled, 32, 39),
		yellow: wrap(enabled, 33, 39),
		cyan: wrap(enabled, 36, 39),
	};
}
