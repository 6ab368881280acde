import type {RateLimitWait} from './types.js';

const DEFAULT_MAX_REQUESTS_PER_MINUTE = 60;
export const DEFAULT_WINDOW_MS = 60_000;

/**
 * Start times of recent requests, per "baseUrl accountId". Module-level on purpose: Kore.ai's
 * budget is per account, so every client in this process for the same account shares it.
 */
const windows = new Map<string, number[]>();

type LimiterOptions = {
	/** Requests allowed per window (default 60). */
	max?: number;
	/** Window length (default 60 000 ms; tests use a shorter one). */
	windowMs?: number;
	signal?: AbortSignal;
	onWait?: (wait: RateLimitWait) => void;
};

export function limiterKey(baseUrl: string, accountId: string): string {
	return `${baseUrl} ${accountId}`;
}

function recent(key: string, windowMs: number, now: number): number[] {
	const list = (windows.get(key) ?? []).filter(t => t > now - windowMs);
	windows.set(key, list);
	return list;
}

/** How long until the next request fits into this key's window (0 = now). */
export function msUntilFree(key: string, options: {max?: number; windowMs?: number} = {}): number {
	const max = Math.max(1, options.max ?? DEFAULT_MAX_REQUESTS_PER_MINUTE);
	const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
	const now = Date.now();
	const list = recent(key, windowMs, now);
	if (list.length < max) return 0;
	return Math.max(0, list[list.length - max]! + windowMs - now);
}

/**
 * Waits until one more request fits into the sliding window, then records it.
 * Calls `onWait({seconds, reason: 'client'})` about once per second of waiting.
 */
export async function acquireSlot(key: string, options: LimiterOptions = {}): Promise<void> {
	const max = Math.max(1, options.max ?? DEFAULT_MAX_REQUESTS_PER_MINUTE);
	const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
	for (;;) {
		options.signal?.throwIfAborted();
		const now = Date.now();
		const list = recent(key, windowMs, now);
		if (list.length < max) {
			list.push(now);
			return;
		}
		const waitMs = Math.max(1, list[list.length - max]! + windowMs - now);
		options.onWait?.({seconds: Math.max(1, Math.ceil(waitMs / 1000)), reason: 'client'});
		await sleep(Math.min(waitMs, 1000), options.signal);
	}
}

/** Forgets all recorded requests (tests). */
export function resetRateLimits(): void {
	windows.clear();
}

/** setTimeout as a promise that rejects with the signal's reason when aborted. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	signal?.throwIfAborted();
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal!.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
