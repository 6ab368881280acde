/**
 * runEditor's environment rules: the demo's contact count, NO_COLOR as no-color.org defines it, and
 * ASCII only for TERM=dumb or a locale that is not UTF-8 (POSIX precedence: LC_ALL, LC_CTYPE, LANG).
 */
import tty from 'node:tty';
import {describe, expect, it} from 'vitest';
import {DEMO_CONTACTS_VARIABLE, demoContactCount, MAX_DEMO_CONTACTS} from '../../source/editor/demo.js';
import {asciiOnly, canMoveCursor, colorEnabled, localeIsUtf8} from '../../source/editor/terminal/capabilities.js';
import {colorEnabled as commandColorEnabled, noColorRequested} from '../../source/output/color.js';

/** A terminal as far as colour is concerned: Node's own hasColors() answering from the env given. */
const terminal = {isTTY: true, hasColors: tty.WriteStream.prototype.hasColors} as unknown as NodeJS.WriteStream;

describe('demoContactCount', () => {
	it('is the sandbox default when unset or empty, else the positive whole number given', () => {
		expect(demoContactCount({})).toEqual({ok: true});
		expect(demoContactCount({[DEMO_CONTACTS_VARIABLE]: ''})).toEqual({ok: true});
		expect(demoContactCount({[DEMO_CONTACTS_VARIABLE]: '2000'})).toEqual({ok: true, count: 2000});
		expect(demoContactCount({[DEMO_CONTACTS_VARIABLE]: ' 1 '})).toEqual({ok: true, count: 1});
		expect(demoContactCount({[DEMO_CONTACTS_VARIABLE]: String(MAX_DEMO_CONTACTS)})).toEqual({ok: true, count: MAX_DEMO_CONTACTS});
	});

	it('says what to set for anything else', () => {
		for (const value of ['0', '-5', '2.5', '1e3', 'lots', '0x10', String(MAX_DEMO_CONTACTS + 1)]) {
			const result = demoContactCount({[DEMO_CONTACTS_VARIABLE]: value});
			expect(result.ok, value).toBe(false);
			expect(!result.ok && result.message).toBe(
				`${DEMO_CONTACTS_VARIABLE} must be a whole number from 1 to ${MAX_DEMO_CONTACTS} (how many contacts the demo seeds), not "${value}": correct it or unset it.`,
			);
		}
	});
});

describe('NO_COLOR', () => {
	const env = {TERM: 'xterm-256color'};
	it('turns colour off when set and not empty, in the editor and the plain commands alike', () => {
		for (const [value, off] of [
			[undefined, false],
			['', false],
			['1', true],
			['0', true],
			['false', true],
		] as const) {
			const withValue = value === undefined ? env : {...env, NO_COLOR: value};
			expect(noColorRequested(withValue), `NO_COLOR=${String(value)}`).toBe(off);
			expect(colorEnabled(terminal, withValue), `editor, NO_COLOR=${String(value)}`).toBe(!off);
			expect(commandColorEnabled(terminal, withValue), `commands, NO_COLOR=${String(value)}`).toBe(!off);
		}
	});

	it('TERM=dumb is off too; CI variables do not count', () => {
		expect(colorEnabled(terminal, {TERM: 'dumb'})).toBe(false);
		expect(colorEnabled(terminal, {...env, CI: 'true'})).toBe(true);
	});
});

describe('character set', () => {
	it('follows the first of LC_ALL, LC_CTYPE and LANG that is set and not empty', () => {
		expect(localeIsUtf8({LANG: 'en_US.UTF-8'})).toBe(true);
		expect(localeIsUtf8({LANG: 'C.utf8'})).toBe(true);
		expect(localeIsUtf8({LANG: 'C'})).toBe(false);
		expect(localeIsUtf8({LANG: 'POSIX'})).toBe(false);
		expect(localeIsUtf8({LANG: 'de_DE.ISO-8859-1'})).toBe(false);
		expect(localeIsUtf8({LANG: 'en_US.UTF-8', LC_ALL: 'C'})).toBe(false);
		expect(localeIsUtf8({LANG: 'C', LC_ALL: 'en_US.UTF-8'})).toBe(true);
		expect(localeIsUtf8({LANG: 'en_US.UTF-8', LC_CTYPE: 'C'})).toBe(false);
		expect(localeIsUtf8({LANG: 'C', LC_CTYPE: 'en_US.UTF-8'})).toBe(true);
		expect(localeIsUtf8({LC_ALL: 'C', LC_CTYPE: 'en_US.UTF-8'})).toBe(false);
		expect(localeIsUtf8({LC_ALL: '', LC_CTYPE: '', LANG: 'C'})).toBe(false);
		expect(localeIsUtf8({LC_ALL: '', LANG: 'en_GB.UTF-8'})).toBe(true);
	});

	it('takes no locale at all as UTF-8', () => {
		expect(localeIsUtf8({})).toBe(true);
		expect(asciiOnly({TERM: 'xterm'})).toBe(false);
	});

	it('is ASCII only with TERM=dumb or a locale that is not UTF-8; only TERM=dumb cannot move the cursor', () => {
		expect(asciiOnly({TERM: 'dumb', LANG: 'en_US.UTF-8'})).toBe(true);
		expect(asciiOnly({TERM: 'xterm', LANG: 'C', LC_ALL: 'C'})).toBe(true);
		expect(asciiOnly({TERM: 'xterm-256color', LANG: 'C.UTF-8'})).toBe(false);
		expect(canMoveCursor({TERM: 'dumb'})).toBe(false);
		expect(canMoveCursor({TERM: 'xterm', LC_ALL: 'C'})).toBe(true);
		expect(canMoveCursor({})).toBe(true);
	});
});
