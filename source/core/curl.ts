import {toSafeJson} from '../output/json.js';
import type {PreparedUpdate} from './prepare.js';

/** Quotes one word for a POSIX shell (single quotes; a ' inside becomes '\''). */
export function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The same PUT as a curl command, for a runbook or a ticket. The token is `$KORE_JWT` (mint one
 * yourself): never a real token, never the client secret. The body is pretty JSON in single
 * quotes, with characters a terminal could act on escaped.
 */
export function curlCommand(
	baseUrl: string,
	accountId: string,
	update: Pick<PreparedUpdate, 'streamId' | 'contactId' | 'body'>,
): string {
	const base = baseUrl.replace(/\/+$/, '');
	const url = `${base}/agentassist/api/v1/public/${encodeURIComponent(update.streamId)}/contacts/${encodeURIComponent(update.contactId)}`;
	return [
		`curl --request PUT ${shellQuote(url)} \\`,
		`  --header 'Content-Type: application/json' \\`,
		`  --header ${shellQuote(`accountId: ${accountId}`)} \\`,
		`  --header "auth: $KORE_JWT" \\`,
		`  --data ${shellQuote(toSafeJson(update.body))}`,
	].join('\n');
}
