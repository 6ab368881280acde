/** runEditor's environment rules: the demo's contact count and NO_COLOR as no-color.org defines it. */
import tty from 'node:tty';
import {describe, expect, it} from 'vitest';
import {DEMO_CONTACTS_VARIABLE, demoContactCount, MAX_DEMO_CONTACTS} from '../../source/editor/demo.js';
import {colorEnabled} from '../../source/editor/terminal/capabilities.js';
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
