import type { Command } from 'commander';

/** A CLI command module: adds its subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every CLI command, in help order. Each issue appends its commands here. */
export const COMMANDS: RegisterCommand[] = [];
