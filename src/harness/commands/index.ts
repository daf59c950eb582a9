/** Every CLI command, each registered by its own module. */
import type { Command } from 'commander';
import { registerMigrate } from './migrate.command.js';
import { registerToken } from './token.command.js';
import { registerServe } from './serve.command.js';
import { registerReport } from './report.command.js';
import { registerSeed } from './seed.command.js';
import { registerRun } from './run.command.js';
import { registerGate } from './gate.command.js';
import { registerHistory } from './history.command.js';
import { registerMerge } from './merge.command.js';
import { registerK6Files } from './k6-files.command.js';
import { registerFitNoise } from './fit-noise.command.js';

export const commands: ReadonlyArray<(program: Command) => void> = [
  registerMigrate,
  registerToken,
  registerServe,
  registerReport,
  registerSeed,
  registerRun,
  registerGate,
  registerHistory,
  registerMerge,
  registerK6Files,
  registerFitNoise,
];
