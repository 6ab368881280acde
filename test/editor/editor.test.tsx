import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import {useSandbox} from '../helpers/sandbox.js';
import {frameRows, KEY, renderInk} from './helpers/render.js';
import {makeServices, sandboxProfile} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 30});

function exits(): {codes: number[]; onExit: (code: number) => void} {
	const codes: number[] = [];
	return {codes, onExit: code => codes.push(code)};
}

describe('Editor', () => {
	it('opens on the profile screen with the header and the DEMO banner', async () => {
		const services = makeServices({demo: {banner: 'sandbox on 127.0.0.1, nothing real changes'}});
		const {onExit} = exits();
		const r = await renderInk(<Editor services={services} onExit={onExit} />);
		const lines = r.frame().split('\n');
		expect(lines[0]).toBe('kore-contacts');
		expect(lines[1]).toBe('DEMO · sandbox on 127.0.0.1, nothing real changes');
		expect(lines[2]).toBe('Choose a profile');
		await r.unmount();
	});

	it('starts at the stream screen for initialProfile; Esc goes back to the profiles', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox, {protected: true}));
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />);
		const frame = r.frame();
		expect(frame.split('\n')[0]).toBe(`PROTECTED sandbox · ${sandbox.url.replace('http://', '')}`);
		expect(frame).toContain('Choose a stream');
		await r.press(KEY.escape);
		await r.waitFor('Choose a profile');
		await r.unmount();
	});

	it('initialProfile without a stored secret asks for it first', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox, {clientSecret: undefined}));
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />);
		expect(r.frame()).toContain('Client secret for profile sandbox');
		await r.paste(sandbox.clientSecret);
		await r.press(KEY.enter);
		await r.waitFor('Choose a stream');
		await r.unmount();
	});

	it('Ctrl+C quits at once (130) when nothing is unsaved', async () => {
		const {codes, onExit} = exits();
		const r = await renderInk(<Editor services={makeServices()} onExit={onExit} />);
		await r.press(KEY.ctrlC);
		expect(codes).toEqual([130]);
		await r.unmount();
	});

	it('Ctrl+C asks first when edits are unsaved: n stays (typed text kept), y quits', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.rememberStream('sandbox', sandbox.streamId);
		const {codes, onExit} = exits();
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={onExit} />);
		await r.press(KEY.enter);
		await r.waitFor('Find a contact');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (0)');
		await r.press(KEY.enter);
		await r.waitFor('Edit name');
		// End first: the prefilled name is edited in place, not replaced.
		await r.press(KEY.end);
		await r.paste('zz');
		await r.press(KEY.ctrlC);
		expect(r.frame()).toContain('Quit and lose the unsaved edits? y quits · n stays');
		expect(codes).toEqual([]);
		await r.press('n');
		expect(r.frame()).toContain('johnzz');
		expect(r.frame()).not.toContain('Quit and lose');
		await r.press(KEY.ctrlC);
		await r.press('y');
		expect(codes).toEqual([130]);
		await r.unmount();
	});

	it('shows the rate-limit wait while the server holds a page back, then the page', async () => {
		const sandbox = getSandbox();
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />);
		await r.waitFor('Choose a stream');
		sandbox.faults.rateLimit({retryAfter: 2});
		await r.press(KEY.enter);
		await r.waitFor(/Rate limit: waiting \d s · Checking the credentials and loading contacts…/);
		await r.waitFor('30 of 30 loaded', 8000);
		await r.unmount();
	});

	it('a host the client refuses opens the profile form with the reason', async () => {
		const services = makeServices();
		services.store.saveProfile({
			name: 'bad',
			host: 'http://example.com',
			accountId: 'a',
			clientId: 'c',
			clientSecret: 's',
			protected: false,
		});
		const r = await renderInk(<Editor services={{...services, initialProfile: 'bad'}} onExit={() => {}} />);
		const frame = await r.waitFor('Profile bad');
		expect(frame.replace(/\s+/g, ' ')).toContain('would send the credentials unencrypted');
		await r.unmount();
	});

	it('stays shorter than the terminal and redraws on resize (80×24 -> 60×20)', async () => {
		const sandbox = getSandbox();
		const services = makeServices({demo: {banner: 'demo'}});
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.rememberStream('sandbox', sandbox.streamId);
		const r = await renderInk(<Editor services={{...services, initialProfile: 'sandbox'}} onExit={() => {}} />, {
			columns: 80,
			rows: 24,
		});
		await r.press(KEY.enter);
		await r.waitFor('Find a contact');
		expect(frameRows(r.frame())).toBeLessThan(24);
		await r.resize(60, 20);
		const frame = await r.waitFor(f => f.split('\n').every(line => line.length <= 60));
		expect(frameRows(frame)).toBeLessThan(20);
		await r.unmount();
	});
});
