import type {UpdateBody} from '../contact/contact.js';
import {validateBody} from './contacts-store.js';
import type {FaultCommon, FaultSpec, Faults} from './types.js';

type BulkFault = Extract<FaultSpec, {type: 'bulkPartial' | 'bulkTimeout'}>;

/** A fault that replaces or delays the response of one request (not editAfterRead, not the bulk-update ones). */
export type ResponseFault = Exclude<FaultSpec, {type: 'editAfterRead'} | BulkFault>;

export type FaultPlan = {
	/** Total extra delay in ms (all armed latency faults that match). */
	latencyMs: number;
	/** The first armed fault other than latency that matches, if any. */
	terminal?: Exclude<ResponseFault, {type: 'latency'}>;
	/** For a bulk update: the records to fail instead of applying. */
	bulkPartial?: Extract<FaultSpec, {type: 'bulkPartial'}>;
	/** For a bulk update: apply it, then hold the answer. */
	bulkTimeout?: Extract<FaultSpec, {type: 'bulkTimeout'}>;
};

export type FaultEngine = Faults & {
	/** Consumes the faults that apply to a Kore request with this method (`bulk`: it is PUT /contacts/bulk-update). */
	takeForRequest(method: string, bulk?: boolean): FaultPlan;
	/** Consumes the editAfterRead faults for contacts that a list response just included. */
	takeEditsAfterList(ids: ReadonlySet<string>): Array<{contactId: string; changes: Partial<UpdateBody>}>;
};

type Armed = {spec: FaultSpec; left: number};

const FAULT_TYPES = 'latency, fail, rateLimit, drop, redirect, hugeBody, ignoreSkip, editAfterRead, bulkPartial or bulkTimeout';
/** Record indexes a bulkPartial fault may name: well above any array the sandbox accepts. */
const MAX_FAULT_INDEX = 100_000;

export class FaultError extends Error {}

/**
 * Checks a fault description (from code or from the HTTP control route) and returns a clean copy.
 * Throws FaultError with an operator-facing sentence.
 */
export function parseFault(input: unknown, options: {allowInfinity: boolean}): FaultSpec {
	if (!input || typeof input !== 'object' || Array.isArray(input)) {
		throw new FaultError(`A fault is a JSON object with a "type": ${FAULT_TYPES}.`);
	}
	const raw = input as Record<string, unknown>;
	const common: FaultCommon = {};
	if (raw.method !== undefined) {
		if (raw.method !== 'GET' && raw.method !== 'PUT') throw new FaultError('Fault "method" must be "GET" or "PUT" when given.');
		common.method = raw.method;
	}
	if (raw.times !== undefined) {
		const t = raw.times;
		const ok =
			typeof t === 'number' && ((Number.isInteger(t) && t >= 1) || (options.allowInfinity && t === Number.POSITIVE_INFINITY));
		if (!ok) {
			throw new FaultError(
				options.allowInfinity
					? 'Fault "times" must be a whole number of 1 or more, or Infinity.'
					: 'Fault "times" must be a whole number of 1 or more.',
			);
		}
		common.times = t;
	}
	switch (raw.type) {
		case 'latency': {
			if (typeof raw.ms !== 'number' || !Number.isFinite(raw.ms) || raw.ms < 0) {
				throw new FaultError('A latency fault needs "ms": a number of milliseconds, 0 or more.');
			}
			return {type: 'latency', ms: raw.ms, ...common};
		}
		case 'fail': {
			if (typeof raw.status !== 'number' || !Number.isInteger(raw.status) || raw.status < 100 || raw.status > 599) {
				throw new FaultError('A fail fault needs "status": an HTTP status from 100 to 599.');
			}
			if (raw.body !== undefined && typeof raw.body !== 'string') {
				throw new FaultError('A fail fault\'s "body" must be a string (sent as is).');
			}
			const headers = parseHeaders(raw.headers);
			return {
				type: 'fail',
				status: raw.status,
				...(raw.body === undefined ? {} : {body: raw.body}),
				...(headers ? {headers} : {}),
				...common,
			};
		}
		case 'rateLimit': {
			const r = raw.retryAfter;
			if (r !== undefined && r !== null && (typeof r !== 'number' || !Number.isFinite(r) || r < 0)) {
				throw new FaultError('A rateLimit fault\'s "retryAfter" must be a number of seconds, or null for no Retry-After header.');
			}
			return {type: 'rateLimit', ...(r === undefined ? {} : {retryAfter: r}), ...common};
		}
		case 'drop': {
			if (raw.when !== 'before-response' && raw.when !== 'mid-response') {
				throw new FaultError('A drop fault needs "when": "before-response" or "mid-response".');
			}
			return {type: 'drop', when: raw.when, ...common};
		}
		case 'redirect': {
			if (typeof raw.status !== 'number' || !Number.isInteger(raw.status) || raw.status < 300 || raw.status > 399) {
				throw new FaultError('A redirect fault needs "status": an HTTP status from 300 to 399.');
			}
			if (typeof raw.location !== 'string' || raw.location === '') {
				throw new FaultError('A redirect fault needs "location": the URL sent in the Location header.');
			}
			return {type: 'redirect', status: raw.status, location: raw.location, ...common};
		}
		case 'hugeBody': {
			if (typeof raw.bytes !== 'number' || !Number.isInteger(raw.bytes) || raw.bytes < 1) {
				throw new FaultError('A hugeBody fault needs "bytes": a whole number of bytes, 1 or more.');
			}
			return {type: 'hugeBody', bytes: raw.bytes, ...common};
		}
		case 'ignoreSkip':
			return {type: 'ignoreSkip', ...common};
		case 'editAfterRead': {
			if (typeof raw.contactId !== 'string' || raw.contactId === '') {
				throw new FaultError('An editAfterRead fault needs "contactId".');
			}
			if (!raw.changes || typeof raw.changes !== 'object' || Array.isArray(raw.changes)) {
				throw new FaultError('An editAfterRead fault needs "changes": an object like a PUT body.');
			}
			try {
				validateBody(raw.changes);
			} catch (error) {
				throw new FaultError(`An editAfterRead fault's "changes" are not a valid PUT body: ${(error as Error).message}`);
			}
			return {
				type: 'editAfterRead',
				contactId: raw.contactId,
				changes: structuredClone(raw.changes) as Partial<UpdateBody>,
				...common,
			};
		}
		case 'bulkPartial': {
			const {indexes, every, status} = raw;
			if (
				indexes !== undefined &&
				(!Array.isArray(indexes) ||
					!indexes.every(i => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i <= MAX_FAULT_INDEX))
			) {
				throw new FaultError('A bulkPartial fault\'s "indexes" must be an array of record positions: whole numbers from 0.');
			}
			if (every !== undefined && (typeof every !== 'number' || !Number.isInteger(every) || every < 1)) {
				throw new FaultError('A bulkPartial fault\'s "every" must be a whole number of 1 or more (3: records #3, #6, ...).');
			}
			if ((indexes === undefined || indexes.length === 0) && every === undefined) {
				throw new FaultError('A bulkPartial fault needs "indexes" (e.g. [0, 2]) or "every" (e.g. 3): which records fail.');
			}
			if (status !== undefined && status !== 400 && status !== 412) {
				throw new FaultError('A bulkPartial fault\'s "status" must be 412 (invalid record) or 400 (unknown record).');
			}
			return {
				type: 'bulkPartial',
				...(indexes === undefined ? {} : {indexes: [...(indexes as number[])]}),
				...(every === undefined ? {} : {every}),
				...(status === undefined ? {} : {status}),
				...common,
			};
		}
		case 'bulkTimeout': {
			if (raw.ms !== undefined && (typeof raw.ms !== 'number' || !Number.isFinite(raw.ms) || raw.ms < 0)) {
				throw new FaultError(
					'A bulkTimeout fault\'s "ms" must be a number of milliseconds, 0 or more (leave it out: no answer at all).',
				);
			}
			return {type: 'bulkTimeout', ...(raw.ms === undefined ? {} : {ms: raw.ms}), ...common};
		}
		default:
			throw new FaultError(`Unknown fault type ${JSON.stringify(raw.type)}: use ${FAULT_TYPES}.`);
	}
}

function parseHeaders(value: unknown): Record<string, string> | undefined {
	if (value === undefined) return undefined;
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new FaultError('Fault "headers" must be an object of strings.');
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(value)) {
		if (typeof v !== 'string' && typeof v !== 'number') throw new FaultError(`Fault header "${k}" must be a string.`);
		out[k] = String(v);
	}
	return out;
}

const matches = (spec: FaultSpec, method: string) => spec.method === undefined || spec.method === method;

export function createFaults(): FaultEngine {
	let armed: Armed[] = [];

	const add = (spec: FaultSpec) => {
		const clean = parseFault(spec, {allowInfinity: true});
		armed.push({spec: clean, left: clean.times ?? 1});
	};
	const consume = (entry: Armed) => {
		entry.left -= 1;
		if (entry.left <= 0) armed = armed.filter(e => e !== entry);
	};

	return {
		latency: (ms, options) => add({type: 'latency', ms, ...options}),
		fail: (status, options) => add({type: 'fail', status, ...options}),
		rateLimit: options => add({type: 'rateLimit', ...options}),
		drop: options => add({type: 'drop', ...options}),
		redirect: (status, location, options) => add({type: 'redirect', status, location, ...options}),
		hugeBody: (bytes, options) => add({type: 'hugeBody', bytes, ...options}),
		ignoreSkip: options => add({type: 'ignoreSkip', ...options}),
		editAfterRead: (contactId, changes, options) => add({type: 'editAfterRead', contactId, changes, ...options}),
		bulkPartial: options => add({type: 'bulkPartial', ...options}),
		bulkTimeout: options => add({type: 'bulkTimeout', ...options}),
		add,
		pending: () => armed.map(e => ({...e.spec, times: e.left})),
		clear: () => {
			armed = [];
		},
		takeForRequest(method, bulk = false) {
			const plan: FaultPlan = {latencyMs: 0};
			for (const entry of [...armed]) {
				const {spec} = entry;
				if (spec.type === 'editAfterRead' || !matches(spec, method)) continue;
				if (spec.type === 'bulkPartial' || spec.type === 'bulkTimeout') {
					if (!bulk || plan[spec.type]) continue;
					if (spec.type === 'bulkPartial') plan.bulkPartial = spec;
					else plan.bulkTimeout = spec;
					consume(entry);
				} else if (spec.type === 'latency') {
					plan.latencyMs += spec.ms;
					consume(entry);
				} else if (!plan.terminal) {
					plan.terminal = spec;
					consume(entry);
				}
			}
			return plan;
		},
		takeEditsAfterList(ids) {
			const edits: Array<{contactId: string; changes: Partial<UpdateBody>}> = [];
			for (const entry of [...armed]) {
				const {spec} = entry;
				if (spec.type !== 'editAfterRead' || !ids.has(spec.contactId)) continue;
				edits.push({contactId: spec.contactId, changes: spec.changes});
				consume(entry);
			}
			return edits;
		},
	};
}

/** The 0-based positions a bulkPartial fault fails. */
export function failsRecord(spec: Extract<FaultSpec, {type: 'bulkPartial'}>, index: number): boolean {
	return (spec.indexes?.includes(index) ?? false) || (spec.every !== undefined && (index + 1) % spec.every === 0);
}
