import {describe, expect, it} from 'vitest';
import type {Contact, UpdateBody} from '../../source/contact/contact.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {koreUrl, sandboxHeaders, useSandbox} from '../helpers/sandbox.js';

const DOCUMENTED_FIELDS = [
	'firstName',
	'lastName',
	'fullName',
	'salutation',
	'cellPhone',
	'status',
	'instanceBotId',
	'orgId',
	'accountId',
	'createdBy',
	'createdByAId',
	'address',
	'twitterDetails',
	'createdAt',
	'updatedAt',
	'updatedBy',
	'updatedByAId',
	'id',
];

const body: UpdateBody = {
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	cellPhone: {phoneNumber: '9550100001', countryCode: '+91', extension: '+'},
};

async function call(s: Sandbox, method: string, path: string, payload?: unknown, raw?: string) {
	const res = await fetch(koreUrl(s, path), {
		method,
		headers: await sandboxHeaders(s),
		body: raw ?? (payload === undefined ? undefined : JSON.stringify(payload)),
	});
	return {status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Contact & Record<string, any>};
}

const put = (s: Sandbox, id: string, payload: unknown) => call(s, 'PUT', `/contacts/${id}`, payload);
const errorOf = (msg: RegExp | string, code: number) => ({
	errors: [{msg: typeof msg === 'string' ? msg : (expect.stringMatching(msg) as string), code}],
});

describe('PUT /contacts/{id}', () => {
	const sandbox = useSandbox({rateLimitPerMinute: 0});
	const target = () => sandbox().contacts()[3]!;

	it('returns the whole contact with every documented field, in the documented order', async () => {
		const s = sandbox();
		const before = target();
		const res = await put(s, before.id, body);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		expect(Object.keys(res.body)).toEqual(DOCUMENTED_FIELDS);
		expect(res.body).toMatchObject({
			firstName: 'john',
			lastName: 'doe',
			fullName: 'john doe',
			salutation: 'mr',
			cellPhone: {extension: '+', phoneNumber: '+919550100001', countryCode: '+91'},
			status: 'ACTIVE',
			instanceBotId: s.streamId,
			accountId: s.accountId,
			address: [],
			twitterDetails: [],
			createdAt: before.createdAt,
			createdBy: before.createdBy,
			id: before.id,
		});
		expect(res.body.updatedBy).toMatch(/^u-/);
		expect(res.body.updatedByAId).toMatch(/^a-/);
		expect(s.getContact(before.id)).toEqual(res.body);
	});

	it('stores phoneNumber as countryCode + digits and recomputes fullName', async () => {
		const s = sandbox();
		const res = await put(s, target().id, {
			...body,
			firstName: 'Zoë',
			lastName: 'Brontë',
			cellPhone: {phoneNumber: '7700900123', countryCode: '+44', extension: '+44'},
		});
		expect(res.body.fullName).toBe('Zoë Brontë');
		expect(res.body.cellPhone).toEqual({extension: '+44', phoneNumber: '+447700900123', countryCode: '+44'});
		expect(s.getContact(target().id)!.cellPhone!.phoneNumber).toBe('+447700900123');
	});

	it('moves updatedAt strictly forward, even for back-to-back updates', async () => {
		const s = sandbox();
		const id = target().id;
		let previous = Date.parse(s.getContact(id)!.updatedAt!);
		for (let i = 0; i < 5; i++) {
			const res = await put(s, id, {...body, firstName: `john${i}`});
			const updatedAt = Date.parse(res.body.updatedAt!);
			expect(updatedAt).toBeGreaterThan(previous);
			previous = updatedAt;
		}
	});

	it('moves updatedAt forward when the clock stands still', async () => {
		const frozen = new Date('2030-05-05T05:05:05.005Z');
		const s = await startSandbox({contactCount: 2, now: () => frozen});
		try {
			const id = s.contacts()[1]!.id;
			const iat = Math.floor(frozen.getTime() / 1000);
			const send = async () => {
				const res = await fetch(koreUrl(s, `/contacts/${id}`), {
					method: 'PUT',
					headers: {...(await sandboxHeaders(s, {iat, exp: iat + 300}))},
					body: JSON.stringify(body),
				});
				return {body: (await res.json()) as Contact};
			};
			const first = await send();
			const second = await send();
			expect(first.body.updatedAt).toBe('2030-05-05T05:05:05.005Z');
			expect(second.body.updatedAt).toBe('2030-05-05T05:05:05.006Z');
		} finally {
			await s.close();
		}
	});

	it('rejects a phone number with anything but digits (412)', async () => {
		const s = sandbox();
		const before = s.getContact(target().id);
		for (const phoneNumber of ['+919550100001', '95501 00001', '955-010-0001', '95501xxxxx']) {
			const res = await put(s, target().id, {...body, cellPhone: {...body.cellPhone, phoneNumber}});
			expect(res.status, phoneNumber).toBe(412);
			expect(res.body, phoneNumber).toEqual(errorOf(/phoneNumber must contain digits only/, 412));
		}
		expect(s.getContact(target().id)).toEqual(before);
	});

	it('rejects a bad countryCode (412)', async () => {
		const s = sandbox();
		for (const countryCode of ['91', '+', '+12345', '+9a', '']) {
			const res = await put(s, target().id, {...body, cellPhone: {...body.cellPhone, countryCode}});
			expect(res.status, countryCode).toBe(412);
			expect(res.body).toEqual(errorOf(/countryCode must be \+ followed by 1 to 4 digits/, 412));
		}
	});

	it('rejects fields of the wrong type (412)', async () => {
		const s = sandbox();
		for (const payload of [
			{firstName: 42},
			{lastName: null},
			{salutation: ['Mr']},
			{cellPhone: 'phone'},
			{cellPhone: {phoneNumber: 9550100001, countryCode: '+91'}},
			{cellPhone: {extension: 1}},
			[body],
		]) {
			const res = await put(s, target().id, payload);
			expect(res.status, JSON.stringify(payload)).toBe(412);
		}
	});

	it('answers an unknown contact id with 400 "Invalid contact id"', async () => {
		const s = sandbox();
		for (const id of ['000000000000000000000000', 'not-an-id']) {
			const res = await put(s, id, body);
			expect(res.status).toBe(400);
			expect(res.body).toEqual(errorOf(/^Invalid contact id/, 400));
		}
	});

	it('answers a body that is not JSON with 400', async () => {
		const s = sandbox();
		const res = await call(s, 'PUT', `/contacts/${target().id}`, undefined, '{"firstName": "jo');
		expect(res.status).toBe(400);
		expect(res.body).toEqual(errorOf(/not valid JSON/, 400));
	});

	it('requires Content-Type: application/json', async () => {
		const s = sandbox();
		const headers = await sandboxHeaders(s);
		delete headers['Content-Type'];
		const res = await fetch(koreUrl(s, `/contacts/${target().id}`), {
			method: 'PUT',
			headers: {...headers, 'Content-Type': 'application/x-www-form-urlencoded'},
			body: JSON.stringify(body),
		});
		expect(res.status).toBe(400);
	});

	it('keeps fields left out of the body by default', async () => {
		const s = sandbox();
		const id = target().id;
		await put(s, id, body);
		const res = await put(s, id, {lastName: 'Roe', cellPhone: {phoneNumber: '9876543210'}});
		expect(res.body).toMatchObject({
			firstName: 'john',
			lastName: 'Roe',
			fullName: 'john Roe',
			salutation: 'mr',
			cellPhone: {extension: '+', phoneNumber: '+919876543210', countryCode: '+91'},
		});
	});

	it('ignores fields that are not editable', async () => {
		const s = sandbox();
		const before = s.getContact(target().id)!;
		const res = await put(s, before.id, {...body, status: 'INACTIVE', fullName: 'Hacked', id: 'x', createdAt: '1999-01-01'});
		expect(res.body).toMatchObject({status: before.status, fullName: 'john doe', id: before.id, createdAt: before.createdAt});
	});
});

describe('PUT with omittedFields "clear"', () => {
	const sandbox = useSandbox({contactCount: 5, omittedFields: 'clear'});

	it('clears every field left out of the body', async () => {
		const s = sandbox();
		const id = s.contacts()[0]!.id;
		const res = await put(s, id, {firstName: 'Only'});
		expect(res.body).toMatchObject({
			firstName: 'Only',
			lastName: '',
			fullName: 'Only',
			salutation: '',
			cellPhone: {extension: '', phoneNumber: '', countryCode: ''},
		});
	});

	it('keeps nothing but what a full body sends', async () => {
		const s = sandbox();
		const id = s.contacts()[1]!.id;
		const res = await put(s, id, body);
		expect(res.body).toMatchObject({...body, fullName: 'john doe', cellPhone: {phoneNumber: '+919550100001'}});
	});
});

describe('POST /contacts, bulk update and DELETE', () => {
	const sandbox = useSandbox({contactCount: 5, rateLimitPerMinute: 0});

	it('creates contacts from an array', async () => {
		const s = sandbox();
		const res = await call(s, 'POST', '/contacts', [body, {firstName: 'Solo'}]);
		expect(res.status).toBe(200);
		const created = res.body as unknown as Contact[];
		expect(created).toHaveLength(2);
		expect(created[0]).toMatchObject({fullName: 'john doe', status: 'ACTIVE', cellPhone: {phoneNumber: '+919550100001'}});
		expect(created[0]!.id).toMatch(/^[0-9a-f]{24}$/);
		expect(Object.keys(created[0]!)).toEqual(DOCUMENTED_FIELDS);
		expect(s.getContact(created[1]!.id)!.firstName).toBe('Solo');
		expect(s.contacts()).toHaveLength(7);
	});

	it('refuses a create body that is not an array, or holds an invalid contact, and creates nothing', async () => {
		const s = sandbox();
		const count = s.contacts().length;
		expect((await call(s, 'POST', '/contacts', body)).status).toBe(412);
		const res = await call(s, 'POST', '/contacts', [body, {...body, cellPhone: {...body.cellPhone, phoneNumber: 'abc'}}]);
		expect(res.status).toBe(412);
		expect(res.body).toEqual(errorOf(/^Contact #2: /, 412));
		expect(s.contacts()).toHaveLength(count);
	});

	it('bulk-updates with per-record results', async () => {
		const s = sandbox();
		const [a, b] = s.contacts();
		const res = await call(s, 'PUT', '/contacts/bulk-update', [
			{id: a!.id, ...body},
			{id: '000000000000000000000000', ...body},
			{id: b!.id, cellPhone: {phoneNumber: '12-34', countryCode: '+1'}},
		]);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({successful: 1, failed: 2});
		const results = res.body.results as Array<Record<string, unknown>>;
		expect(results[0]).toMatchObject({id: a!.id, success: true, contact: {fullName: 'john doe'}});
		expect(results[1]).toMatchObject({success: false, errors: [{code: 400}]});
		expect(results[2]).toMatchObject({id: b!.id, success: false, errors: [{code: 412}]});
		expect(s.getContact(a!.id)!.fullName).toBe('john doe');
		expect(s.getContact(b!.id)).toEqual(b);
	});

	it('bulk-update accepts only PUT', async () => {
		const s = sandbox();
		const res = await call(s, 'POST', '/contacts/bulk-update', []);
		expect(res.status).toBe(405);
	});

	it('soft-deletes: the contact stays, with status INACTIVE', async () => {
		const s = sandbox();
		const target = s.contacts().find(c => c.status === 'ACTIVE')!;
		const res = await call(s, 'DELETE', `/contacts/${target.id}`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({id: target.id, status: 'INACTIVE'});
		expect(Date.parse(res.body.updatedAt!)).toBeGreaterThan(Date.parse(target.updatedAt!));
		expect(s.getContact(target.id)!.status).toBe('INACTIVE');
		expect((await call(s, 'DELETE', '/contacts/000000000000000000000000')).status).toBe(400);
	});
});
