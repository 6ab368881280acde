export {startSandbox, OTHER_EDITOR} from './server.js';
export {SANDBOX_DEFAULTS, RATE_LIMIT_MESSAGE} from './defaults.js';
export {seedContacts, composeFullName, plainContacts, type SeedOptions} from './seed.js';
export type {Sandbox, SandboxOptions, RecordedRequest, Faults, FaultSpec, FaultCommon, FaultMethod} from './types.js';
