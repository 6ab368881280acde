import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ageText, editAge, formatTime, shortAge} from '../../../source/editor/screens/when.js';

// A fixed zone 5:30 ahead of UTC (no daylight saving): local time is not UTC time.
const savedTz = process.env['TZ'];
beforeAll(() => {
	process.env['TZ'] = 'Asia/Kolkata';
});
afterAll(() => {
	if (savedTz === undefined) delete process.env['TZ'];
	else process.env['TZ'] = savedTz;
});

const now = Date.parse('2026-11-27T12:00:00Z');

describe('when: local time and age', () => {
	it('shows the local wall-clock time, not UTC', () => {
		expect(formatTime('2026-11-27T08:33:00Z')).toBe('2026-11-27 14:03');
		expect(formatTime('2026-11-27T20:00:00Z')).toBe('2026-11-28 01:30');
		expect(formatTime('not a time')).toBe('not a time');
	});

	it('says how long ago, in the largest whole unit', () => {
		expect(ageText('2026-11-27T11:59:30Z', now)).toBe('just now');
		expect(ageText('2026-11-27T11:59:00Z', now)).toBe('1 minute ago');
		expect(ageText('2026-11-27T11:48:00Z', now)).toBe('12 minutes ago');
		expect(ageText('2026-11-27T09:00:00Z', now)).toBe('3 hours ago');
		expect(ageText('2026-11-25T11:00:00Z', now)).toBe('2 days ago');
		expect(ageText('garbage', now)).toBe('');
		expect(shortAge('2026-11-27T11:48:00Z', now)).toBe('12m ago');
		expect(shortAge('2026-11-27T09:00:00Z', now)).toBe('3h ago');
		expect(shortAge('2026-11-25T11:00:00Z', now)).toBe('2d ago');
		expect(shortAge('2026-11-27T11:59:59Z', now)).toBe('now');
	});

	it('words the age of a resumed edit', () => {
		expect(editAge('2026-11-27T11:48:00Z', now)).toBe('this edit is 12 minutes old');
		expect(editAge('2026-11-27T09:00:00Z', now)).toBe('this edit is 3 hours old');
		expect(editAge('2026-11-27T12:30:00Z', now)).toBe('this edit is 0 minutes old');
	});
});
