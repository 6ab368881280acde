import {sanitize} from '../contact/sanitize.js';

export type ConfirmationCheck = {ok: true} | {ok: false; message: string};

/**
 * The protected-profile guard, one rule for the editor and the commands: the contact ID typed in
 * full (surrounding spaces ignored). A confirmation given on an unprotected profile must match too
 * (a script's own guard). `typed` undefined: nothing was typed.
 */
export function checkContactConfirmation(input: {
	contactId: string;
	typed: string | undefined;
	protected: boolean;
	profileName?: string;
	/** How the front-end takes it: CLI {ask: 'with --confirm-contact', given: '--confirm-contact'}. */
	wording?: {ask: string; given: string};
}): ConfirmationCheck {
	const {contactId, typed} = input;
	if (!input.protected && typed === undefined) return {ok: true};
	if (typed?.trim() === contactId) return {ok: true};
	const {ask, given} = input.wording ?? {ask: 'in full', given: 'the ID typed'};
	const profile = input.profileName ? `Profile "${sanitize(input.profileName)}"` : 'This profile';
	return {
		ok: false,
		message:
			typed === undefined
				? `Nothing was sent: ${profile} is protected. Repeat the contact ID ${ask} to send.`
				: `Nothing was sent: ${given} does not match the contact ID ${sanitize(contactId)}${input.protected ? ` (${profile} is protected)` : ''}.`,
	};
}
