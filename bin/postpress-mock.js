#!/usr/bin/env node
// postpress-mock: runs the compiled mock CLI (build first: npm run build).
import { main } from '../dist/lib/src/mock/cli.js';

await main(process.argv.slice(2));
