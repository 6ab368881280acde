/**
 * The shape of a Kore.ai contact as the API returns it, and of what we send back.
 * Server data is untrusted: every field may be missing, null or of another type.
 */
export type CellPhone = {
	phoneNumber?: string | null;
	countryCode?: string | null;
	extension?: string | null;
};

export type Contact = {
	id: string;
	firstName?: string | null;
	lastName?: string | null;
	fullName?: string | null;
	salutation?: string | null;
	cellPhone?: CellPhone | null;
	status?: string | null;
	createdAt?: string | null;
	updatedAt?: string | null;
	[key: string]: unknown;
};

/** One page of `GET /contacts`. */
export type ContactPage = {
	results: Contact[];
	skip: number;
	limit: number;
	hasMore: boolean;
	totalPages?: number;
	totalResults?: number;
};

/**
 * The editable fields as the operator sees and edits them.
 * `phoneNumber` holds digits only, without the country code (the server returns countryCode+digits).
 */
export type ContactFields = {
	firstName: string;
	lastName: string;
	salutation: string;
	countryCode: string;
	phoneNumber: string;
	extension: string;
};

export type FieldName = keyof ContactFields;

/** The body of `PUT /contacts/{id}`: always all four documented fields, as in the documented sample. */
export type UpdateBody = {
	firstName: string;
	lastName: string;
	salutation: string;
	cellPhone: {
		phoneNumber: string;
		countryCode: string;
		extension: string;
	};
};
