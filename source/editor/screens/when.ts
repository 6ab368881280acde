/** "this edit is 12 minutes old" (whole minutes, at least 0), or '' when the time is unreadable. */
export function editAge(iso: string, now: number): string {
	const time = new Date(iso).getTime();
	if (Number.isNaN(time)) return '';
	const minutes = Math.max(0, Math.floor((now - time) / 60_000));
	return `this edit is ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} old`;
}

/** Times for the resume and history screens: local "YYYY-MM-DD HH:MM", or the text given when unreadable. */
export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}

	const two = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
