import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {request} from 'node:https';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {koreUrl, sandboxHeaders} from '../helpers/sandbox.js';

function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

function get(url: string, headers: Record<string, string>, ca?: string): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const req = request(url, {headers, ca}, res => {
			let body = '';
			res.on('data', (c: Buffer) => {
				body += c.toString('utf8');
			});
			res.on('end', () => resolve({status: res.statusCode ?? 0, body}));
		});
		req.on('error', reject);
		req.end();
	});
}

describe.skipIf(!hasOpenssl())('sandbox over HTTPS', () => {
	let dir = '';
	let cert = '';
	let sandbox: Sandbox;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'kc-tls-'));
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
			],
			{stdio: 'ignore'},
		);
		cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
		sandbox = await startSandbox({contactCount: 12, tls: {key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert}});
	});

	afterAll(async () => {
		await sandbox?.close();
		rmSync(dir, {recursive: true, force: true});
	});

	it('serves the API over https with the given certificate', async () => {
		expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		const res = await get(koreUrl(sandbox), await sandboxHeaders(sandbox), cert);
		expect(res.status).toBe(200);
		expect((JSON.parse(res.body) as {totalResults: number}).totalResults).toBe(12);
	});

	it('is refused by a client that does not trust the certificate', async () => {
		const res = new Promise((resolve, reject) => {
			const req = request(koreUrl(sandbox), {headers: {}}, resolve);
			req.on('error', reject);
			req.end();
		});
		await expect(res).rejects.toThrow(/self.signed|certificate/i);
	});
});
