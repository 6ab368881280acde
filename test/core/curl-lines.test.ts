import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {compactCurlBody, fitShellLines} from '../../source/core/curl-lines.js';

/** What a POSIX shell makes of the lines: the words `printf` receives. */
function shellWords(lines: string[]): string {
	return execFileSync('sh', ['-c', `printf '%s|' ${lines.join('\n')}`], {encoding: 'utf8'});
}

describe('fitShellLines', () => {
	const url =
		"'https://platform.kore.ai/agentassist/api/v1/public/st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10/contacts/667e48f7c8b972fc69100001'";

	it('leaves short lines alone', () => {
		expect(fitShellLines(['curl a \\', "  --data 'x'"], 60)).toEqual(['curl a \\', "  --data 'x'"]);
	});

	it('splits a long quoted word into pieces the shell joins back', () => {
		const lines = [`curl --request PUT ${url} \\`, "  --header 'Content-Type: application/json'"];
		const fitted = fitShellLines(lines, 59);
		expect(fitted.length).toBeGreaterThan(2);
		for (const line of fitted) {
			expect(line.length).toBeLessThanOrEqual(59);
		}

		expect(shellWords(fitted)).toBe(shellWords(lines));
		expect(shellWords(fitted)).toContain(
			'https://platform.kore.ai/agentassist/api/v1/public/st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10/contacts/667e48f7c8b972fc69100001|',
		);
	});
});

describe('compactCurlBody', () => {
	it('puts a pretty JSON body on one line that the shell passes on as the same JSON', () => {
		const lines = [
			"curl --request PUT 'https://h/x' \\",
			"  --header 'Content-Type: application/json' \\",
			"  --data '{",
			'  "firstName": "O\'\\\'\'Brien",',
			'  "cellPhone": {',
			'    "phoneNumber": "95501"',
			'  }',
			"}'",
		];
		const compact = compactCurlBody(lines);
		expect(compact).toHaveLength(3);
		const body = (words: string) => JSON.parse(words.split('|').at(-2)!) as unknown;
		expect(body(shellWords(compact))).toEqual({firstName: "O'Brien", cellPhone: {phoneNumber: '95501'}});
		expect(body(shellWords(compact))).toEqual(body(shellWords(lines)));
	});

	it('leaves a command without a body alone', () => {
		expect(compactCurlBody(['curl x'])).toEqual(['curl x']);
	});
});
