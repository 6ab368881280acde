// Stands in for ajv-formats in the bundle: the settings schema is compiled at build time (see
// precompile-schema.mjs, which does load the real ajv-formats), so conf's call to add the formats
// to its (stand-in) ajv has nothing to do at run time.
function addFormats(ajv) {
	return ajv;
}

addFormats.default = addFormats;
export default addFormats;
