import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Two cores: keep the pool small so pty and child-process tests are not starved.
		maxWorkers: 2,
		// Builds dist/cli.js first: the CLI and terminal tests run the bundle, what npx runs.
		globalSetup: ['test/helpers/build-bundle.ts'],
		// Never let a developer's real config, credentials or proxy leak into a test.
		setupFiles: ['test/helpers/isolate-env.ts'],
	},
});
