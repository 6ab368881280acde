export type Profile = {
	name: string;
	host: string;
	accountId: string;
	clientId: string;
	/** May be left out: then it comes from KORE_CLIENT_SECRET or a masked prompt. */
	clientSecret?: string;
	/** Production profiles: header shows PROTECTED, sending needs the contact ID's last 4 characters. */
	protected: boolean;
};

export type RecentStream = {id: string; nickname?: string; usedAt: string};
export type RecentContact = {id: string; label?: string; usedAt: string};
