/** An answer in Kore's error envelope: `{"errors":[{"msg","code"}]}`. */
export class SandboxHttpError extends Error {
	readonly status: number;
	readonly code: number;
	readonly headers: Record<string, string>;

	constructor(status: number, msg: string, options: {code?: number; headers?: Record<string, string>} = {}) {
		super(msg);
		this.name = 'SandboxHttpError';
		this.status = status;
		this.code = options.code ?? status;
		this.headers = options.headers ?? {};
	}
}

export type ErrorEnvelope = {errors: Array<{msg: string; code: number}>};

export function envelope(msg: string, code: number): ErrorEnvelope {
	return {errors: [{msg, code}]};
}

/** Kore's answers for credentials (bad/missing JWT, wrong account, wrong stream) and scope. */
export const INVALID_CREDENTIALS = 'Invalid SDK credentials';
export const SCOPE_INCORRECT = 'Permission denied. Scope is incorrect!';
export const AUTH_CODE = 4002;
