// Structured JSON logs (pino) behind Nest's LoggerService. Request logs are written by one Fastify
// hook with an allow-list of fields (correlation id, method, route pattern, status, duration): never
// bodies, query strings or credentials. (nestjs-pino is CommonJS requiring ESM-only Nest 12, which
// jest cannot load on Node 20; this is the small part of it we need.)
import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Logger } from 'pino';

// Nest's start-up chatter (a line per module and per route, ~140 lines per service) is for debugging,
// not for an operator reading the start of a service: it is logged at debug level.
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

export class PinoLoggerService implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, service: string) {
    this.pino = pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    this.write(typeof context === 'string' && BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    // Nest passes the context (class name) as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context }, String(message));
  }
}
