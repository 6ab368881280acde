// Turns the settings file's JSON schema (source/store/schema.ts) into a standalone ajv validator at
// build time, so the bundle carries neither ajv, ajv-formats nor fast-uri (~150 KiB minified) and
// nothing is compiled at start-up. The bundle's stand-in for 'ajv/dist/2020.js' hands conf this
// validator when conf asks to compile exactly this schema (see ajv-2020.js).
import path from 'node:path';
import {build} from 'esbuild';
import {Ajv2020} from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** The validator module's source, and the schema it was compiled from (as JSON). */
export async function precompileSchema(root) {
	// schema.ts is TypeScript: bundle it (and its imports) into memory, then import it as data.
	const result = await build({
		entryPoints: [path.join(root, 'source', 'store', 'schema.ts')],
		bundle: true,
		write: false,
		platform: 'node',
		format: 'esm',
		packages: 'external',
		logLevel: 'warning',
	});
	const code = result.outputFiles[0].text;
	const {configSchema, configRootSchema} = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

	// Exactly what conf 15 does in #setupValidator (node_modules/conf/dist/source/index.js).
	const schema = {...configRootSchema, type: 'object', properties: configSchema};
	const ajv = new Ajv2020({allErrors: true, useDefaults: true, code: {source: true, esm: true}});
	(ajvFormatsModule.default ?? ajvFormatsModule)(ajv);
	const validate = ajv.compile(schema);
	return {source: standaloneCode.default(ajv, validate), schemaJson: JSON.stringify(schema)};
}
