// Reliability matrix, input rows (docs/reliability.md): what an operator types or pastes into
// `kore-contacts update`. Every bad value: exit 2, a sentence saying what to type, nothing sent.
import {describe, expect, it} from 'vitest';
import {runInProcess} from '../commands/in-process.js';
import {runCli} from '../helpers/run-cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {expectCleanFailure, plainContactFrom, sandboxEnv} from './helpers.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

type Case = {flags: string[]; says: Array<string | RegExp>};

/**
 * Runs each case against its own contact, all at once (the first `children` of them as real
 * child processes, the rest in process), and checks the promise: exit 2, the flag named, the
 * message saying what to do, nothing on stdout, no PUT, the contact untouched.
 */
async function expectRefused(cases: Case[], children = 1): Promise<void> {
	const sb = sandbox();
	const contacts = cases.map((_, i) => plainContactFrom(sb, 10 + i * 3).contact);
	const results = await Promise.all(
		cases.map((c, i) => {
			const args = ['update', '--stream', sb.streamId, '--contact', contacts[i]!.id, ...c.flags, '--yes'];
			return i < children ? runCli(args, {env: sandboxEnv(sb)}) : runInProcess(args, {env: sandboxEnv(sb)});
		}),
	);
	results.forEach((result, i) => {
		const label = JSON.stringify(cases[i]!.flags);
		expectCleanFailure(result, 2, sb.clientSecret);
		expect(result.stdout, label).toBe('');
		expect(result.stderr, label).toMatch(/Nothing was sent/);
		for (const said of cases[i]!.says) {
			if (typeof said === 'string') expect(result.stderr, label).toContain(said);
			else expect(result.stderr, label).toMatch(said);
		}
		expect(sb.getContact(contacts[i]!.id), label).toEqual(contacts[i]);
	});
	expect(sb.requests.filter(r => r.method === 'PUT')).toEqual([]);
}

describe('invalid input to update', () => {
	it('invalid phone numbers: letters, too few or too many digits, a country code typed into the number', async () => {
		await expectRefused(
			[
				{
					flags: ['--phone', '95501-OOOO1'],
					says: [
						"--phone (Phone number): Phone number may contain digits only (spaces and dashes are fine): found 'O'. Type just the digits, e.g. 95501 00001.",
					],
				},
				{flags: ['--phone', 'call me'], says: ["found 'c'"]},
				{flags: ['--phone', '12'], says: ['Phone number has 2 digits; a cell number has 4 to 15 digits.']},
				{flags: ['--phone', '1234567890123456'], says: ['Phone number has 16 digits; a cell number has 4 to 15 digits.']},
				{flags: ['--phone', '95501+00001'], says: ['+ may only start an international number']},
				{
					flags: ['--phone', '91 95501 00001', '--country-code', '+91'],
					says: ['type only the digits after it (9550100001), or paste the whole number with + (+91 9550100001)'],
				},
				{
					flags: ['--phone', '+44 7700 900123', '--country-code', '+91'],
					says: ['The number is for +44 but --country-code says +91'],
				},
			],
			1,
		);
	});

	it('a country code without + (or otherwise malformed) is refused before anything is read or sent', async () => {
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 40);
		const args = (code: string) => ['update', '--stream', sb.streamId, '--contact', contact.id, '--country-code', code, '--yes'];
		const [plain, zeros, long] = await Promise.all([
			runCli(args('91'), {env: sandboxEnv(sb)}),
			runInProcess(args('0044'), {env: sandboxEnv(sb)}),
			runInProcess(args('+12345'), {env: sandboxEnv(sb)}),
		]);
		for (const result of [plain, zeros, long]) {
			expectCleanFailure(result, 2, sb.clientSecret);
			expect(result.stderr).toMatch(/^Nothing was sent\. --country-code: /);
		}
		expect(plain.stderr).toContain('Country code needs a leading +: type +91.');
		expect(zeros.stderr).toContain('Country code starts with +, not 00: type +44.');
		expect(long.stderr).toContain("Country code starts with + and has 1 to 4 digits, e.g. +91: found '+12345'.");
		// Refused from the arguments alone: not even the contact was read.
		expect(sb.requests).toEqual([]);
	});

	it('an empty or whitespace-only first name', async () => {
		await expectRefused(
			[
				{flags: ['--first-name', ''], says: ["--first-name (First name): First name can't be empty: type at least one letter."]},
				{flags: ['--first-name', '   '], says: ["First name can't be empty"]},
				{flags: ['--first-name', '\t \u00a0'], says: ["First name can't be empty"]},
				{flags: ['--last-name', '...'], says: ['Last name has no letters: type the name, e.g. Doe.']},
			],
			0,
		);
	});

	it('pasted text with newlines and tabs in a name (a phone pasted across lines is read as its digits)', async () => {
		await expectRefused(
			[
				{
					flags: ['--first-name', 'Ada\nLovelace'],
					says: ['--first-name (First name): First name contains a line break: retype it on one line'],
				},
				{flags: ['--last-name', 'Love\tlace'], says: ['Last name contains a tab: retype it on one line']},
				{flags: ['--first-name', 'Ada\r\nByron'], says: ['First name contains a line break']},
				{flags: ['--last-name', 'Byron\u2028King'], says: ['Last name contains an invisible character (U+2028)']},
				{flags: ['--salutation', 'Dr\u001b[31m'], says: ['Salutation contains an invisible character (U+001B)']},
			],
			1,
		);

		// Whitespace inside a phone number is only formatting: the digits are what is sent, once.
		const sb = sandbox();
		const {contact} = plainContactFrom(sb, 60);
		const result = await runInProcess(
			[
				'update',
				'--stream',
				sb.streamId,
				'--contact',
				contact.id,
				'--phone',
				'95501\n00001\t',
				'--country-code',
				'+91',
				'--yes',
				'--json',
			],
			{env: sandboxEnv(sb)},
		);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout).body.cellPhone).toEqual({
			phoneNumber: '9550100001',
			countryCode: '+91',
			extension: contact.cellPhone?.extension ?? '',
		});
		expect(sb.requests.filter(r => r.method === 'PUT')).toHaveLength(1);
	});

	it('very long input: a 10,000-character name, 5,000 digits, a long extension', async () => {
		await expectRefused(
			[
				{
					flags: ['--first-name', 'A'.repeat(10_000)],
					says: ['First name is 10000 characters long; the limit is 100: shorten it.'],
				},
				{
					flags: ['--last-name', `${'é'.repeat(100)}x`],
					says: ['Last name is 101 characters long; the limit is 100: shorten it.'],
				},
				{flags: ['--phone', '9'.repeat(5_000)], says: ['Phone number has 5000 digits; a cell number has 4 to 15 digits.']},
				{
					flags: ['--extension', `+${'1'.repeat(40)}`],
					says: ['Extension is 41 characters long; the limit is 10: shorten it, e.g. +91.'],
				},
			],
			0,
		);
	});
});
