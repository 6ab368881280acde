import {describe, expect, it} from 'vitest';
import {checkContactConfirmation} from '../../source/core/confirmation.js';

const contactId = '65cd9f73d745a7c0c7e80dfd';

describe('checkContactConfirmation (the protected rule of the editor and the commands)', () => {
	it('asks nothing on an unprotected profile', () => {
		expect(checkContactConfirmation({contactId, typed: undefined, protected: false})).toEqual({ok: true});
	});

	it('on a protected profile wants the contact ID in full: its last characters are not enough', () => {
		expect(checkContactConfirmation({contactId, typed: ` ${contactId} `, protected: true})).toEqual({ok: true});
		const short = checkContactConfirmation({contactId, typed: contactId.slice(-4), protected: true, profileName: 'prod'});
		expect(short).toEqual({
			ok: false,
			message: `Nothing was sent: the ID typed does not match the contact ID ${contactId} (Profile "prod" is protected).`,
		});
		const missing = checkContactConfirmation({
			contactId,
			typed: undefined,
			protected: true,
			profileName: 'prod',
			wording: {ask: 'with --confirm-contact', given: '--confirm-contact'},
		});
		expect(missing).toEqual({
			ok: false,
			message: 'Nothing was sent: Profile "prod" is protected. Repeat the contact ID with --confirm-contact to send.',
		});
	});

	it("a confirmation given on an unprotected profile must match too (a script's own guard)", () => {
		expect(checkContactConfirmation({contactId, typed: 'someone-else', protected: false}).ok).toBe(false);
	});
});
