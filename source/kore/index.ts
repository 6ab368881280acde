export type {ClientOptions, FoundContact, KoreClient, KoreCredentials, RateLimitWait, RequestOptions} from './types.js';
export {createKoreClient, DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, DEFAULT_TIMEOUT_MS, type KoreClientOptions} from './client.js';
export {ContactFinder, SCAN_PAGE_SIZE} from './contacts.js';
export {describeError, isKoreError, KoreError, type KoreErrorKind} from './errors.js';
export {isLoopbackHost, normalizeHost} from './host.js';
export {mintJwt} from './jwt.js';
export {createDispatcher, proxyFor, redactProxyUrl} from './proxy.js';
export {DEFAULT_MAX_REQUESTS_PER_MINUTE, resetRateLimits} from './rate-limit.js';
