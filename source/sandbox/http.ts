import type {IncomingMessage, ServerResponse} from 'node:http';
import {SandboxHttpError, envelope} from './errors.js';

/** What a route answers; `afterSend` runs synchronously right after the response is handed to the socket. */
export type Reply = {
	status: number;
	/** JSON-serialised unless `raw` is set. */
	body?: unknown;
	/** Sent as is (fault bodies may be anything, even half a JSON document). */
	raw?: string;
	headers?: Record<string, string>;
	afterSend?: () => void;
};

const MAX_BODY = 1024 * 1024;

export function errorReply(error: SandboxHttpError): Reply {
	return {status: error.status, body: envelope(error.message, error.code), headers: error.headers};
}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new SandboxHttpError(413, 'The request body is larger than 1 MB.'));
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Parses a JSON request body. `strict`: Content-Type must be application/json, as the docs require. */
export function parseJsonBody(req: IncomingMessage, text: string, strict: boolean): unknown {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	if (strict && type !== 'application/json') {
		throw new SandboxHttpError(400, 'Send the body as JSON with the header Content-Type: application/json.');
	}
	if (text.trim() === '') throw new SandboxHttpError(400, 'The request body is empty: send the fields as JSON.');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new SandboxHttpError(400, 'The request body is not valid JSON.');
	}
}

function serialise(reply: Reply): {payload: Buffer; headers: Record<string, string>} {
	const headers: Record<string, string> = {...reply.headers};
	const hasType = Object.keys(headers).some(k => k.toLowerCase() === 'content-type');
	let text = '';
	if (reply.raw !== undefined) {
		text = reply.raw;
		if (!hasType) headers['Content-Type'] = looksLikeJson(text) ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
	} else if (reply.body !== undefined) {
		text = JSON.stringify(reply.body);
		if (!hasType) headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	const payload = Buffer.from(text, 'utf8');
	headers['Content-Length'] = String(payload.length);
	return {payload, headers};
}

function looksLikeJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Writes the reply. `dropMidway`: headers (with the full Content-Length) and half the body, then the
 * socket is destroyed — what a connection cut mid-response looks like to the client.
 */
export function sendReply(res: ServerResponse, reply: Reply, options: {dropMidway?: boolean} = {}): void {
	if (res.destroyed || res.writableEnded) return;
	const {payload, headers} = serialise(reply);
	res.writeHead(reply.status, headers);
	if (options.dropMidway) {
		res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
		return;
	}
	res.end(payload);
	reply.afterSend?.();
}
