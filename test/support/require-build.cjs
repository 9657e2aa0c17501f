/* global require, module, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

/**
 * Some tests run compiled output as a user's install would: plugins loaded
 * into worker threads, the SDK's bin, the apps as processes. Rather than
 * skipping them when it is missing, every jest run stops here and says how
 * to build (the npm test scripts build first).
 */
module.exports = function requireBuild() {
  const root = path.resolve(__dirname, '..', '..');
  const missing = [];
  for (const group of ['libs', 'apps', 'plugins']) {
    for (const name of readdirSync(path.join(root, group))) {
      const manifest = path.join(root, group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      // A package without `main` is the dashboard: a web app whose build output is dist/index.html.
      const main = path.join(root, group, name, require(manifest).main ?? 'dist/index.html');
      if (!existsSync(main)) missing.push(path.relative(root, main));
    }
  }
  if (missing.length > 0) {
    throw new Error(`the workspace is not built (missing ${missing.join(', ')}); run \`npm run build\` first`);
  }
};
