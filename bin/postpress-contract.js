#!/usr/bin/env node
// postpress-contract: runs the compiled contract-test CLI (build first: npm run build).
import { main } from '../dist/lib/src/contract/cli.js';

process.exitCode = await main(process.argv.slice(2));
