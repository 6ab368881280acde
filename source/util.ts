/** Small helpers every layer may use (kore, store, core, commands, editor). No imports. */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sentence, trimmed, ending in a full stop unless it ends in one already. */
export function withStop(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A short reason for a file or system error: its code (EACCES), else its message's first line. */
export function errorReason(error: unknown): string {
	const code = isRecord(error) ? error['code'] : undefined;
	if (typeof code === 'string') return code;
	const message = error instanceof Error ? error.message : String(error);
	return (message.split('\n')[0] ?? '').slice(0, 200);
}
