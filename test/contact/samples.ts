import type {Contact} from '../../source/contact/contact.js';

/** The documented sample response of PUT /contacts/{id}. */
export const SAMPLE_RESPONSE: Contact = {
	firstName: 'john',
	lastName: 'doe',
	fullName: 'john doe',
	salutation: 'mr',
	cellPhone: {extension: '+', phoneNumber: '+9195501xxxxx', countryCode: '+91'},
	status: 'ACTIVE',
	instanceBotId: 'st-7dc994f0-4436-5134-9fa8-a942625xxxxx',
	accountId: '65f7d49a5dd06e2cefaxxxxx',
	address: [],
	twitterDetails: [],
	createdAt: '2024-06-28T05:24:07.218Z',
	updatedAt: '2026-01-09T05:55:58.158Z',
	id: '667e48f7c8b972fc691xxxxx',
};

/** The documented sample request body of PUT /contacts/{id}, as sent (key order matters for the comparison). */
export const SAMPLE_REQUEST = `{
    "firstName": "john",
    "lastName": "doe",
    "salutation": "mr",
    "cellPhone": {
        "phoneNumber": "95501xxxxx",
        "countryCode": "+91",
        "extension": "+"
    }
}`;
