#!/usr/bin/env node
'use strict';
// The `custos` command. The CLI is bundled by `npm run build` into build/main/cli.cjs.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'build', 'main', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('custos: NOT_BUILT: Custos is not built yet; run "npm run build" first.\n');
  process.exit(1);
}
require(cli);
