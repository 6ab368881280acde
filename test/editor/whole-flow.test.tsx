/**
 * The whole editor against the sandbox over real HTTP, with a real settings folder: choose a
 * stream, find a contact on a later page, edit all four fields, check the review's diff, send, and
 * check that the sandbox holds exactly the intended values.
 */
import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {Editor} from '../../source/editor/editor.js';
import {openStore} from '../../source/store/config.js';
import {useSandbox} from '../helpers/sandbox.js';
import {KEY, renderInk, type Rendered} from './helpers/render.js';
import {sandboxProfile, tempConfigDir, testClient} from './helpers/services.js';

const getSandbox = useSandbox({contactCount: 150});

async function clear(r: Rendered, count: number) {
	for (let i = 0; i < count; i++) {
		await r.press(KEY.backspace);
	}
}

/** A contact past the first page with plain, short values (so the keys below are predictable). */
function pickTarget(contacts: Contact[]): {contact: Contact; index: number} {
	const index = contacts.findIndex(
		(c, i) =>
			i >= 100 &&
			c.status === 'ACTIVE' &&
			/^[A-Za-z]{2,12}$/.test(String(c.firstName)) &&
			/^[A-Za-z]{2,12}$/.test(String(c.lastName)) &&
			c.cellPhone?.countryCode !== '+44',
	);
	return {contact: contacts[index]!, index};
}

describe('the editor, end to end against the sandbox', () => {
	it('edits all four fields of a contact on a later page and the sandbox holds exactly that', async () => {
		const sandbox = getSandbox();
		const configDir = tempConfigDir();
		const store = openStore({configDir});
		store.saveProfile(sandboxProfile(sandbox));
		const initial = sandbox.contacts();
		const {contact: target, index} = pickTarget(initial);
		expect(index).toBeGreaterThanOrEqual(100);
		const codes: number[] = [];
		const r = await renderInk(
			<Editor
				services={{store, env: {}, color: false, createClient: (credentials, hooks) => testClient(credentials, hooks)}}
				onExit={code => codes.push(code)}
			/>,
			{columns: 80, rows: 24},
		);

		// 1. Profile.
		await r.waitFor('› sandbox');
		await r.press(KEY.enter);

		// 2. Stream: none recent yet, so the ID form.
		await r.waitFor('Stream ID');
		await r.paste(sandbox.streamId);
		await r.press(KEY.tab);
		await r.paste('sandbox bot');
		await r.press(KEY.enter);

		// 3. Contact: the first page is loaded; the target is on a later one: look its ID up.
		await r.waitFor('50 of 150 loaded');
		await r.paste(target.id);
		await r.waitFor(`› Look up contact ID ${target.id} on the server`);
		await r.press(KEY.enter);

		// 4. The card.
		await r.waitFor(`Contact ${target.id}`);
		expect(r.frame().split('\n')[0]).toContain(`sandbox · ${sandbox.url.replace('http://', '')}`);

		// 5a. Name.
		await r.press(KEY.enter);
		await r.waitFor('Edit name');
		await clear(r, String(target.firstName).length);
		await r.type('Priya');
		await r.press(KEY.tab);
		await clear(r, String(target.lastName).length);
		await r.paste('Raman-Iyer');
		await r.press(KEY.enter);
		await r.waitFor('Review changes (2)');

		// 5b. Salutation: Mx.
		await r.press(KEY.home);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		await r.waitFor('Edit salutation');
		await r.press(KEY.home);
		for (let i = 0; i < 3; i++) {
			await r.press(KEY.down);
		}

		await r.press(KEY.enter);
		await r.waitFor(/Review changes \(3\)/);

		// 5c. Cell phone: a pasted international number is split; the extension typed.
		await r.press(KEY.home);
		await r.press(KEY.down);
		await r.press(KEY.down);
		await r.press(KEY.enter);
		await r.waitFor('Edit cell phone');
		await clear(r, 16);
		await r.paste('+44 7700 900123');
		await r.waitFor('Split the pasted number into +44 and 7700900123.');
		await r.press(KEY.tab);
		await clear(r, 10);
		await r.type('+44');
		await r.press(KEY.enter);

		// 6. Review.
		const card = await r.waitFor(/Review changes \([56]\)/);
		expect(card).toContain('* First name    Priya');
		await r.press(KEY.enter);
		const review = await r.waitFor('PUT …/contacts/');
		expect(review).toMatch(new RegExp(`~ First name +${target.firstName} +Priya`));
		expect(review).toMatch(new RegExp(`~ Last name +${target.lastName} +Raman-Iyer`));
		expect(review).toMatch(/~ Salutation +\S.* +Mx|~ Salutation +\(empty\) +Mx/);
		expect(review).toMatch(/~ Country code +\+\d+ +\+44/);
		expect(review).toMatch(/~ Phone number +\d+ +7700900123/);
		const body = {
			firstName: 'Priya',
			lastName: 'Raman-Iyer',
			salutation: 'Mx',
			cellPhone: {phoneNumber: '7700900123', countryCode: '+44', extension: '+44'},
		};
		expect(review.replace(/\s+/g, '')).toContain(JSON.stringify(body));

		// 7. Send and result.
		sandbox.requests.length = 0;
		await r.press('y');
		const result = await r.waitFor('Verified: the stored values are exactly what you intended.', 10_000);
		expect(result).toContain(`Saved ${target.id}`);
		expect(result).toContain('  Cell phone    +44 7700900123 · ext +44');

		const puts = sandbox.requests.filter(q => q.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0]?.path).toBe(`/agentassist/api/v1/public/${sandbox.streamId}/contacts/${target.id}`);
		expect(sandbox.getContact(target.id)).toMatchObject({
			firstName: 'Priya',
			lastName: 'Raman-Iyer',
			fullName: 'Priya Raman-Iyer',
			salutation: 'Mx',
			cellPhone: {phoneNumber: '+447700900123', countryCode: '+44', extension: '+44'},
		});
		// Nobody else's contact changed.
		expect(sandbox.contacts().filter(c => c.id !== target.id)).toEqual(initial.filter(c => c.id !== target.id));

		// The settings folder remembers the stream (with its nickname) and the contact.
		const reopened = openStore({configDir});
		expect(reopened.recentStreams('sandbox')[0]).toMatchObject({id: sandbox.streamId, nickname: 'sandbox bot'});
		expect(reopened.recentContacts('sandbox', sandbox.streamId)[0]?.id).toBe(target.id);

		// Quit from the result menu: exit code 0.
		await r.press(KEY.end);
		await r.press(KEY.enter);
		expect(codes).toEqual([0]);
		await r.unmount();
	});
});
