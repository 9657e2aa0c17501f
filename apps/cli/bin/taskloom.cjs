#!/usr/bin/env node
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports */
// The `taskloom` command. A plain, committed shim rather than a path into
// dist/, so npm links the command before the first build; the CLI itself is
// compiled TypeScript.
require('../dist/main.js');
