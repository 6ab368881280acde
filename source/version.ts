// Kept in step with package.json by test/version.test.ts (a JSON import would pull package.json into the bundle).
export const VERSION = '0.1.0';
export const USER_AGENT = `kore-contacts/${VERSION}`;
