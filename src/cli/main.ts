import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';

/**
 * The `annalist` command line. Each command lives in `src/cli/commands/<name>.ts` and exports
 * a `register(program)` function listed in `commands/index.ts`.
 */
const program = new Command();
program
  .name('annalist')
  .description('Turn historical documents into a source-critical knowledge base.')
  .option('--db <file>', 'SQLite database file', './annalist.db')
  .showHelpAfterError();
for (const register of COMMANDS) register(program);
await program.parseAsync(process.argv);
