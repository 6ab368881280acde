// Stands in for semver in the bundle. conf uses semver only for its `migrations` option, keyed by
// package version; source/store migrates its own `version` field and never passes `migrations`.
function leftOut() {
	throw new Error('semver is left out of the kore-contacts bundle (conf migrations are not used).');
}

export default {eq: leftOut, clean: leftOut, satisfies: leftOut, lte: leftOut, gt: leftOut, valid: leftOut};
