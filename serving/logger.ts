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
 * to stdout, warnings and errors to stderr, unless a destination is given.
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
  if (destination) return pino(options, destination);
  // Warnings and errors on stderr, the rest on stdout: `npm start` shows each service's stderr and
  // keeps the per-request lines for TRADEGRAPH_VERBOSE=1; a log collector takes both.
  return pino(
    options,
    pino.multistream(
      [
        { level: "trace", stream: process.stdout },
        { level: "warn", stream: process.stderr },
      ],
      { dedupe: true },
    ),
  );
}

/** For servers started without a logger (library use, most tests): nothing is written. */
export const silentLogger: Logger = pino({ level: "silent" });
