/**
 * What the terminal can do: is it interactive, can it move the cursor, may we colour, may we print
 * more than ASCII, and a stdout that drops colour.
 */
import {noColorRequested} from '../../output/color.js';

/** Variables that make is-in-ci (and so Ink) think it runs in CI. */
export const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'];

/** Both ends must be a terminal, and stdin must be able to switch to raw mode (Ink throws otherwise). */
export function isInteractive(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): boolean {
	return stdin.isTTY === true && typeof stdin.setRawMode === 'function' && stdout.isTTY === true;
}

/**
 * TERM=dumb cannot move the cursor or erase a line, and Ink redraws every frame with exactly that:
 * the editor refuses such a terminal before it renders.
 */
export function canMoveCursor(env: NodeJS.ProcessEnv): boolean {
	return env['TERM'] !== 'dumb';
}

/**
 * The locale's character set, as POSIX resolves it: the first of LC_ALL, LC_CTYPE and LANG that is
 * set and not empty. None set is taken as UTF-8: that is how Windows and most minimal containers
 * run, with the operator's own (UTF-8) terminal at the other end.
 */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(value => value !== undefined && value !== '');
	return locale === undefined || /utf-?8/i.test(locale);
}

/** ASCII only (symbols, spinner, key names) on TERM=dumb or a locale that is not UTF-8 (LANG=C). */
export function asciiOnly(env: NodeJS.ProcessEnv): boolean {
	return !canMoveCursor(env) || !localeIsUtf8(env);
}

/**
 * Colour is off when NO_COLOR is set and not empty (no-color.org; the same rule as the plain
 * commands, source/output/color.ts), TERM is "dumb", or the terminal reports no colours. CI
 * variables are left out of the terminal's answer: they say nothing about the terminal the
 * operator sits at. Node's own hasColors() treats an empty NO_COLOR as set, so the variable is
 * left out of its answer too.
 */
export function colorEnabled(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
	if (noColorRequested(env)) return false;
	if (env['TERM'] === 'dumb') return false;
	if (typeof stdout.hasColors === 'function') {
		const asked = {...env};
		for (const name of [...CI_VARIABLES, 'NO_COLOR']) delete asked[name];
		return stdout.hasColors(asked);
	}

	return stdout.isTTY === true;
}

// SGR colour parameters: 30–39 and 90–97 (foreground), 40–49 and 100–107 (background), 58/59 (underline).
function isColourParameter(n: number): boolean {
	return (n >= 30 && n <= 39) || (n >= 40 && n <= 49) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) || n === 58 || n === 59;
}

/**
 * Removes colour from SGR escape sequences and keeps the rest (bold, dim, inverse, underline, reset),
 * so the selected row and the text cursor stay visible without colour. Used when colour is off:
 * chalk ignores NO_COLOR, and components outside our theme (ink-text-input's grey placeholder)
 * would otherwise still colour.
 */
export function stripColour(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001B\[([\d;:]*)m/g, (whole, parameters: string) => {
		if (parameters === '') return whole;
		const parts = parameters.split(';');
		const kept: string[] = [];
		for (let i = 0; i < parts.length; i++) {
			const part = parts[i]!;
			const n = Number.parseInt(part.split(':')[0] ?? '', 10);
			if (n === 38 || n === 48 || n === 58) {
				// 38;5;n or 38;2;r;g;b (or the colon form 38:5:n, a single part).
				if (!part.includes(':')) {
					const mode = parts[i + 1];
					i += mode === '5' ? 2 : mode === '2' ? 4 : 1;
				}

				continue;
			}

			if (isColourParameter(n)) continue;
			kept.push(part);
		}

		return kept.length > 0 ? `\u001B[${kept.join(';')}m` : '';
	});
}

/** The same stream, with colour taken out of everything written to it. */
export function withoutColour(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		const text =
			typeof chunk === 'string'
				? stripColour(chunk)
				: chunk instanceof Uint8Array
					? stripColour(Buffer.from(chunk).toString('utf8'))
					: chunk;
		return (stream.write as (...args: unknown[]) => boolean)(text, ...rest);
	};

	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
