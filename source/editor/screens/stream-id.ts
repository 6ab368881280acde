/** What is wrong with a typed stream ID, or undefined when it looks fine. Pure. */
export function validateStreamId(input: string): string | undefined {
	const id = input.trim();
	if (id === '') {
		return 'Type the stream ID (App Settings page of the bot, e.g. st-5a1e0c9d-…).';
	}

	const bad = [...id].find(ch => !/[\w.-]/.test(ch));
	if (bad !== undefined) {
		const shown = /^[\x21-\x7e]$/.test(bad) ? `"${bad}"` : bad === ' ' ? 'a space' : 'a control or non-ASCII character';
		return `A stream ID has only letters, digits, "-" and "_" (like st-5a1e0c9d-…): found ${shown}.`;
	}

	if (id.length > 100) {
		return `That is ${id.length} characters long; a stream ID is shorter (like st-5a1e0c9d-…). Check what was pasted.`;
	}

	return undefined;
}
