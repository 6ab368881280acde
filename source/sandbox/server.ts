import {type IncomingMessage, type ServerResponse, createServer as createHttpServer} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import type {Contact, UpdateBody} from '../contact/contact.js';
import {createAuthenticator, createRateLimiter} from './auth.js';
import {type Actor, ContactStore, derivedId} from './contacts-store.js';
import {controlRoute} from './control.js';
import {RATE_LIMIT_MESSAGE, SANDBOX_DEFAULTS} from './defaults.js';
import {SandboxHttpError, envelope} from './errors.js';
import {createFaults, failsRecord, type FaultPlan} from './faults.js';
import {type Reply, errorReply, readBody, sendReply} from './http.js';
import {KORE_PREFIX, isBulkUpdate, koreRoute, safeDecode} from './routes.js';
import {SEED_USERS, seedContacts} from './seed.js';
import type {RecordedRequest, Sandbox, SandboxOptions} from './types.js';

/** "Someone else" (a colleague in Kore's web UI): who editContact / editAfterRead edits as. */
export const OTHER_EDITOR: Actor = SEED_USERS[1];

function positiveInt(name: string, value: number): number {
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`Sandbox option ${name} must be a whole number of 1 or more (got ${value}).`);
	return value;
}

/**
 * A local HTTP(S) server that behaves like Kore.ai's Contacts API as the reference documents it —
 * faithful to the reference, not convenient for the client. Used by demo mode (in process), by the
 * tests, and by `kore-contacts sandbox`.
 *
 * Order of checks for a request under /agentassist/api/v1/public/{streamId}: armed faults, then
 * auth (JWT, accountId header, stream ID, scope: 401 / 4002), then the per-account rate limit
 * (429 + Retry-After; only authenticated requests use the budget), then the route (404 unknown,
 * 405 wrong method with Allow), then the body (400 not JSON or no Content-Type: application/json),
 * then validation (412), then the contact id (400 "Invalid contact id").
 *
 * Where the docs are silent, this sandbox chooses (and the client must cope with either answer):
 * the list includes INACTIVE contacts; PUT keeps or clears omitted fields per `omittedFields`;
 * INACTIVE contacts can still be updated; POST /contacts answers 200 with the created contacts;
 * error `code` is the HTTP status except for auth (4002). PUT /contacts/bulk-update takes at most
 * `bulkMaxRecords` records (default 100) and answers 200 with `{successful, failed, results: [{id,
 * success: true, contact} | {id, success: false, errors: [{msg, code}]}]}`: Kore documents only
 * "counts and per-record results", so this shape is the sandbox's own; it is one request for the
 * rate limit however many records it holds.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const now = options.now ?? (() => new Date());
	const host = options.host ?? SANDBOX_DEFAULTS.host;
	const streamId = options.streamId ?? SANDBOX_DEFAULTS.streamId;
	const accountId = options.accountId ?? SANDBOX_DEFAULTS.accountId;
	const clientId = options.clientId ?? SANDBOX_DEFAULTS.clientId;
	const clientSecret = options.clientSecret ?? SANDBOX_DEFAULTS.clientSecret;
	const defaultPageSize = positiveInt('defaultPageSize', options.defaultPageSize ?? SANDBOX_DEFAULTS.defaultPageSize);
	const maxPageSize = positiveInt('maxPageSize', options.maxPageSize ?? SANDBOX_DEFAULTS.maxPageSize);
	const bulkMaxRecords = positiveInt('bulkMaxRecords', options.bulkMaxRecords ?? SANDBOX_DEFAULTS.bulkMaxRecords);
	const rateLimit = options.rateLimitPerMinute ?? SANDBOX_DEFAULTS.rateLimitPerMinute;
	if (!(rateLimit >= 0)) throw new Error(`Sandbox option rateLimitPerMinute must be 0 or more (got ${rateLimit}).`);

	const contacts = options.contacts
		? structuredClone(options.contacts)
		: seedContacts(options.contactCount ?? SANDBOX_DEFAULTS.contactCount, {accountId, streamId});
	const store = new ContactStore(contacts, {
		now,
		omittedFields: options.omittedFields ?? 'keep',
		accountId,
		streamId,
		orgId: SANDBOX_DEFAULTS.orgId,
	});
	const apiActor: Actor = {userId: derivedId('u', clientId), appId: derivedId('a', clientId)};
	const faults = createFaults();
	const requests: RecordedRequest[] = [];
	const arrivals: RecordedRequest[] = [];
	const authenticate = createAuthenticator({
		clientId,
		clientSecret,
		accountId,
		streamId,
		enforceJti: options.enforceJti ?? false,
		scopeGranted: options.scopeGranted ?? true,
		now,
	});
	const admit = createRateLimiter(rateLimit, now);
	const timers = new Set<NodeJS.Timeout>();
	let closing = false;

	const editContact = (id: string, changes: Partial<UpdateBody>): Contact =>
		structuredClone(store.update(id, changes, OTHER_EDITOR, 'keep'));

	const onListSent = (ids: ReadonlySet<string>) => {
		for (const edit of faults.takeEditsAfterList(ids)) {
			try {
				store.update(edit.contactId, edit.changes, OTHER_EDITOR, 'keep');
			} catch {
				// Validated when armed; nothing else can fail here.
			}
		}
	};

	const sleep = (ms: number) =>
		new Promise<void>(resolve => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	async function handleKore(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string, record: RecordedRequest) {
		const method = req.method ?? 'GET';
		const plan: FaultPlan = faults.takeForRequest(method, isBulkUpdate(method, url.pathname));
		if (plan.latencyMs > 0) await sleep(plan.latencyMs);
		if (closing || res.destroyed) return;
		const fault = plan.terminal;
		if (fault?.type === 'drop' && fault.when === 'before-response') {
			record.status = 0;
			requests.push(record);
			req.socket.destroy();
			return;
		}
		let reply: Reply;
		if (fault?.type === 'fail') {
			reply =
				fault.body === undefined
					? {
							status: fault.status,
							body: envelope(`Simulated failure (HTTP ${fault.status}) from the sandbox.`, fault.status),
							headers: fault.headers,
						}
					: {status: fault.status, raw: fault.body, headers: fault.headers};
		} else if (fault?.type === 'rateLimit') {
			reply = {
				status: 429,
				body: envelope(RATE_LIMIT_MESSAGE, 429),
				headers: typeof fault.retryAfter === 'number' ? {'Retry-After': String(fault.retryAfter)} : {},
			};
		} else if (fault?.type === 'redirect') {
			reply = {status: fault.status, raw: '', headers: {Location: fault.location}};
		} else if (fault?.type === 'hugeBody') {
			record.status = 200;
			record.sentBytes = 0;
			requests.push(record);
			await streamHugeBody(res, fault.bytes, record);
			return;
		} else if (fault?.type === 'ignoreSkip') {
			const first = new URL(url);
			first.searchParams.delete('skip');
			reply = await answerKore(req, first, bodyText, method);
		} else {
			reply = await answerKore(req, url, bodyText, method, plan);
		}
		record.status = reply.status;
		requests.push(record);
		if (plan.bulkTimeout) {
			// Applied already: the answer is held (for ms, or until the client hangs up).
			if (plan.bulkTimeout.ms === undefined) return;
			await sleep(plan.bulkTimeout.ms);
			if (closing || res.destroyed) return;
		}
		sendReply(res, reply, {dropMidway: fault?.type === 'drop'});
	}

	async function answerKore(
		req: IncomingMessage,
		url: URL,
		bodyText: string,
		method: string,
		plan: FaultPlan = {latencyMs: 0},
	): Promise<Reply> {
		const partial = plan.bulkPartial;
		const injected = partial
			? (index: number) =>
					failsRecord(partial, index)
						? new SandboxHttpError(
								partial.status ?? 412,
								`Simulated failure of record #${index + 1} (HTTP ${partial.status ?? 412}) from the sandbox.`,
							)
						: undefined
			: undefined;
		const match = KORE_PREFIX.exec(url.pathname);
		try {
			if (!match) throw new SandboxHttpError(404, `Not found: ${method} ${url.pathname}.`);
			await authenticate({
				auth: header(req, 'auth'),
				accountId: header(req, 'accountid'),
				streamId: safeDecode(match[1]!),
			});
			admit(accountId);
			return koreRoute({
				req,
				method,
				rest: (match[2] ?? '').replace(/\/+$/, ''),
				query: url.searchParams,
				bodyText,
				store,
				actor: apiActor,
				defaultPageSize,
				maxPageSize,
				onListSent,
				bulk: {maxRecords: bulkMaxRecords, ...(injected ? {injected} : {})},
			});
		} catch (error) {
			if (error instanceof SandboxHttpError) return errorReply(error);
			return {status: 500, body: envelope('Internal sandbox error.', 500)};
		}
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const at = now().getTime();
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		} catch {
			sendReply(res, errorReply(new SandboxHttpError(400, 'Malformed request URL.')));
			return;
		}
		let bodyText = '';
		try {
			bodyText = await readBody(req);
		} catch (error) {
			if (error instanceof SandboxHttpError) sendReply(res, errorReply(error));
			else res.destroy();
			return;
		}
		const method = req.method ?? 'GET';
		if (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/')) {
			let reply: Reply;
			try {
				reply = controlRoute({
					req,
					method,
					path: url.pathname.replace(/\/+$/, ''),
					bodyText,
					faults,
					requests,
					health: () => ({ok: true, streamId, accountId, contacts: store.size}),
					getContact: id => sandbox.getContact(id),
					editContact,
				});
			} catch (error) {
				reply =
					error instanceof SandboxHttpError ? errorReply(error) : {status: 500, body: envelope('Internal sandbox error.', 500)};
			}
			sendReply(res, reply);
			return;
		}
		const {auth, authorization: _authorization, ...headers} = flatHeaders(req);
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			status: 0,
			...(auth === undefined ? {} : {jwt: auth}),
			headers,
			at,
		};
		arrivals.push(record);
		await handleKore(req, res, url, bodyText, record);
	}

	const listener = (req: IncomingMessage, res: ServerResponse) => {
		handle(req, res).catch(() => {
			if (!res.headersSent && !res.destroyed) sendReply(res, {status: 500, body: envelope('Internal sandbox error.', 500)});
			else res.destroy();
		});
	};
	const server = options.tls
		? createHttpsServer({key: options.tls.key, cert: options.tls.cert}, listener)
		: createHttpServer(listener);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? SANDBOX_DEFAULTS.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	const sandbox: Sandbox = {
		url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
		port,
		streamId,
		accountId,
		clientId,
		clientSecret,
		contacts: () => structuredClone([...store.all()]),
		getContact: id => {
			const c = store.get(id);
			return c ? structuredClone(c) : undefined;
		},
		editContact,
		faults,
		requests,
		arrivals,
		close: () =>
			new Promise<void>(resolve => {
				if (closing) return resolve();
				closing = true;
				for (const t of timers) clearTimeout(t);
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	return sandbox;
}

/** A 200 "list" of `bytes` bytes in 64 KiB chunks, written only as fast as the client reads. */
async function streamHugeBody(res: ServerResponse, bytes: number, record: RecordedRequest): Promise<void> {
	res.writeHead(200, {'Content-Type': 'application/json; charset=utf-8'});
	const chunk = Buffer.alloc(64 * 1024, ' ');
	let next = Buffer.concat([Buffer.from('{"results":['), chunk]);
	let left = bytes;
	while (left > 0 && !res.destroyed) {
		const piece = next.subarray(0, Math.min(left, next.length));
		next = chunk;
		left -= piece.length;
		record.sentBytes = (record.sentBytes ?? 0) + piece.length;
		if (!res.write(piece)) {
			await new Promise<void>(resolve => {
				const done = () => {
					res.off('drain', done);
					res.off('close', done);
					resolve();
				};
				res.on('drain', done);
				res.on('close', done);
			});
		}
	}
	if (!res.destroyed) res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
	return out;
}
