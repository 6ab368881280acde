import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Two cores: keep the pool small so pty and child-process tests are not starved.
		maxWorkers: 2,
		// Never let a developer's real config, credentials or proxy leak into a test.
		setupFiles: ['test/helpers/isolate-env.ts'],
	},
});
