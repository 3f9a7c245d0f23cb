import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';
import { CliFailure, describeError, isBrokenPipe } from './cli-errors.ts';
import { usageExit } from './commands/ansi.ts';

/**
 * The `annalist` command line. Each command lives in `src/cli/commands/<name>.ts` and exports
 * a `register(program)` function listed in `commands/index.ts`. A command that throws gets one
 * line on stderr and exit code 1 (a `CliFailure` its own code); `ANNALIST_DEBUG=1` adds the stack.
 * A usage error exits 2.
 * A reader that closes the pipe early (`annalist claims | head`) ends the run quietly.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (isBrokenPipe(err)) process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const program = new Command();
program
  .name('annalist')
  .description('Turn historical documents into a source-critical knowledge base.')
  .option('--db <file>', 'SQLite database file', './annalist.db')
  .showHelpAfterError()
  // Usage errors (unknown command or option, missing argument) exit 2 in every command, help 0.
  .exitOverride(usageExit);
for (const register of COMMANDS) register(program);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (isBrokenPipe(err)) process.exit(process.exitCode ?? 0);
  if (err instanceof CliFailure) {
    console.error(err.message);
    process.exitCode = err.exitCode;
  } else {
    const command = program.args.find((a) => !a.startsWith('-'));
    console.error(`annalist${command ? ` ${command}` : ''}: ${describeError(err)}`);
    if (process.env.ANNALIST_DEBUG) console.error((err as Error).stack);
    process.exitCode = 1;
  }
}
