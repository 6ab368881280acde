#!/usr/bin/env node
// The reference app after opening a settings folder the way kore-contacts does before its first
// screen (source/store/config.ts: conf with its schema, the file checked and locked): what that
// alone costs of the first-frame budget (.bench/reference-settings.js).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink';
import {openStore} from '../../source/store/config.js';
import {ReferenceApp} from './reference.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-settings-'));
openStore({configDir: dir, env: {}});
process.on('SIGTERM', () => {
	fs.rmSync(dir, {recursive: true, force: true});
	process.exit(143);
});
render(<ReferenceApp />);
