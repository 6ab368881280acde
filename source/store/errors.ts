/**
 * An expected store failure (unknown profile, invalid profile, unreadable settings).
 * `message` is one operator sentence that says what to do; it never holds a secret.
 */
export class StoreError extends Error {
	override readonly name = 'StoreError';
}

export function isStoreError(error: unknown): error is StoreError {
	return error instanceof StoreError;
}
