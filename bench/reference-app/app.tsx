#!/usr/bin/env node
// The reference app as the bench runs it (.bench/reference.js).
import {render} from 'ink';
import {ReferenceApp} from './reference.js';

render(<ReferenceApp />);
