import {describe, expect, it} from 'vitest';
import {isKoreError} from '../../source/kore/errors.js';
import {isLoopbackHost, normalizeHost} from '../../source/kore/host.js';

function badHost(input: string): string {
	try {
		normalizeHost(input);
	} catch (error) {
		if (isKoreError(error) && error.kind === 'bad-host') return error.message;
		throw error;
	}
	throw new Error(`accepted ${input}`);
}

describe('normalizeHost', () => {
	it.each([
		['platform.kore.ai', 'https://platform.kore.ai'],
		['https://platform.kore.ai', 'https://platform.kore.ai'],
		['https://platform.kore.ai/', 'https://platform.kore.ai'],
		['  DE-Platform.Kore.AI  ', 'https://de-platform.kore.ai'],
		['jp-platform.kore.ai/', 'https://jp-platform.kore.ai'],
		['https://kore.example.com:8443', 'https://kore.example.com:8443'],
		['https://kore.example.com:443/', 'https://kore.example.com'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['10.0.0.5', 'https://10.0.0.5'],
	])('accepts %j as %s', (input, expected) => {
		expect(normalizeHost(input)).toBe(expected);
	});

	it('rejects plain http for a non-loopback host, naming it', () => {
		const message = badHost('http://platform.kore.ai');
		expect(message).toContain("'http://platform.kore.ai'");
		expect(message).toMatch(/https:\/\//);
	});

	it('rejects a path, query or fragment', () => {
		expect(badHost('https://platform.kore.ai/agentassist/api/v1')).toMatch(/path/);
		expect(badHost('platform.kore.ai/api')).toContain("'platform.kore.ai/api'");
		expect(badHost('https://platform.kore.ai/?x=1')).toMatch(/path/);
	});

	it.each([
		'',
		'   ',
		'ftp://platform.kore.ai',
		'https://',
		'!!!',
		'foo bar',
		'https://a..b',
		'platform.kore.ai\u001b[31m',
		'https://user:pw@platform.kore.ai',
	])('rejects garbage %j', input => {
		const message = badHost(input);
		expect(message.length).toBeGreaterThan(10);
		expect(message).not.toContain('\u001b');
		expect(message).not.toContain('pw@');
	});

	it('knows loopback hosts', () => {
		expect(isLoopbackHost('127.0.0.1')).toBe(true);
		expect(isLoopbackHost('127.1.2.3')).toBe(true);
		expect(isLoopbackHost('localhost')).toBe(true);
		expect(isLoopbackHost('[::1]')).toBe(true);
		expect(isLoopbackHost('128.0.0.1')).toBe(false);
		expect(isLoopbackHost('localhost.evil.com')).toBe(false);
	});
});
