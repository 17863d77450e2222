#!/usr/bin/env node
import { main } from './program.js';

// `bitext status | head -1`: the reader has gone, so there is no one left to tell. End quietly, with the
// exit code the command had, instead of a stack trace about EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});
// `bitext translate 2>&1 | head`: progress has no reader any more, but the run goes on, so that what was
// paid for is saved.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2));
