#!/usr/bin/env node
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports */
// The `taskloom-sdk` command (the operator CLI, @taskloom/cli, owns `taskloom`). A plain, committed shim rather than a path into
// dist/, so npm links the command even where the SDK has not been built yet
// (a fresh `npm ci` of this repository); the CLI itself is compiled TypeScript.
require('../dist/cli/main.js');
