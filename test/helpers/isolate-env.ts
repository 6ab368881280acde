// Runs before every test file: no test may read or write the developer's real settings, or go
// through a proxy that happens to be set on the machine. Tests that want these set them themselves.
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env['KORE_CONTACTS_CONFIG_DIR'] = mkdtempSync(path.join(os.tmpdir(), 'kc-test-config-'));
for (const name of [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'NO_PROXY',
	'http_proxy',
	'https_proxy',
	'no_proxy',
	'KORE_HOST',
	'KORE_ACCOUNT_ID',
	'KORE_CLIENT_ID',
	'KORE_CLIENT_SECRET',
	'KORE_PROFILE',
]) {
	delete process.env[name];
}
