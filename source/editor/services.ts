import type {KoreClient, KoreCredentials, RateLimitWait} from '../kore/types.js';
import type {Store} from '../store/types.js';

/** What the editor is given from outside: the settings, the environment and the client factory, and how it starts. */
export type EditorServices = {
	store: Store;
	env: NodeJS.ProcessEnv;
	createClient: (
		credentials: KoreCredentials,
		hooks: {onRateLimitWait: (w: RateLimitWait) => void; profileName?: string | undefined},
	) => KoreClient;
	/** false with NO_COLOR / TERM=dumb. */
	color: boolean;
	/** Shows a visible DEMO banner. */
	/** Demo mode: the banner, and the sandbox's address (the only host it may talk to). */
	demo?: {banner: string; host?: string};
	/** Start with this profile (demo uses its profile); the profile list stays one Esc away. */
	initialProfile?: string;
	/** --resume: open the unsent draft's question at once, or say that there is none. */
	resume?: boolean;
	/**
	 * --stream [--contact]: with the credentials resolved at start (no profile screen when they are
	 * complete), open this stream's list and this contact's card.
	 */
	link?: EditorLink;
};

export type EditorLink = {streamId: string; contactId?: string};

/** How the editor starts, as the command line asks for it. */
export type EditorStart = {
	demo: boolean;
	profile?: string;
	resume?: boolean;
	/** Time limit per request (`--timeout`); the client's default otherwise. */
	timeoutMs?: number;
	/** --host, --account-id, --client-id: over the KORE_* variables and the profile, as for the commands. */
	credentials?: {host?: string; accountId?: string; clientId?: string};
	/** --stream [--contact]: open this stream's list (and this contact's card) once the session is ready. */
	link?: EditorLink;
};
