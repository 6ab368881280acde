/**
 * The editor on the terminals operators have: ASCII only (LANG=C), 60, 80 and 120 columns, 16 rows.
 * Real rendering (ink-testing-library) against the sandbox over loopback HTTP.
 */
import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {Header} from '../../source/editor/components/Header.js';
import {DEMO_BANNER} from '../../source/editor/demo.js';
import {Editor} from '../../source/editor/editor.js';
import {useSandbox} from '../helpers/sandbox.js';
import {frameRows, KEY, renderInk, type Rendered, stringWidth} from './helpers/render.js';
import {makeServices, sandboxProfile} from './helpers/services.js';

function person(n: number, firstName: string, lastName: string, phone: string): Contact {
	return {
		id: `667e48f7c8b972fc6910${String(n).padStart(4, '0')}`,
		firstName,
		lastName,
		fullName: `${firstName} ${lastName}`,
		salutation: '',
		cellPhone: {phoneNumber: `+44${phone}`, countryCode: '+44', extension: ''},
		status: 'ACTIVE',
		createdAt: '2026-01-09T05:55:58.158Z',
		updatedAt: '2026-01-09T05:55:58.158Z',
	};
}

// Names in other scripts are contact data: shown as they are, even on an ASCII-only terminal.
const CONTACTS: Contact[] = [
	person(1, 'Søren', 'Kierkegård-Østergaard-Vestergaard-Lindqvist', '7700900001'),
	person(2, '小明', '王', '7700900002'),
	...Array.from({length: 28}, (_, i) => person(i + 3, `Ava${i}`, 'Walker', `77009001${String(i).padStart(2, '0')}`)),
];

const getSandbox = useSandbox({contacts: CONTACTS, rateLimitPerMinute: 0});

/** Every character of the contacts' data: the only non-ASCII allowed on an ASCII-only screen. */
const DATA = new Set([...CONTACTS.flatMap(c => [c.firstName, c.lastName, c.fullName]).join('')]);

function foreignGlyphs(frame: string): string[] {
	return [...new Set([...frame].filter(ch => ch > '\u007F' && !DATA.has(ch)))];
}

/** On the card: Home, then down to item n (0 Name, 1 Salutation, 2 Cell phone, 3 Review), Enter. */
async function cardItem(r: Rendered, n: number): Promise<void> {
	await r.press(KEY.home);
	for (let i = 0; i < n; i++) {
		await r.press(KEY.down);
	}

	await r.press(KEY.enter);
}

describe('ASCII only (LANG=C)', () => {
	it.each([60, 40])(
		'at %i columns no frame of a whole edit holds a non-ASCII character other than contact data',
		async columns => {
			const sandbox = getSandbox();
			const services = makeServices({env: {LANG: 'C', TERM: 'xterm'}, demo: {banner: DEMO_BANNER}});
			services.store.saveProfile(sandboxProfile(sandbox));
			const r = await renderInk(<Editor services={services} onExit={() => {}} />, {columns, rows: 20});
			await r.waitFor('Choose a profile');
			expect(r.frame()).toMatch(/^DEMO - a built-in sandbox/m);
			await r.press(KEY.enter);
			await r.waitFor('Stream ID');
			// A message written outside the editor (stream-id.ts) is shown in ASCII too.
			await r.press(KEY.enter);
			await r.waitFor('x Type the stream ID');
			expect(r.frame().replace(/\s+/g, ' ')).toContain('e.g. st-5a1e0c9d-...');
			await r.paste(sandbox.streamId);
			await r.press(KEY.enter);
			await r.waitFor('30 of 30 loaded');
			expect(r.frame()).toMatch(/^> Sør.*\.\.\. +\| \+44 7700 ?900 ?001/m);
			expect(r.frame()).toMatch(/^Up\/Down move \| Enter open/m);
			// The contact with the long name: cut with "...", on the card and in the header.
			await r.press(KEY.enter);
			await r.waitFor('Review changes (0)');
			await cardItem(r, 0);
			await r.waitFor('Edit name');
			await r.press(KEY.tab);
			await r.press(KEY.end);
			await r.type('X');
			await r.press(KEY.enter);
			await r.waitFor('Review changes (1)');
			await cardItem(r, 1);
			await r.waitFor('Edit salutation');
			expect(r.frame()).toContain('Other...');
			await r.press(KEY.escape);
			await r.waitFor('Review changes (1)');
			await cardItem(r, 2);
			await r.waitFor('Edit cell phone');
			await r.press(KEY.escape);
			await r.waitFor('Review changes (1)');
			await cardItem(r, 3);
			await r.waitFor('PUT .../contacts/');
			expect(r.frame()).toMatch(/^~ Last name/m);
			await r.press('c');
			await r.waitFor('$KORE_JWT');
			await r.press('c');
			await r.waitFor('PUT .../contacts/');
			// Someone else changes the same field meanwhile: the conflict screen, then my change on top.
			sandbox.editContact(CONTACTS[0]!.id, {lastName: `Kierkegaard ${columns}`});
			await r.press('y');
			await r.waitFor('Nothing was sent');
			expect(r.frame()).toMatch(/^! Last name/m);
			await r.press(KEY.down);
			await r.waitFor('> Apply my changes');
			await r.press(KEY.enter);
			await r.waitFor('PUT .../contacts/');
			await r.press('y');
			await r.waitFor('Verified', 15_000);
			expect(r.frame()).toContain('ok Verified');

			const frames = r.stdout.frames.map(frame => stripAnsi(frame));
			const foreign = frames.map(frame => ({glyphs: foreignGlyphs(frame), frame})).filter(found => found.glyphs.length > 0);
			expect(foreign[0]?.glyphs, foreign[0]?.frame).toBeUndefined();
			// The walk did show contact data in another script.
			expect(frames.some(frame => frame.includes('Søren'))).toBe(true);
			await r.unmount();
		},
	);
});

describe('width', () => {
	const props = {
		profile: 'prod',
		host: 'https://de-platform.kore.ai',
		streamId: 'st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10',
		contact: 'Jane Doe · 667e48f7c8b972fc69100001',
	};

	it('the header shows every part whole at 120 columns', async () => {
		const r = await renderInk(<Header {...props} protected columns={120} />, {columns: 120});
		expect(r.frame()).toBe(
			'PROTECTED prod · de-platform.kore.ai · st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10 · Jane Doe · 667e48f7c8b972fc69100001',
		);
		await r.unmount();
	});

	it.each([60, 80])('at %i columns the header keeps a start of every part, the longest cut first, on one line', async columns => {
		const r = await renderInk(<Header {...props} protected columns={columns} />, {columns});
		const frame = r.frame();
		expect(frame.split('\n')).toHaveLength(1);
		expect(stringWidth(frame)).toBeLessThan(columns);
		expect(frame).toMatch(/^PROTECTED prod · de-platform.* · st-5a1e0c9d.* · Jane Doe · .*…$/);
		await r.unmount();
	});

	it.each([60, 80, 120])('at %i columns the rate-limit wait shows its seconds', async columns => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />, {
			columns,
			rows: 20,
		});
		await r.waitFor('Choose a stream');
		sandbox.faults.rateLimit({retryAfter: 2});
		await r.press(KEY.enter);
		const waiting = await r.waitFor(/Rate limit: waiting \d s/);
		expect(waiting.split('\n').find(line => stringWidth(line) >= columns)).toBeUndefined();
		await r.waitFor('30 of 30 loaded', 8000);
		await r.unmount();
	});

	it('the editor header uses 120 columns: the whole stream ID, and the contact up to its ID', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox));
		const r = await renderInk(<Editor services={services} onExit={() => {}} />, {columns: 120, rows: 24});
		await r.waitFor('Choose a profile');
		await r.press(KEY.enter);
		await r.waitFor('Stream ID');
		await r.paste(sandbox.streamId);
		await r.press(KEY.enter);
		await r.waitFor('30 of 30 loaded');
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		const header = r.frame().split('\n')[0]!;
		expect(stringWidth(header)).toBeLessThan(120);
		expect(header).toMatch(/^sandbox · 127\.0\.0\.1:\d+ · /);
		expect(header).toContain(` · ${sandbox.streamId} · Ava0 Walker · +44 7700900100 · 667e48f7c8b97`);
		await r.unmount();
	});
});

describe('16 rows', () => {
	it.each([60, 80])('at %i×16 DEMO and PROTECTED stay on screen through a whole edit', async columns => {
		const sandbox = getSandbox();
		const services = makeServices({demo: {banner: DEMO_BANNER}});
		services.store.saveProfile(sandboxProfile(sandbox, {protected: true}));
		const r = await renderInk(<Editor services={services} onExit={() => {}} />, {columns, rows: 16});
		const top = (where: string, protectedToo = true) => {
			const frame = r.frame();
			const [first = '', second = ''] = frame.split('\n');
			// Taller output than the terminal scrolls the header off (and makes Ink redraw it all).
			expect({where, rows: frameRows(frame) < 16}).toEqual({where, rows: true});
			if (protectedToo) expect(first, where).toMatch(/^PROTECTED /);
			expect(second, where).toMatch(/^DEMO /);
		};

		await r.waitFor('Choose a profile');
		top('profiles', false);
		await r.press(KEY.enter);
		await r.waitFor('Stream ID');
		top('stream');
		await r.paste(sandbox.streamId);
		await r.press(KEY.enter);
		await r.waitFor('30 of 30 loaded');
		top('contacts');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		top('card');
		await cardItem(r, 0);
		await r.waitFor('Edit name');
		top('name form');
		await r.press(KEY.tab);
		await r.press(KEY.end);
		await r.type('X');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (1)');
		await cardItem(r, 2);
		await r.waitFor('Edit cell phone');
		top('phone form');
		await r.press(KEY.escape);
		await r.waitFor('Review changes (1)');
		await cardItem(r, 3);
		await r.waitFor('/contacts/');
		top('review');
		await r.press('c');
		await r.waitFor('$KORE_JWT');
		top('curl');
		await r.unmount();
	});
});
