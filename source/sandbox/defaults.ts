/** The sandbox's built-in settings; demo mode and `kore-contacts sandbox` use them too. */
export const SANDBOX_DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	streamId: 'st-5a1e0c9d-4b7a-5c3e-9f21-0d6b8e4a7c10',
	accountId: '65f7d49a5dd06e2cefa0d3b1',
	clientId: 'cs-8b2f6a1e-3c4d-5e6f-a7b8-c9d0e1f2a3b4',
	/** Public on purpose: it only ever unlocks this local sandbox. */
	clientSecret: 'sandbox-secret-not-for-production-2f9c',
	contactCount: 150,
	defaultPageSize: 10,
	maxPageSize: 50,
	rateLimitPerMinute: 60,
	/** Kore documents no maximum for PUT /contacts/bulk-update: this is the sandbox's own choice. */
	bulkMaxRecords: 100,
	orgId: 'o-3c1d9a7e-52b4-5e8f-a0c6-7d2e9b14f5a8',
} as const;

/** Kore's documented rate-limit message. */
export const RATE_LIMIT_MESSAGE = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
