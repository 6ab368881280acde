import type {IncomingMessage} from 'node:http';
import type {Contact, UpdateBody} from '../contact/contact.js';
import {FaultError, type FaultEngine, parseFault} from './faults.js';
import {SandboxHttpError} from './errors.js';
import {type Reply, parseJsonBody} from './http.js';
import {safeDecode} from './routes.js';
import type {RecordedRequest} from './types.js';

/**
 * Control routes under /__sandbox/. They exist ONLY in this sandbox (Kore.ai has nothing like them)
 * and need no auth: they let a test or a second terminal arm faults, play "someone else edits this
 * contact", and check the stored state from another process. Recorded requests are served without
 * any auth/JWT value.
 *
 *   GET    /__sandbox/health
 *   GET    /__sandbox/faults              armed faults
 *   POST   /__sandbox/faults              {type, ...}: arm a fault
 *   DELETE /__sandbox/faults              clear all faults
 *   GET    /__sandbox/contacts/{id}       one contact as stored
 *   POST   /__sandbox/contacts/{id}/edit  {firstName?, ...}: someone else edits it now
 *   GET    /__sandbox/requests            what the Kore routes received
 */
export type ControlContext = {
	req: IncomingMessage;
	method: string;
	path: string;
	bodyText: string;
	faults: FaultEngine;
	requests: RecordedRequest[];
	health: () => Record<string, unknown>;
	getContact: (id: string) => Contact | undefined;
	editContact: (id: string, changes: Partial<UpdateBody>) => Contact;
};

function only(method: string, allowed: string): void {
	if (method !== allowed) {
		throw new SandboxHttpError(405, `Method ${method} is not allowed on this path; allowed: ${allowed}.`, {
			headers: {Allow: allowed},
		});
	}
}

export function controlRoute(ctx: ControlContext): Reply {
	const {method, path} = ctx;
	if (path === '/__sandbox/health') {
		only(method, 'GET');
		return {status: 200, body: ctx.health()};
	}
	if (path === '/__sandbox/faults') {
		if (method === 'GET') return {status: 200, body: {faults: ctx.faults.pending()}};
		if (method === 'DELETE') {
			ctx.faults.clear();
			return {status: 200, body: {faults: []}};
		}
		if (method === 'POST') {
			try {
				const spec = parseFault(parseJsonBody(ctx.req, ctx.bodyText, false), {allowInfinity: false});
				ctx.faults.add(spec);
				return {status: 201, body: {added: spec, faults: ctx.faults.pending()}};
			} catch (error) {
				if (error instanceof FaultError) throw new SandboxHttpError(400, error.message);
				throw error;
			}
		}
		throw new SandboxHttpError(405, `Method ${method} is not allowed on this path; allowed: GET, POST, DELETE.`, {
			headers: {Allow: 'GET, POST, DELETE'},
		});
	}
	if (path === '/__sandbox/requests') {
		only(method, 'GET');
		return {status: 200, body: {requests: ctx.requests.map(({jwt: _jwt, ...rest}) => rest)}};
	}
	const contact = /^\/__sandbox\/contacts\/([^/]+)(\/edit)?$/.exec(path);
	if (contact) {
		const id = safeDecode(contact[1]!);
		if (!ctx.getContact(id)) throw new SandboxHttpError(404, `No contact with id ${JSON.stringify(id)} in the sandbox.`);
		if (contact[2]) {
			only(method, 'POST');
			const changes = parseJsonBody(ctx.req, ctx.bodyText, false) as Partial<UpdateBody>;
			return {status: 200, body: ctx.editContact(id, changes)};
		}
		only(method, 'GET');
		return {status: 200, body: ctx.getContact(id)};
	}
	throw new SandboxHttpError(404, `No such sandbox control route: ${method} ${path}.`);
}
