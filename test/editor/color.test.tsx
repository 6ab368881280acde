/**
 * NO_COLOR / TERM=dumb: chalk (under Ink's `color` props) ignores NO_COLOR, so the editor passes
 * colours only when services.color is true. chalk decides its level when first imported, so colour
 * is forced before the editor is imported (dynamically) to prove both sides.
 */
import {beforeAll, describe, expect, it} from 'vitest';

process.env['FORCE_COLOR'] = '1';

type Modules = {
	Editor: typeof import('../../source/editor/editor.js').Editor;
	renderInk: typeof import('./helpers/render.js').renderInk;
	makeServices: typeof import('./helpers/services.js').makeServices;
};
let m: Modules;

beforeAll(async () => {
	const [{Editor}, {renderInk}, {makeServices}] = await Promise.all([
		import('../../source/editor/editor.js'),
		import('./helpers/render.js'),
		import('./helpers/services.js'),
	]);
	m = {Editor, renderInk, makeServices};
});

// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/;

describe('colour', () => {
	it('with services.color the header and hints are coloured', async () => {
		const r = await m.renderInk(<m.Editor services={m.makeServices({color: true, demo: {banner: 'x'}})} onExit={() => {}} />);
		expect(r.rawFrame()).toMatch(COLOUR);
		await r.unmount();
	});

	it('without it (NO_COLOR, TERM=dumb) no colour code is written, though chalk could', async () => {
		const r = await m.renderInk(<m.Editor services={m.makeServices({color: false, demo: {banner: 'x'}})} onExit={() => {}} />);
		expect(r.rawFrame()).not.toMatch(COLOUR);
		expect(r.frame()).toContain('DEMO · x');
		await r.unmount();
	});
});
