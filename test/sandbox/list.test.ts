import {describe, expect, it} from 'vitest';
import type {Contact, ContactPage} from '../../source/contact/contact.js';
import {koreUrl, sandboxHeaders, useSandbox} from '../helpers/sandbox.js';

describe('GET /contacts paging', () => {
	const sandbox = useSandbox({contactCount: 137, rateLimitPerMinute: 0});

	async function page(query: string): Promise<{status: number; body: ContactPage & {errors?: unknown}}> {
		const s = sandbox();
		const res = await fetch(koreUrl(s, `/contacts${query}`), {headers: await sandboxHeaders(s)});
		return {status: res.status, body: (await res.json()) as ContactPage & {errors?: unknown}};
	}

	it('defaults to skip 0 and the default page size of 10', async () => {
		const {status, body} = await page('');
		expect(status).toBe(200);
		expect(body).toMatchObject({skip: 0, limit: 10, hasMore: true, totalPages: 14, totalResults: 137});
		expect(body.results).toHaveLength(10);
		expect(body.results.map(c => c.id)).toEqual(
			sandbox()
				.contacts()
				.slice(0, 10)
				.map(c => c.id),
		);
	});

	it('pages with skip and limit, without overlap', async () => {
		const first = await page('?skip=0&limit=25');
		const second = await page('?skip=25&limit=25');
		expect(first.body).toMatchObject({skip: 0, limit: 25, hasMore: true, totalPages: 6, totalResults: 137});
		expect(second.body).toMatchObject({skip: 25, limit: 25, hasMore: true});
		const ids = [...first.body.results, ...second.body.results].map(c => c.id);
		expect(new Set(ids).size).toBe(50);
		expect(ids).toEqual(
			sandbox()
				.contacts()
				.slice(0, 50)
				.map(c => c.id),
		);
	});

	it('caps limit at 50 and says so in the response', async () => {
		const {body} = await page('?limit=500');
		expect(body.limit).toBe(50);
		expect(body.results).toHaveLength(50);
		expect(body.totalPages).toBe(3);
	});

	it('ends with a short last page and hasMore false', async () => {
		const {body} = await page('?skip=130&limit=10');
		expect(body.results).toHaveLength(7);
		expect(body.hasMore).toBe(false);
		expect(body.totalResults).toBe(137);
		const beyond = await page('?skip=137&limit=10');
		expect(beyond.body).toMatchObject({results: [], hasMore: false, skip: 137});
	});

	it('walks the whole list in pages of 50', async () => {
		const seen: Contact[] = [];
		for (let skip = 0; ; skip += 50) {
			const {body} = await page(`?skip=${skip}&limit=50`);
			seen.push(...body.results);
			if (!body.hasMore) break;
		}
		expect(seen.map(c => c.id)).toEqual(
			sandbox()
				.contacts()
				.map(c => c.id),
		);
	});

	it('answers invalid skip/limit with 412 in the envelope', async () => {
		for (const query of ['?skip=-1', '?skip=abc', '?limit=0', '?limit=1.5', '?limit=', '?skip=1&skip=2']) {
			const {status, body} = await page(query);
			expect(status, query).toBe(412);
			expect(body.errors, query).toEqual([{msg: expect.stringMatching(/skip|limit/) as string, code: 412}]);
		}
	});

	it('lists INACTIVE (soft-deleted) contacts too, with their status', async () => {
		const s = sandbox();
		const inactive = s.contacts().filter(c => c.status === 'INACTIVE');
		expect(inactive.length).toBeGreaterThan(0);
		const {body} = await page('?limit=50');
		expect(body.results.some(c => c.status === 'INACTIVE')).toBe(true);
	});

	it('ignores undocumented search parameters', async () => {
		const {body} = await page('?q=john&search=john&limit=5');
		expect(body.results).toHaveLength(5);
		expect(body.totalResults).toBe(137);
	});
});

describe('unknown routes', () => {
	const sandbox = useSandbox({contactCount: 3});

	it('answers 404 in the envelope outside the API', async () => {
		const res = await fetch(`${sandbox().url}/nope`);
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await res.json()).toEqual({errors: [{msg: expect.any(String) as string, code: 404}]});
	});

	it('answers 404 for an unknown path under the stream (after auth)', async () => {
		const s = sandbox();
		const res = await fetch(koreUrl(s, '/leads'), {headers: await sandboxHeaders(s)});
		expect(res.status).toBe(404);
		expect(((await res.json()) as {errors: unknown[]}).errors).toHaveLength(1);
	});

	it('answers a wrong method on a known path with 405 and Allow', async () => {
		const s = sandbox();
		const res = await fetch(koreUrl(s, '/contacts'), {method: 'DELETE', headers: await sandboxHeaders(s)});
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET, POST');
		expect(await res.json()).toEqual({errors: [{msg: expect.stringContaining('DELETE') as string, code: 405}]});
	});

	it('has no single-contact GET: 405, never the contact', async () => {
		const s = sandbox();
		const contact = s.contacts()[0]!;
		const res = await fetch(koreUrl(s, `/contacts/${contact.id}`), {headers: await sandboxHeaders(s)});
		expect(res.status).toBe(405);
		const text = await res.text();
		expect(text).not.toContain(contact.id);
		expect(JSON.parse(text)).toEqual({errors: [{msg: expect.any(String) as string, code: 405}]});
	});
});
