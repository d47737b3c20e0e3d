import type { Command } from 'commander';
import { registerBenchCommand } from './bench.command.js';

// Every CLI feature exports one registrar; add yours here (one import, one entry).
export const commandRegistrars: ((program: Command) => void)[] = [registerBenchCommand];
