import {describe, expect, it} from 'vitest';
import {Editor} from '../../source/editor/editor.js';
import type {EditorServices} from '../../source/editor/services.js';
import {openDrafts} from '../../source/store/drafts.js';
import {useSandbox} from '../helpers/sandbox.js';
import {KEY, renderInk} from './helpers/render.js';
import {makeServices, sandboxProfile, tempConfigDir} from './helpers/services.js';

// More than two pages: the linked contact is not on the first one.
const getSandbox = useSandbox({contactCount: 130, rateLimitPerMinute: 0});

/** A default profile for the sandbox (what `profile add` leaves), and the link to one contact. */
function linked(link: EditorServices['link'], overrides: Partial<EditorServices> = {}): EditorServices {
	const services = makeServices();
	services.store.saveProfile(sandboxProfile(getSandbox()));
	services.store.setDefaultProfile('sandbox');
	return {...services, link, ...overrides};
}

/** Every frame drawn so far, as plain text. */
function everything(r: Awaited<ReturnType<typeof renderInk>>): string {
	return r.stdout.frames.join('\n');
}

describe('the deep link (--stream ID --contact ID)', () => {
	it("opens the contact's card with no profile, stream or contact screen in between; Esc goes to that stream's list", async () => {
		const sandbox = getSandbox();
		const contact = sandbox.contacts()[110]!;
		const services = linked({streamId: sandbox.streamId, contactId: contact.id});
		const r = await renderInk(<Editor services={services} onExit={() => {}} />);
		const card = await r.waitFor(`Contact ${contact.id}`);
		expect(card).toContain('Review changes (0)');
		expect(card).toContain(sandbox.streamId.slice(0, 12));
		const before = everything(r);
		expect(before).not.toContain('Choose a profile');
		expect(before).not.toContain('Choose a stream');
		expect(before).not.toContain('Find a contact');
		// Remembered as `get` remembers it: offered first next time.
		expect(services.store.recentContacts('sandbox', sandbox.streamId).map(c => c.id)).toContain(contact.id);

		await r.press(KEY.escape);
		const list = await r.waitFor('Find a contact');
		expect(list).toContain(sandbox.streamId.slice(0, 12));
		await r.unmount();
	});

	it('takes the credentials from the KORE_* variables when no profile is saved', async () => {
		const sandbox = getSandbox();
		const contact = sandbox.contacts()[3]!;
		const services: EditorServices = {
			...makeServices({
				env: {
					KORE_HOST: sandbox.url,
					KORE_ACCOUNT_ID: sandbox.accountId,
					KORE_CLIENT_ID: sandbox.clientId,
					KORE_CLIENT_SECRET: sandbox.clientSecret,
				},
			}),
			link: {streamId: sandbox.streamId, contactId: contact.id},
		};
		const r = await renderInk(<Editor services={services} onExit={() => {}} />);
		await r.waitFor(`Contact ${contact.id}`);
		expect(everything(r)).not.toContain('Choose a profile');
		await r.unmount();
	});

	it('an unknown contact ID: the contact screen with the ID in the Find field and what happened', async () => {
		const sandbox = getSandbox();
		const missing = 'ffffffffffffffffffffffff';
		const services = linked({streamId: sandbox.streamId, contactId: missing});
		const r = await renderInk(<Editor services={services} onExit={() => {}} />);
		const frame = (await r.waitFor('Find a contact')).replace(/\s+/g, ' ');
		expect(frame).toContain(`Find ${missing}`);
		expect(frame).toContain(`No contact with ID '${missing}' in stream '${sandbox.streamId}' (searched 130 contacts)`);
		expect(frame).toContain('The ID is in the Find field');
		expect(frame).toContain(`Look up contact ID ${missing} on the server`);
		// The pages the search read are in the list: nothing is left to load, and browsing asks for none again.
		expect(frame).toContain('130 of 130 loaded');
		expect(frame).not.toContain('Load more contacts');
		await r.unmount();
	});

	it('rejected credentials: the profile form with the reason; once fixed, the link goes on to the card', async () => {
		const sandbox = getSandbox();
		const contact = sandbox.contacts()[5]!;
		const services = makeServices();
		services.store.saveProfile(sandboxProfile(sandbox, {clientSecret: 'wrong-secret'}));
		const r = await renderInk(
			<Editor
				services={{...services, initialProfile: 'sandbox', link: {streamId: sandbox.streamId, contactId: contact.id}}}
				onExit={() => {}}
			/>,
		);
		const form = await r.waitFor('Profile sandbox');
		expect(form).toMatch(/secret|credentials|401/i);
		expect(everything(r)).not.toContain(`Contact ${contact.id}`);
		// The secret field (fifth): cleared, the right secret typed, saved.
		await r.burst([KEY.tab, KEY.tab, KEY.tab, KEY.tab]);
		await r.press('\u0015');
		await r.paste(sandbox.clientSecret);
		await r.press(KEY.enter);
		await r.waitFor(`Contact ${contact.id}`);
		await r.unmount();
	});

	it('--stream alone opens that stream’s contact list', async () => {
		const sandbox = getSandbox();
		const r = await renderInk(<Editor services={linked({streamId: sandbox.streamId})} onExit={() => {}} />);
		const frame = await r.waitFor('Find a contact');
		expect(frame).toContain(sandbox.streamId.slice(0, 12));
		expect(everything(r)).not.toContain('Choose a stream');
		await r.unmount();
	});

	it('a wrong stream ID (another stream of the profile opens): the stream screen with the ID kept and why', async () => {
		const sandbox = getSandbox();
		const services = linked({streamId: 'st-not-this-one', contactId: sandbox.contacts()[1]!.id});
		services.store.rememberStream('sandbox', sandbox.streamId, 'sandbox');
		const r = await renderInk(<Editor services={services} onExit={() => {}} />);
		const frame = (await r.waitFor('Choose a stream')).replace(/\s+/g, ' ');
		expect(frame).toContain('Stream ID st-not-this-one');
		expect(frame).toContain("Kore.ai refused stream 'st-not-this-one'");
		await r.unmount();
	});

	it('an unsent draft is offered first; after Later the link goes on to the card', async () => {
		const sandbox = getSandbox();
		const contact = sandbox.contacts()[7]!;
		const configDir = tempConfigDir();
		const services = {...makeServices({configDir}), link: {streamId: sandbox.streamId, contactId: contact.id}};
		services.store.saveProfile(sandboxProfile(sandbox));
		services.store.setDefaultProfile('sandbox');
		openDrafts(configDir).save({
			profile: 'sandbox',
			host: sandbox.url,
			streamId: sandbox.streamId,
			contactId: 'x1',
			loaded: {id: 'x1', firstName: 'A'},
			edits: {firstName: 'B'},
		});
		const r = await renderInk(<Editor services={services} onExit={() => {}} />);
		await r.waitFor('Unsent edit found');
		await r.press(KEY.down);
		await r.waitFor('› Later');
		await r.press(KEY.enter);
		await r.waitFor(`Contact ${contact.id}`);
		await r.unmount();
	});
});
