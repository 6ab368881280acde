import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {useSandbox} from '../helpers/sandbox.js';
import {runCli} from '../helpers/run-cli.js';
import {CONTROL_CHARACTERS, sandboxEnv} from './helpers.js';
import {runInProcess} from './in-process.js';

const sandbox = useSandbox({rateLimitPerMinute: 0});

describe('kore-contacts list', () => {
	it('prints an aligned table at 80 columns, cut by display width, without control characters', async () => {
		const sb = sandbox();
		sb.editContact(sb.contacts()[3]!.id, {firstName: '山田山田山田山田山田', lastName: '太郎太郎太郎🙂🙂'});
		const result = await runCli(['list', '--stream', sb.streamId, '--limit', '150'], {env: sandboxEnv(sb)});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);

		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Name\s+Phone\s+Salutation\s+ID$/);
		expect(lines.at(-1)).toBe('showing 1–150 of 150');
		const rows = lines.slice(1, -1);
		expect(rows).toHaveLength(150);
		const ids = sb.contacts().map(c => c.id);
		const idColumn = stringWidth(lines[0]!.slice(0, lines[0]!.indexOf('ID')));
		rows.forEach((row, i) => {
			expect(stringWidth(row)).toBeLessThanOrEqual(80);
			const at = row.lastIndexOf(ids[i]!);
			expect(at).toBeGreaterThan(0);
			expect(stringWidth(row.slice(0, at))).toBe(idColumn);
		});
		// The wide name was cut with '…' by display width, so its row still lines up.
		expect(rows[3]).toMatch(/^山田.*…/);
		// Names with escape sequences in the seed are shown as plain text.
		expect(result.stdout).toContain('Mallory');
	});

	it('--json gives {results, skip, limit, hasMore, totalResults}, paging past the server page size', async () => {
		const sb = sandbox();
		const [late, big] = await Promise.all([
			runCli(['list', '--stream', sb.streamId, '--skip', '140', '--limit', '20', '--json'], {env: sandboxEnv(sb)}),
			runInProcess(['list', '--stream', sb.streamId, '--limit', '60', '--json'], {env: sandboxEnv(sb)}),
		]);
		expect(late.code).toBe(0);
		const json = JSON.parse(late.stdout);
		expect(Object.keys(json)).toEqual(['results', 'skip', 'limit', 'hasMore', 'totalResults']);
		expect(json).toMatchObject({skip: 140, limit: 20, hasMore: false, totalResults: 150});
		expect(json.results.map((c: {id: string}) => c.id)).toEqual(
			sb
				.contacts()
				.slice(140)
				.map(c => c.id),
		);
		// The JSON keeps the stored data exactly (escape sequences are \u escapes, not raw).
		expect(late.stdout).not.toMatch(CONTROL_CHARACTERS);

		expect(big.code).toBe(0);
		const bigJson = JSON.parse(big.stdout);
		expect(bigJson.results).toHaveLength(60);
		expect(bigJson).toMatchObject({skip: 0, limit: 60, hasMore: true, totalResults: 150});
		expect(bigJson.results).toEqual(sb.contacts().slice(0, 60));
	});

	it('rejects a bad --limit with exit 2 before sending anything', async () => {
		const sb = sandbox();
		const result = await runInProcess(['list', '--stream', sb.streamId, '--limit', '0'], {env: sandboxEnv(sb)});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("option '--limit <n>' argument '0' is invalid");
		expect(result.stderr).toContain('kore-contacts list --help');
		expect(sb.requests).toEqual([]);
	});
});
