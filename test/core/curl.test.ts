import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {Contact} from '../../source/contact/contact.js';
import {curlCommand, shellQuote} from '../../source/core/curl.js';
import {prepareUpdate} from '../../source/core/prepare.js';

const loaded: Contact = {
	id: 'c/1 x',
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	cellPhone: {phoneNumber: '+919550100001', countryCode: '+91', extension: '+'},
};

function prepared(edits: Parameters<typeof prepareUpdate>[0]['edits'], contact = loaded) {
	const result = prepareUpdate({streamId: 'st-1', loaded: contact, edits});
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.update;
}

/** What a POSIX shell makes of a command line: runs it through sh with `printf '%s\0'` for each word. */
function shellWords(command: string): string[] {
	const replaced = command.replace(/^curl /, "printf '%s\\0' ");
	const result = spawnSync('sh', ['-c', replaced], {encoding: 'utf8', env: {PATH: process.env['PATH'] ?? '', KORE_JWT: 'TOKEN'}});
	return result.stdout.split('\0').slice(0, -1);
}

describe('curlCommand', () => {
	it('is the same PUT: URL, headers, $KORE_JWT and the exact body', () => {
		const update = prepared({lastName: "O'Brien"});
		const command = curlCommand('https://platform.kore.ai/', '65f7d49a5dd06e2cefa0d3b1', update);
		const words = shellWords(command);
		expect(words.slice(0, 3)).toEqual([
			'--request',
			'PUT',
			'https://platform.kore.ai/agentassist/api/v1/public/st-1/contacts/c%2F1%20x',
		]);
		expect(words).toContain('accountId: 65f7d49a5dd06e2cefa0d3b1');
		expect(words).toContain('auth: TOKEN');
		expect(words).toContain('Content-Type: application/json');
		const body = words.at(-1)!;
		expect(words.at(-2)).toBe('--data');
		expect(JSON.parse(body)).toEqual(update.body);
		expect(command).toContain('"auth: $KORE_JWT"');
	});

	it('escapes characters a terminal would act on, and JSON keeps the same text', () => {
		const hostile: Contact = {...loaded, firstName: 'Eve\u009b31m\u202e'};
		const update = prepared({salutation: 'Dr'}, hostile);
		const command = curlCommand('https://platform.kore.ai', 'acc', update);
		expect(command).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
		const body = shellWords(command).at(-1)!;
		expect(JSON.parse(body).firstName).toBe('Eve\u009b31m\u202e');
	});

	it('shellQuote survives quotes and spaces', () => {
		expect(shellWords(`curl ${shellQuote("a 'b' c")}`)).toEqual(["a 'b' c"]);
	});
});
