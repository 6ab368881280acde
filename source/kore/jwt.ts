import {randomUUID} from 'node:crypto';
import {SignJWT} from 'jose';

const DEFAULT_SUBJECT = 'kore-contacts';
/** Lifetime of each token: well inside the 1 hour "Enforce JTI" allows. */
const JWT_LIFETIME_SECONDS = 300;

type JwtInput = {clientId: string; clientSecret: string; subject?: string};

/**
 * A fresh HS256 token for one request: `appId` = client ID, `sub`, `iat`, `exp` = iat + 300
 * and a random `jti`, so it works whether or not the app enforces JTI.
 */
export async function mintJwt({clientId, clientSecret, subject}: JwtInput): Promise<string> {
	const iat = Math.floor(Date.now() / 1000);
	return new SignJWT({appId: clientId})
		.setProtectedHeader({alg: 'HS256', typ: 'JWT'})
		.setSubject(subject || DEFAULT_SUBJECT)
		.setIssuedAt(iat)
		.setExpirationTime(iat + JWT_LIFETIME_SECONDS)
		.setJti(randomUUID())
		.sign(new TextEncoder().encode(clientSecret));
}
