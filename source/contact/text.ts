/** Small helpers for untrusted values. */

/** A string field of untrusted data as a string: strings as they are, numbers/booleans as text, anything else ''. */
export function textOf(value: unknown): string {
	if (typeof value === 'string') {
		return value;
	}

	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
		return String(value);
	}

	return '';
}

/** A character as it should appear in a message: printable ones quoted, invisible ones by code point. */
export function describeCharacter(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	const label = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)) {
		return `'${char}'`;
	}

	if (char === ' ') {
		return 'a space';
	}

	return `an invisible character (${label})`;
}
