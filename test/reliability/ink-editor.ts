/**
 * The in-process editor (Ink through the act()-wrapped helpers of test/editor/helpers/render.tsx)
 * for the terminal rows of the reliability matrix.
 */
import type {Sandbox} from '../../source/sandbox/index.js';
import {openStore} from '../../source/store/config.js';
import type {Profile, Store} from '../../source/store/types.js';
import {KEY, type Rendered} from '../editor/helpers/render.js';
import {sandboxProfile, tempConfigDir} from '../editor/helpers/services.js';

/** A fresh settings folder holding the profile "sandbox" (with `overrides`), its stream remembered as "bot". */
export function sandboxStore(sandbox: Sandbox, overrides: Partial<Profile> = {}): Store {
	const store = openStore({configDir: tempConfigDir(), env: {}});
	store.saveProfile(sandboxProfile(sandbox, overrides));
	store.rememberStream('sandbox', sandbox.streamId, 'bot');
	return store;
}

/**
 * Moves the menu highlight ("› ") to the last row whose label starts with `label` (the last: the
 * card lists the field values above its menu, "  Salutation    Mr") and waits until it is there.
 */
export async function chooseMenuRow(r: Rendered, label: string): Promise<void> {
	const lines = r.frame().split('\n');
	const at = lines.findIndex(line => line.startsWith('› '));
	let to = -1;
	for (const [index, line] of lines.entries()) {
		if (/^[› ] /.test(line) && line.slice(2).startsWith(label)) to = index;
	}

	if (at === -1 || to === -1) throw new Error(`No menu item "${label}":\n${r.frame()}`);
	for (let i = 0; i < Math.abs(to - at); i++) {
		await r.press(to > at ? KEY.down : KEY.up);
	}

	await r.waitFor(`› ${label}`);
}
