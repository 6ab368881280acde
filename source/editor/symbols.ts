/**
 * Every non-ASCII glyph the editor draws, and its ASCII stand-in for TERM=dumb or a locale that is
 * not UTF-8 (LANG=C). Components read them from the theme (`theme.symbols`). Sentences written away
 * from a component (hook labels, validation messages, placeholders, errors) go through `plainText`
 * where they are drawn (Waiting, TextField, TextInput, ErrorBox, KeyHints, notices, the DEMO line).
 * Contact data is not ours to change and is never passed here.
 */
export type Symbols = {
	/** The selected menu row and the focused field. */
	pointer: string;
	edited: string;
	changed: string;
	error: string;
	ok: string;
	warning: string;
	/** End of cut text, and of a menu item that opens more ("Other…"). */
	ellipsis: string;
	/** Old value to new value. */
	arrow: string;
	/** Between the parts of one line: "Enter select · Esc back". */
	dot: string;
	/** A dash in a sentence. */
	dash: string;
	/** A range: "1–50". */
	range: string;
	/** Rows hidden above / below a scrolled list. */
	up: string;
	down: string;
	/** One masked character of a secret. */
	mask: string;
	/** A character that cannot be shown as it is. */
	unprintable: string;
	/** ink-spinner's spinner name. */
	spinner: 'dots' | 'line';
};

export const UNICODE_SYMBOLS: Symbols = {
	pointer: '›',
	edited: '*',
	changed: '~',
	error: '✖',
	ok: '✔',
	warning: '!',
	ellipsis: '…',
	arrow: '→',
	dot: '·',
	dash: '—',
	range: '–',
	up: '↑',
	down: '↓',
	mask: '•',
	unprintable: '\uFFFD',
	spinner: 'dots',
};

export const ASCII_SYMBOLS: Symbols = {
	pointer: '>',
	edited: '*',
	changed: '~',
	error: 'x',
	ok: 'ok',
	warning: '!',
	ellipsis: '...',
	arrow: '->',
	dot: '|',
	dash: '-',
	range: '-',
	up: '^',
	down: 'v',
	mask: '*',
	unprintable: '?',
	spinner: 'line',
};

/** Key names in hints: arrows become words where they may not be in the font. */
const ASCII_KEYS: Array<[string, string]> = [
	['↑↓', 'Up/Down'],
	['←→', 'Left/Right'],
	['↑', 'Up'],
	['↓', 'Down'],
	['←', 'Left'],
	['→', 'Right'],
	['⏎', 'Enter'],
];

export function keyName(key: string, ascii: boolean): string {
	if (!ascii) return key;
	let name = key;
	for (const [glyph, word] of ASCII_KEYS) name = name.replaceAll(glyph, word);
	return name;
}

const GLYPHS = (Object.keys(UNICODE_SYMBOLS) as Array<keyof Symbols>).filter(
	name => name !== 'spinner' && UNICODE_SYMBOLS[name] !== ASCII_SYMBOLS[name],
);

/**
 * A sentence written outside the editor (an error from the client, a label from a hook) with the
 * table's glyphs in `symbols`' form: ASCII stand-ins on an ASCII-only terminal, unchanged otherwise.
 * Only for the editor's own wording: never run contact data through it.
 */
export function plainText(text: string, symbols: Symbols): string {
	if (symbols === UNICODE_SYMBOLS) return text;
	let result = text;
	for (const name of GLYPHS) result = result.replaceAll(UNICODE_SYMBOLS[name], symbols[name] as string);
	return result;
}
