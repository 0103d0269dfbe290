#!/usr/bin/env node
'use strict';
// The `nianbao` command: a thin launcher for the bundled CLI (built by `npm run build`).
require('../dist/cli.js');
