import {afterAll, describe, expect, it} from 'vitest';
import type {Contact, ContactPage} from '../../source/contact/contact.js';
import {ContactFinder, type PageLister} from '../../source/kore/contacts.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {openLocator} from '../../source/store/locator.js';
import {useSandbox} from '../helpers/sandbox.js';
import {tempDir} from '../helpers/run-cli.js';
import {clientFor, koreFailure} from './kore-test-helpers.js';

const gets = (requests: Array<{method: string}>) => requests.filter(r => r.method === 'GET').length;

describe('findContact against 150 contacts', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('pages with limit 50 until found, reports progress, and says where it was', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const last = sb.contacts()[149]!;
		const progress: Array<[number, number | undefined]> = [];
		const found = await client.findContact(sb.streamId, last.id, {onProgress: (n, total) => progress.push([n, total])});
		expect(found).toMatchObject({contact: {id: last.id, firstName: last.firstName}, skip: 100, limit: 50});
		expect(sb.requests.map(r => r.query)).toEqual([
			{skip: '0', limit: '50'},
			{skip: '50', limit: '50'},
			{skip: '100', limit: '50'},
		]);
		expect(progress).toEqual([
			[50, 150],
			[100, 150],
			[150, 150],
		]);
	});

	it('cachedPages hands back the pages a find read, one after another from a page start, and asks for nothing', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		await client.findContact(sb.streamId, sb.contacts()[120]!.id);
		const asked = sb.requests.length;
		expect(client.cachedPages(sb.streamId, 0).map(page => page.skip)).toEqual([0, 50, 100]);
		const fromSecondPage = sb.contacts().slice(50, 150);
		expect(client.cachedPages(sb.streamId, 50).flatMap(page => page.results.map(c => c.id))).toEqual(
			fromSecondPage.map(c => c.id),
		);
		expect(client.cachedPages(sb.streamId, 75)).toEqual([]);
		expect(client.cachedPages('st-never-read', 0)).toEqual([]);
		expect(sb.requests).toHaveLength(asked);
	});

	it('stops at the page that holds the contact', async () => {
		const sb = sandbox();
		const found = await clientFor(sb).findContact(sb.streamId, sb.contacts()[60]!.id);
		expect(found.skip).toBe(50);
		expect(sb.requests).toHaveLength(2);
	});

	it('a second find of a seen contact costs no request', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		await client.findContact(sb.streamId, sb.contacts()[120]!.id);
		expect(sb.requests).toHaveLength(3);
		const again = await client.findContact(sb.streamId, sb.contacts()[120]!.id);
		const other = await client.findContact(sb.streamId, sb.contacts()[7]!.id);
		expect(again.contact.id).toBe(sb.contacts()[120]!.id);
		expect(other).toMatchObject({skip: 0, limit: 50, contact: {id: sb.contacts()[7]!.id}});
		expect(sb.requests).toHaveLength(3);
		// Further on: the scan continues where it stopped, not from the start.
		await client.findContact(sb.streamId, sb.contacts()[149]!.id);
		expect(sb.requests).toHaveLength(3);
		client.forgetCache(sb.streamId);
		await client.findContact(sb.streamId, sb.contacts()[7]!.id);
		expect(sb.requests).toHaveLength(4);
	});

	it('concurrent finds share pages', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const [a, b] = await Promise.all([
			client.findContact(sb.streamId, sb.contacts()[140]!.id),
			client.findContact(sb.streamId, sb.contacts()[70]!.id),
		]);
		expect(a.skip).toBe(100);
		expect(b.skip).toBe(50);
		expect(sb.requests).toHaveLength(3);
	});

	it('an unknown contact is contact-not-found after the whole list', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const error = await koreFailure(client.findContact(sb.streamId, 'no-such-contact'), 'contact-not-found');
		expect(error.message).toBe(
			`No contact with ID 'no-such-contact' in stream '${sb.streamId}' (searched 150 contacts). Check the ID, or browse the list.`,
		);
		expect(sb.requests).toHaveLength(3);
		await koreFailure(client.findContact(sb.streamId, 'another-missing'), 'contact-not-found');
		expect(sb.requests).toHaveLength(3);
	});

	it('rereadContact reads the remembered page again, bypassing the cache', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const target = sb.contacts()[75]!;
		await client.findContact(sb.streamId, target.id);
		sb.requests.length = 0;
		sb.editContact(target.id, {firstName: 'Changed'});
		const cached = await client.findContact(sb.streamId, target.id);
		expect(cached.contact.firstName).toBe(target.firstName);
		const fresh = await client.rereadContact(sb.streamId, target.id);
		expect(fresh).toMatchObject({skip: 50, limit: 50, contact: {firstName: 'Changed'}});
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '50', limit: '50'}]);
		// The cache now holds the fresh copy.
		expect((await client.findContact(sb.streamId, target.id)).contact.firstName).toBe('Changed');
		expect(sb.requests).toHaveLength(1);
	});

	it('rereadContact of a contact never seen scans', async () => {
		const sb = sandbox();
		const found = await clientFor(sb).rereadContact(sb.streamId, sb.contacts()[30]!.id);
		expect(found.skip).toBe(0);
		expect(sb.requests).toHaveLength(1);
	});

	it('updateContact updates the cached copy', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const target = sb.contacts()[10]!;
		await client.findContact(sb.streamId, target.id);
		await client.updateContact(sb.streamId, target.id, {
			firstName: 'New',
			lastName: 'Name',
			salutation: 'Dr',
			cellPhone: {phoneNumber: '4155550100', countryCode: '+1', extension: '+'},
		});
		const found = await client.findContact(sb.streamId, target.id);
		expect(found.contact).toMatchObject({firstName: 'New', cellPhone: {phoneNumber: '+14155550100'}});
		expect(gets(sb.requests)).toBe(1);
	});
});

describe('findContact when the server grants fewer than asked', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, maxPageSize: 25});

	it('advances by what the server returned and skips nobody', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		const found = await client.findContact(sb.streamId, sb.contacts()[149]!.id);
		expect(found).toMatchObject({skip: 125, limit: 25});
		expect(sb.requests.map(r => r.query['skip'])).toEqual(['0', '25', '50', '75', '100', '125']);
		expect(sb.requests.every(r => r.query['limit'] === '50')).toBe(true);
		sb.requests.length = 0;
		for (const contact of sb.contacts()) await client.findContact(sb.streamId, contact.id);
		expect(sb.requests).toHaveLength(0);
		await client.rereadContact(sb.streamId, sb.contacts()[30]!.id);
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '25', limit: '25'}]);
	});
});

describe('findContact in a large stream', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, contactCount: 2000, maxPageSize: 50});

	it('finds the last of 2000 contacts in 40 requests', async () => {
		const sb = sandbox();
		const found = await clientFor(sb).findContact(sb.streamId, sb.contacts()[1999]!.id);
		expect(found.skip).toBe(1950);
		expect(sb.requests).toHaveLength(40);
	});
});

describe('ContactFinder when the list shifts', () => {
	/** An in-memory list (the finder's own input, not a fake fetch): pages over `rows`. */
	function lister(rows: Contact[], calls: Array<{skip: number; limit: number}>): PageLister {
		return async (_stream, {skip, limit}) => {
			calls.push({skip, limit});
			const results = rows.slice(skip, skip + limit).map(c => ({...c}));
			const page: ContactPage = {results, skip, limit, hasMore: skip + results.length < rows.length, totalResults: rows.length};
			return page;
		};
	}
	const make = (n: number) => Array.from({length: n}, (_, i) => ({id: `c${i}`, firstName: `F${i}`}) as Contact);

	it('rereadContact scans again when the contact left its page', async () => {
		const rows = make(120);
		const calls: Array<{skip: number; limit: number}> = [];
		const finder = new ContactFinder(lister(rows, calls));
		expect((await finder.find('s', 'c60')).skip).toBe(50);
		rows.splice(0, 0, ...make(3).map(c => ({...c, id: `new-${c.id}`})));
		rows.splice(0, 0, ...make(50).map(c => ({...c, id: `newer-${c.id}`})));
		calls.length = 0;
		const again = await finder.reread('s', 'c60');
		expect(again).toMatchObject({skip: 100, contact: {id: 'c60'}});
		expect(calls.map(c => c.skip)).toEqual([50, 0, 50, 100]);
	});

	it('a stale cache entry is rescanned on find too', async () => {
		const rows = make(60);
		const calls: Array<{skip: number; limit: number}> = [];
		const finder = new ContactFinder(lister(rows, calls));
		await finder.find('s', 'c55');
		finder.remember('s', 'c55', {id: 'c55', firstName: 'Stored'} as Contact);
		expect((await finder.find('s', 'c55')).contact.firstName).toBe('Stored');
		expect(calls).toHaveLength(2);
	});

	it('stops on an empty page even if hasMore says otherwise', async () => {
		const finder = new ContactFinder(async (_s, {skip, limit}) => ({results: [], skip, limit, hasMore: true}));
		await koreFailure(finder.find('s', 'x'), 'contact-not-found');
	});
});

describe('pages listed by the browse list feed the finder', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});

	it('finding a listed contact costs no request, re-reading it one, and a find past them scans on from there', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		await client.listContacts(sb.streamId, {skip: 0, limit: 50});
		await client.listContacts(sb.streamId, {skip: 50, limit: 50});
		expect(sb.requests).toHaveLength(2);
		const target = sb.contacts()[70]!;
		const found = await client.findContact(sb.streamId, target.id);
		expect(found).toMatchObject({contact: {id: target.id}, skip: 50, limit: 50});
		expect(sb.requests).toHaveLength(2);
		sb.requests.length = 0;
		const reread = await client.rereadContact(sb.streamId, target.id);
		expect(reread.contact.id).toBe(target.id);
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '50', limit: '50'}]);
		sb.requests.length = 0;
		await client.findContact(sb.streamId, sb.contacts()[120]!.id);
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '100', limit: '50'}]);
	});

	it('a shorter page listed at a skip the finder holds does not hide the longer one', async () => {
		const sb = sandbox();
		const client = clientFor(sb);
		await client.findContact(sb.streamId, sb.contacts()[40]!.id);
		await client.listContacts(sb.streamId, {skip: 0, limit: 10});
		sb.requests.length = 0;
		await client.findContact(sb.streamId, sb.contacts()[30]!.id);
		expect(sb.requests).toHaveLength(0);
	});
});

describe('a persistent locator (store/locator.ts): a new client finds a contact seen before on its page', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0, contactCount: 2000});
	const scope = {host: 'https://kore.example', accountId: 'acc-1'};

	it('a fresh client reads the remembered page: 1 request where the first took ⌈position/50⌉', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const target = sb.contacts()[1520]!;
		await clientFor(sb, {locator: openLocator({dir, ...scope})}).findContact(sb.streamId, target.id);
		expect(gets(sb.requests)).toBe(31);
		sb.requests.length = 0;
		const found = await clientFor(sb, {locator: openLocator({dir, ...scope})}).findContact(sb.streamId, target.id);
		expect(found).toMatchObject({contact: {id: target.id}, skip: 1500, limit: 50});
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '1500', limit: '50'}]);
		// Re-reading (before a save) in a new process is the same one request.
		sb.requests.length = 0;
		await clientFor(sb, {locator: openLocator({dir, ...scope})}).rereadContact(sb.streamId, target.id);
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '1500', limit: '50'}]);
	});

	it('search reads all 2,000 in exactly 40 requests, handing over matches page by page, and feeds the locator', async () => {
		const sb = sandbox();
		const dir = tempDir();
		const wanted = new Set([sb.contacts()[3]!.id, sb.contacts()[1999]!.id]);
		const pages: Array<{skip: number; matches: string[]}> = [];
		const result = await clientFor(sb, {locator: openLocator({dir, ...scope})}).searchContacts(
			sb.streamId,
			contact => wanted.has(contact.id),
			{onPage: page => pages.push({skip: page.skip, matches: page.matches.map(c => c.id)})},
		);
		expect(gets(sb.requests)).toBe(40);
		expect(result).toMatchObject({scanned: 2000, total: 2000, pages: 40, complete: true});
		expect(result.matches.map(c => c.id)).toEqual([...wanted]);
		expect(pages).toHaveLength(40);
		expect(pages[0]).toEqual({skip: 0, matches: [sb.contacts()[3]!.id]});
		expect(pages[39]).toEqual({skip: 1950, matches: [sb.contacts()[1999]!.id]});
		sb.requests.length = 0;
		await clientFor(sb, {locator: openLocator({dir, ...scope})}).findContact(sb.streamId, sb.contacts()[1234]!.id);
		expect(sb.requests.map(r => r.query)).toEqual([{skip: '1200', limit: '50'}]);
	});

	it('search with a limit stops at the page that completes it', async () => {
		const sb = sandbox();
		const result = await clientFor(sb).searchContacts(sb.streamId, contact => contact.status === 'ACTIVE', {limit: 60});
		expect(result.matches).toHaveLength(60);
		expect(result.complete).toBe(false);
		expect(gets(sb.requests)).toBe(result.pages);
		expect(result.pages).toBeLessThanOrEqual(3);
	});
});

describe('a persistent locator when the contact moved', () => {
	const dir = tempDir();
	const scope = {host: 'https://kore.example', accountId: 'acc-1'};
	const before = useSandbox({rateLimitPerMinute: 0, contactCount: 2000});
	// The same stream later: 30 contacts before the target are gone (it moved up a page), and one
	// far contact moved to the front.
	let moved: Sandbox | undefined;
	afterAll(async () => moved?.close());

	it('is found on a page next to the remembered one, or else in the whole list', async () => {
		const sb = before();
		const contacts = sb.contacts();
		const near = contacts[1520]!;
		const far = contacts[1800]!;
		const gone = contacts[1900]!;
		const locator = () => openLocator({dir, ...scope});
		await clientFor(sb, {locator: locator()}).findContact(sb.streamId, near.id);
		await clientFor(sb, {locator: locator()}).findContact(sb.streamId, far.id);
		await clientFor(sb, {locator: locator()}).findContact(sb.streamId, gone.id);
		const later = [far, ...contacts.slice(0, 1480), ...contacts.slice(1510).filter(c => c.id !== far.id && c.id !== gone.id)];
		moved = await startSandbox({
			rateLimitPerMinute: 0,
			contacts: later,
			streamId: sb.streamId,
			accountId: sb.accountId,
			clientId: sb.clientId,
			clientSecret: sb.clientSecret,
		});

		const foundNear = await clientFor(moved, {locator: locator()}).findContact(moved.streamId, near.id);
		expect(foundNear).toMatchObject({contact: {id: near.id}, skip: 1450});
		// Its page, the one after, then the one before.
		expect(moved.requests.map(r => r.query['skip'])).toEqual(['1500', '1550', '1450']);

		moved.requests.length = 0;
		const foundFar = await clientFor(moved, {locator: locator()}).findContact(moved.streamId, far.id);
		expect(foundFar).toMatchObject({contact: {id: far.id}, skip: 0});
		expect(moved.requests.map(r => r.query['skip'])).toEqual(['1800', '1850', '1750', '1900', '1700', '0']);

		// Both are now remembered where they are.
		moved.requests.length = 0;
		await clientFor(moved, {locator: locator()}).findContact(moved.streamId, far.id);
		await clientFor(moved, {locator: locator()}).findContact(moved.streamId, near.id);
		expect(moved.requests.map(r => r.query['skip'])).toEqual(['0', '1450']);

		// One that is gone: its page, the pages around, the rest of the list (the pages read around
		// it are not asked for again: ⌈1,969/50⌉ in all); then it is forgotten.
		moved.requests.length = 0;
		await koreFailure(clientFor(moved, {locator: locator()}).findContact(moved.streamId, gone.id), 'contact-not-found');
		expect(moved.requests).toHaveLength(40);
		expect(moved.requests.slice(0, 4).map(r => r.query['skip'])).toEqual(['1900', '1950', '1850', '1800']);
		expect(locator().where(moved.streamId, gone.id)).toBeUndefined();
		expect(locator().where(moved.streamId, near.id)).toEqual({skip: 1450, limit: 50});
	});
});
