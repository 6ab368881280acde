import {describe, expect, it} from 'vitest';
import {
	errorFromNetwork,
	errorFromStatus,
	failedBeforeSending,
	isRateLimited,
	networkCode,
	parseBody,
	parseRetryAfter,
	type RequestContext,
} from '../../source/kore/classify.js';
import {describeError, isKoreError, KoreError, scrubSecrets, WITHHELD_MESSAGE, withoutSecrets} from '../../source/kore/errors.js';

const ctx: RequestContext = {
	method: 'GET',
	baseUrl: 'https://platform.kore.ai',
	streamId: 'st-1',
	timeoutMs: 15_000,
	secrets: ['the-client-secret'],
};
const putCtx: RequestContext = {...ctx, method: 'PUT', contactId: 'c-9'};

/** An error shaped like undici's: TypeError("fetch failed") wrapping the system error. */
function wrapped(code: string, message = `connect ${code}`): Error {
	return new TypeError('fetch failed', {cause: Object.assign(new Error(message), {code})});
}

describe('parseBody', () => {
	it('reads the error envelope', () => {
		const body = parseBody('{"errors":[{"msg":"Invalid SDK credentials","code":4002}]}');
		expect(body.messages).toEqual(['Invalid SDK credentials']);
		expect(body.codes).toEqual([4002]);
	});

	it.each(['', '<html><body>Bad gateway</body></html>', 'null', '[1,2]', '{"errors":"nope"}', '{"errors":[null, 3]}'])(
		'copes with %j',
		text => {
			const body = parseBody(text);
			expect(body.messages).toEqual([]);
		},
	);

	it('strips control characters and tokens from server messages', () => {
		const body = parseBody(
			JSON.stringify({errors: [{msg: 'bad\u001b[2J\u0007 token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl and the-client-secret'}]}),
			['the-client-secret'],
		);
		expect(body.messages[0]).not.toMatch(/[\u0000-\u001f]/);
		expect(body.messages[0]).not.toContain('eyJ');
		expect(body.messages[0]).not.toContain('the-client-secret');
	});

	it('recognises the rate-limit message whatever the status', () => {
		const body = parseBody(
			'{"errors":[{"msg":"You\'ve exceeded the per-minute rate limit. Please wait for sometime before retrying."}]}',
		);
		expect(isRateLimited(400, body)).toBe(true);
		expect(isRateLimited(429, parseBody(''))).toBe(true);
		expect(isRateLimited(500, parseBody(''))).toBe(false);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('1')).toBe(1000);
		expect(parseRetryAfter(' 12 ')).toBe(12_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:05 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(null)).toBeUndefined();
	});
});

describe('errorFromStatus', () => {
	const envelope = (msg: string, code = 4002) => parseBody(JSON.stringify({errors: [{msg, code}]}));

	it('401 with a scope message -> scope', () => {
		const error = errorFromStatus(401, envelope('Permission denied. Scope is incorrect!'), ctx);
		expect(error.kind).toBe('scope');
		expect(error.message).toContain(
			"lack the Contact Center 'Configuration' API scope: add it to the app in Kore.ai and publish",
		);
	});

	it('other 401 -> credentials, naming what to check and the server message', () => {
		const error = errorFromStatus(401, envelope('Invalid SDK credentials'), ctx);
		expect(error.kind).toBe('credentials');
		expect(error.code).toBe(4002);
		for (const word of ['host', 'account ID', 'client ID', 'client secret', 'stream ID', 'Invalid SDK credentials']) {
			expect(error.message).toContain(word);
		}
	});

	it('400 on a contact -> contact-not-found; 412 -> validation with the message verbatim', () => {
		expect(errorFromStatus(400, envelope('Record not found', 400), putCtx).kind).toBe('contact-not-found');
		const error = errorFromStatus(412, envelope('cellPhone.countryCode must match /^\\+\\d{1,4}$/', 412), putCtx);
		expect(error.kind).toBe('validation');
		expect(error.message).toContain('cellPhone.countryCode must match /^\\+\\d{1,4}$/');
		expect(error.serverMessage).toBe('cellPhone.countryCode must match /^\\+\\d{1,4}$/');
	});

	it('404 -> stream, 405 -> method, 5xx -> server', () => {
		expect(errorFromStatus(404, parseBody('<html>Not found</html>'), ctx).kind).toBe('stream');
		expect(errorFromStatus(405, parseBody(''), putCtx).kind).toBe('method');
		expect(errorFromStatus(503, parseBody(''), ctx)).toMatchObject({kind: 'server', outcomeUnknown: false});
		expect(errorFromStatus(500, parseBody(''), putCtx)).toMatchObject({kind: 'server', outcomeUnknown: true});
	});
});

describe('errorFromNetwork', () => {
	it('digs codes out of cause chains', () => {
		expect(networkCode(wrapped('ECONNREFUSED'))).toBe('ECONNREFUSED');
		expect(networkCode(new Error('x', {cause: new Error('y', {cause: wrapped('ENOTFOUND')})}))).toBe('ENOTFOUND');
		expect(failedBeforeSending(wrapped('ECONNREFUSED'))).toBe(true);
		expect(failedBeforeSending(wrapped('UND_ERR_SOCKET'))).toBe(false);
	});

	it('maps codes to kinds', () => {
		const kind = (error: unknown, c: RequestContext = ctx) => errorFromNetwork({error, timedOut: false, aborted: false}, c).kind;
		expect(kind(wrapped('ENOTFOUND'))).toBe('dns');
		expect(kind(wrapped('EAI_AGAIN'))).toBe('dns');
		expect(kind(wrapped('ECONNREFUSED'))).toBe('connection');
		expect(kind(wrapped('ECONNRESET'))).toBe('connection');
		for (const code of [
			'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			'SELF_SIGNED_CERT_IN_CHAIN',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'CERT_HAS_EXPIRED',
			'ERR_TLS_CERT_ALTNAME_INVALID',
			'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
		]) {
			expect(kind(wrapped(code))).toBe('tls');
		}
		const proxied = {...ctx, proxy: {variable: 'HTTPS_PROXY', display: 'http://proxy.corp:3128'}};
		expect(kind(wrapped('ECONNREFUSED'), proxied)).toBe('proxy');
		expect(kind(wrapped('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'), proxied)).toBe('proxy');
	});

	it('says how to fix a certificate problem', () => {
		const error = errorFromNetwork({error: wrapped('SELF_SIGNED_CERT_IN_CHAIN'), timedOut: false, aborted: false}, ctx);
		expect(error.message).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
		expect(error.message).toContain('platform.kore.ai');
	});

	it('a PUT that timed out has an unknown outcome and says how to check', () => {
		const error = errorFromNetwork({error: new Error('aborted'), timedOut: true, aborted: false}, putCtx);
		expect(error.kind).toBe('timeout');
		expect(error.outcomeUnknown).toBe(true);
		expect(error.message).toContain('15 s');
		expect(error.message).toContain('may or may not have been saved');
		expect(error.message).toContain('kore-contacts get --stream st-1 --contact c-9');
	});

	it('a GET that timed out says the limit and how to raise it', () => {
		const error = errorFromNetwork({error: new Error('aborted'), timedOut: true, aborted: false}, {...ctx, timeoutMs: 2500});
		expect(error).toMatchObject({kind: 'timeout', outcomeUnknown: false});
		expect(error.message).toContain('2.5 s');
		expect(error.message).toContain('--timeout');
	});

	it('a PUT refused before sending has a known outcome', () => {
		const error = errorFromNetwork({error: wrapped('ECONNREFUSED'), timedOut: false, aborted: false}, putCtx);
		expect(error.outcomeUnknown).toBe(false);
	});

	it('a cancelled request is aborted', () => {
		expect(errorFromNetwork({error: new Error('x'), timedOut: false, aborted: true}, ctx).kind).toBe('aborted');
	});
});

describe('KoreError and describeError', () => {
	it('never carries a JWT in its text', () => {
		const error = new KoreError({
			kind: 'server',
			what: 'bad eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImMifQ.sig-nat_ure',
			hint: 'x',
			serverMessage: 'eyJa.eyJb.c',
		});
		expect(error.message).not.toContain('eyJ');
		expect(error.serverMessage).not.toContain('eyJ');
		expect(isKoreError(error)).toBe(true);
		expect(isKoreError(new Error('x'))).toBe(false);
	});

	it('describes anything in one line without a stack', () => {
		expect(describeError(new KoreError({kind: 'dns', what: 'Could not find x', hint: 'Check it'}))).toBe(
			'Could not find x. Check it.',
		);
		const text = describeError(new Error('boom\n    at foo (file.js:1:1)'));
		expect(text).toBe('Something unexpected went wrong: boom.');
		expect(describeError(undefined)).toBe('Something unexpected went wrong.');
		expect(describeError('auth eyJa.eyJb.c')).not.toContain('eyJ');
	});
});

describe('secret redaction', () => {
	const credentialsError = (secret: string, serverText = 'Invalid SDK credentials') =>
		withoutSecrets(
			errorFromStatus(401, parseBody(JSON.stringify({errors: [{msg: serverText, code: 4002}]}), [secret]), {
				...ctx,
				secrets: [secret],
			}),
			[secret],
		);

	it('leaves our own sentences alone for a short secret that is an ordinary word', () => {
		const error = credentialsError('wrong');
		expect(error.message).toContain('and the stream ID: a wrong stream also gives 401');
		expect(error.message).not.toContain('[secret]');
		expect(error.message).toContain('"Invalid SDK credentials"');
	});

	it('withholds a server message that contains a short secret instead of cutting the secret out', () => {
		const error = credentialsError('hunter2', 'bad secret hunter2 for app');
		expect(error.message).not.toContain('hunter2');
		expect(error.message).not.toContain('bad secret');
		expect(error.message).toContain(WITHHELD_MESSAGE);
		expect(error.serverMessage).toBe(WITHHELD_MESSAGE);
		expect(error.message).toContain('a wrong stream also gives 401');
		expect(scrubSecrets('the wrong answer', ['wrong'])).toBe(WITHHELD_MESSAGE);
		expect(scrubSecrets('nothing here', ['wrong'])).toBe('nothing here');
	});

	it('replaces a long secret wherever a server echoes it, keeping the rest of the message', () => {
		const secret = 'kc-secret-Xr7Lq2';
		const error = credentialsError(secret, `secret ${secret} rejected`);
		expect(error.message).toContain('"secret [secret] rejected"');
		expect(error.serverMessage).toBe('secret [secret] rejected');
		expect(scrubSecrets(`a ${secret} b ${secret}`, [secret])).toBe('a [secret] b [secret]');
	});

	it('last line of defence: a server message carried into the error unscrubbed is still redacted', () => {
		for (const secret of ['wrong', 'kc-secret-Xr7Lq2']) {
			const raw = new KoreError({
				kind: 'server',
				what: `Kore.ai answered with a server error (500: "echo ${secret} here")`,
				hint: 'Try again; a wrong answer is possible',
				serverMessage: `echo ${secret} here`,
			});
			const error = withoutSecrets(raw, [secret]);
			expect(error.serverMessage).not.toContain(secret);
			expect(error.summary).not.toContain(`echo ${secret}`);
			expect(error.hint).toBe('Try again; a wrong answer is possible');
		}
	});

	it('redacts a secret echoed as a quoted value (pasted into the wrong field), short or long', () => {
		for (const secret of ['s3cr', 'a-long-client-secret']) {
			const error = withoutSecrets(
				new KoreError({kind: 'stream', what: `No stream '${secret}' here`, hint: 'Check the stream ID'}),
				[secret],
			);
			expect(error.message).toBe("No stream '[secret]' here. Check the stream ID.");
		}
		// A long secret is redacted anywhere, even unquoted (it cannot be an ordinary word).
		const host = withoutSecrets(
			new KoreError({kind: 'bad-host', what: 'The host https://a-long-client-secret/x is bad', hint: ''}),
			['a-long-client-secret'],
		);
		expect(host.message).not.toContain('a-long-client-secret');
	});

	it('returns the same error when no secret occurs', () => {
		const error = new KoreError({kind: 'dns', what: 'Could not find x', hint: 'Check it'});
		expect(withoutSecrets(error, ['wrong'])).toBe(error);
		expect(withoutSecrets(error, [])).toBe(error);
	});
});
