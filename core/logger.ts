import { pino, type DestinationStream, type Logger } from "pino";
import { z } from "zod";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL`, for each entry point's zod config. */
export const logConfigShape = {
  /** info: one line per request and per notable event; debug adds each ledger call. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
};

/**
 * A service's structured logger: one JSON object per line (pino), each with the service's name, so
 * lines from every process of a stack can be merged and filtered by `service` and `requestId`. Lines go
 * to stdout (`npm start` shows them with TRADEGRAPH_VERBOSE=1) unless a destination is given.
 */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never let a credential reach a log line, whichever object carried it in.
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", 'headers["x-api-key"]'],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** For servers started without a logger (library use, most tests): nothing is written. */
export const silentLogger: Logger = pino({ level: "silent" });
