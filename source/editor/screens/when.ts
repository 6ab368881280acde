/**
 * How the editor shows a time: local wall-clock time and how long ago (history, the resume
 * question, recents). `now` is passed in, so the wording is tested with a fixed clock (and TZ).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parse(iso: string): number | undefined {
	const time = new Date(iso).getTime();
	return Number.isNaN(time) ? undefined : time;
}

/** "12 minutes", "3 hours", "2 days" (whole units, rounded down; at least "0 minutes"). */
function span(ms: number): string {
	const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
	const elapsed = Math.max(0, ms);
	if (elapsed < HOUR) return plural(Math.floor(elapsed / MINUTE), 'minute');
	if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), 'hour');
	return plural(Math.floor(elapsed / DAY), 'day');
}

/** "just now", "12 minutes ago", "3 hours ago", "2 days ago"; '' when the time is unreadable. */
export function ageText(iso: string, now: number): string {
	const time = parse(iso);
	if (time === undefined) return '';
	return now - time < MINUTE ? 'just now' : `${span(now - time)} ago`;
}

/** For a list row: "now", "12m ago", "3h ago", "2d ago"; '' when the time is unreadable. */
export function shortAge(iso: string, now: number): string {
	const time = parse(iso);
	if (time === undefined) return '';
	const elapsed = now - time;
	if (elapsed < MINUTE) return 'now';
	if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m ago`;
	if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h ago`;
	return `${Math.floor(elapsed / DAY)}d ago`;
}

/** "this edit is 12 minutes old" (said when a draft comes back), or '' when the time is unreadable. */
export function editAge(iso: string, now: number): string {
	const time = parse(iso);
	return time === undefined ? '' : `this edit is ${span(now - time)} old`;
}

/** Local "YYYY-MM-DD HH:MM", or the text given when unreadable. */
export function formatTime(iso: string): string {
	const time = parse(iso);
	if (time === undefined) return iso;
	const date = new Date(time);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
