// Fast path in front of string-width in the bundle (wired in by the `lean` plugin of scripts/build.mjs).
// string-width answers printable ASCII at once but segments everything else into grapheme clusters
// and runs Unicode regexes on each: every contact row holds a "·", so each row measured took the
// slow path, several times per frame (Ink measures each text node; Menu fits each label).
// Text made only of the characters below is as wide as it is long under every string-width
// version in the bundle (8.x, and 7.x under wrap-ansi), with ambiguous characters narrow (their
// default): each is one grapheme cluster of width 1. test/bundle/string-width-shim.test.ts checks
// every one of them against both versions. Left out: U+00A9 © and U+00AE ® (7.x says 2), U+00AD
// (soft hyphen, width 0), U+203C ‼ (7.x says 2), control characters, and everything else. The
// pointer "›" (U+203A) is in: the first screen then needs string-width's slow path for nothing.
const NARROW = /^[\u0020-\u007E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u00FF\u2010-\u2027\u2030-\u203B\u2190-\u2193\u2500-\u257F]*$/;

/** The width when the text is only such characters (and the options keep ambiguous ones narrow), else undefined. */
export function narrowWidth(text, options) {
	if (typeof text !== 'string' || options?.ambiguousIsNarrow === false) return undefined;
	return NARROW.test(text) ? text.length : undefined;
}

export const NARROW_PATTERN = NARROW;
