import type {IncomingMessage} from 'node:http';
import type {Contact} from '../contact/contact.js';
import type {Actor, ContactStore} from './contacts-store.js';
import {SandboxHttpError} from './errors.js';
import {type Reply, parseJsonBody} from './http.js';

export const KORE_PREFIX = /^\/agentassist\/api\/v1\/public\/([^/]+)(\/.*)?$/;

export type RouteContext = {
	req: IncomingMessage;
	method: string;
	/** Path after /agentassist/api/v1/public/{streamId}, without a trailing slash. */
	rest: string;
	query: URLSearchParams;
	bodyText: string;
	store: ContactStore;
	actor: Actor;
	defaultPageSize: number;
	maxPageSize: number;
	/** Called with the ids a list response contained, right after it is sent. */
	onListSent: (ids: ReadonlySet<string>) => void;
	/** Longest bulk-update array accepted, and a fault's failure for a record, if one is armed. */
	bulk: {maxRecords: number; injected?: (index: number) => SandboxHttpError | undefined};
};

const BULK_UPDATE = '/contacts/bulk-update';

/** Whether this request is PUT /contacts/bulk-update (the bulk faults apply to nothing else). */
export function isBulkUpdate(method: string, pathname: string): boolean {
	const rest = (KORE_PREFIX.exec(pathname)?.[2] ?? '').replace(/\/+$/, '');
	return method === 'PUT' && rest === BULK_UPDATE;
}

const copy = (c: Contact): Contact => structuredClone(c);

export function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function methodNotAllowed(method: string, allowed: string[]): SandboxHttpError {
	return new SandboxHttpError(405, `Method ${method} is not allowed on this path; allowed: ${allowed.join(', ')}.`, {
		headers: {Allow: allowed.join(', ')},
	});
}

function pagingParam(query: URLSearchParams, name: string, fallback: number, min: number): number {
	const values = query.getAll(name);
	if (values.length === 0) return fallback;
	const value = values[0]!;
	if (values.length > 1 || !/^\d{1,9}$/.test(value) || Number(value) < min) {
		throw new SandboxHttpError(
			412,
			`${name} must be a whole number${min > 0 ? ` of ${min} or more` : ', 0 or more'} (got "${value}").`,
		);
	}
	return Number(value);
}

/**
 * The documented Contacts routes, after authentication and the rate limit. There is no documented
 * GET for a single contact, so GET /contacts/{id} is a wrong method (405), never the contact.
 */
export function koreRoute(ctx: RouteContext): Reply {
	const {method, rest, store, actor} = ctx;
	if (rest === '/contacts') {
		if (method === 'GET') return listContacts(ctx);
		if (method === 'POST') {
			const created = store.create(parseJsonBody(ctx.req, ctx.bodyText, true), actor);
			return {status: 200, body: created.map(copy)};
		}
		throw methodNotAllowed(method, ['GET', 'POST']);
	}
	// Before the single-contact route: "bulk-update" is never taken for a contact ID.
	if (rest === BULK_UPDATE) {
		if (method === 'PUT')
			return {status: 200, body: store.bulkUpdate(parseJsonBody(ctx.req, ctx.bodyText, true), actor, ctx.bulk)};
		throw methodNotAllowed(method, ['PUT']);
	}
	const single = /^\/contacts\/([^/]+)$/.exec(rest);
	if (single) {
		const id = safeDecode(single[1]!);
		if (method === 'PUT') return {status: 200, body: copy(store.update(id, parseJsonBody(ctx.req, ctx.bodyText, true), actor))};
		if (method === 'DELETE') return {status: 200, body: copy(store.remove(id, actor))};
		throw methodNotAllowed(method, ['PUT', 'DELETE']);
	}
	throw new SandboxHttpError(404, `No such API: ${method} ${rest || '/'}.`);
}

/**
 * GET /contacts?skip=&limit=. The docs do not say whether soft-deleted contacts are listed; this
 * sandbox lists every contact, INACTIVE ones included (their `status` says so), in creation order,
 * so a client must not assume a listed contact is active. Other query parameters are ignored, as
 * no search or filter is documented. `limit` is capped at maxPageSize; the response's `limit` is
 * what was granted.
 */
function listContacts(ctx: RouteContext): Reply {
	const skip = pagingParam(ctx.query, 'skip', 0, 0);
	const limit = Math.min(pagingParam(ctx.query, 'limit', ctx.defaultPageSize, 1), ctx.maxPageSize);
	const total = ctx.store.size;
	const page = ctx.store.page(skip, limit);
	const ids = new Set(page.map(c => c.id));
	return {
		status: 200,
		body: {
			results: page.map(copy),
			skip,
			limit,
			hasMore: skip + page.length < total,
			totalPages: Math.ceil(total / limit),
			totalResults: total,
		},
		afterSend: () => ctx.onListSent(ids),
	};
}
