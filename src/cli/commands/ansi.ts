/** Terminal colours, on only when stdout is a terminal and NO_COLOR is unset. */
export function colours(enabled = !!process.stdout.isTTY && !process.env.NO_COLOR) {
  const wrap = (code: string) => (s: string) => (enabled ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), green: wrap('32'), yellow: wrap('33'), blue: wrap('34'), magenta: wrap('35'), cyan: wrap('36') };
}

/** Exits with code 2 on a commander usage error (missing argument, unknown option), 0 after help. */
export function usageExit(err: { exitCode: number; code: string }): never {
  process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2);
}
