import { processIo } from './io';
import { runCli } from './run';

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
