/** Every CLI command, each registered by its own module. */
import type { Command } from 'commander';
import { registerMigrate } from './migrate.command.js';

export const commands: ReadonlyArray<(program: Command) => void> = [registerMigrate];
