import {decodeProtectedHeader, jwtVerify} from 'jose';
import {describe, expect, it} from 'vitest';
import {mintJwt} from '../../source/kore/jwt.js';

const secret = 'a-test-secret-of-some-length-123';
const key = new TextEncoder().encode(secret);

describe('mintJwt', () => {
	it('signs HS256 with appId, sub, iat, exp = iat + 300 and a jti', async () => {
		const before = Math.floor(Date.now() / 1000);
		const token = await mintJwt({clientId: 'cs-123', clientSecret: secret, subject: 'someone'});
		const {payload, protectedHeader} = await jwtVerify(token, key, {algorithms: ['HS256']});
		expect(protectedHeader.alg).toBe('HS256');
		expect(payload['appId']).toBe('cs-123');
		expect(payload.sub).toBe('someone');
		expect(payload.iat).toBeGreaterThanOrEqual(before);
		expect(payload.exp).toBe(payload.iat! + 300);
		expect(payload.jti).toMatch(/^[\da-f-]{36}$/);
	});

	it('defaults sub to kore-contacts', async () => {
		const {payload} = await jwtVerify(await mintJwt({clientId: 'c', clientSecret: secret}), key);
		expect(payload.sub).toBe('kore-contacts');
	});

	it('does not verify with another secret', async () => {
		const token = await mintJwt({clientId: 'c', clientSecret: secret});
		await expect(jwtVerify(token, new TextEncoder().encode('another-secret-xxxxxxxx'))).rejects.toThrow();
		expect(decodeProtectedHeader(token).typ).toBe('JWT');
	});

	it('is fresh every time (a new jti)', async () => {
		const tokens = await Promise.all(Array.from({length: 5}, () => mintJwt({clientId: 'c', clientSecret: secret})));
		const jtis = await Promise.all(tokens.map(async t => (await jwtVerify(t, key)).payload.jti));
		expect(new Set(jtis).size).toBe(5);
	});
});
