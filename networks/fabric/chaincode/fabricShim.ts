import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Contract } from "fabric-contract-api";
import type { ChaincodeInterface, Shim } from "fabric-shim";

const require = createRequire(import.meta.url);

export interface FabricShim {
  Shim: typeof Shim;
  /** fabric-shim's contract runtime: what `fabric-chaincode-node server` wraps a package's contracts in. */
  ChaincodeFromContract: new (
    contracts: (new () => Contract)[],
    serializers: unknown,
    metadata: object,
    title: string,
    version: string,
  ) => ChaincodeInterface;
  /** fabric-shim's side of the chaincode protocol, over any stream of ChaincodeMessages. */
  ChaincodeMessageHandler: new (
    stream: unknown,
    chaincode: ChaincodeInterface,
  ) => { chat(register: unknown): void };
}

let loaded: FabricShim | null = null;

interface ShimLogger {
  isLevelEnabled(level: string): boolean;
  [level: string]: unknown;
}

/**
 * winston 3 formats every message (timestamp, metadata, colours, the arguments stringified) before its
 * transport drops those below the level, and fabric-shim logs several debug lines per message it
 * exchanges with the peer: a third of a chaincode round trip went there. Each logger fabric-shim creates
 * gets level methods that return at once when their level is off (they follow a later setLevel).
 */
function quietDisabledLevels(): void {
  const logging = require("fabric-shim/lib/logger.js") as { getLogger(name?: string): ShimLogger };
  const getLogger = logging.getLogger;
  const quieted = new WeakSet<ShimLogger>();
  logging.getLogger = (name?: string) => {
    const logger = getLogger(name);
    if (!quieted.has(logger)) {
      quieted.add(logger);
      for (const level of ["debug", "verbose", "info"]) {
        const log = logger[level] as (...args: unknown[]) => unknown;
        logger[level] = (...args: unknown[]) =>
          logger.isLevelEnabled(level) ? log.apply(logger, args) : logger;
      }
    }
    return logger;
  };
}

/**
 * Loads fabric-shim (2.5.8) for a chaincode server running in this process.
 *
 * fabric-shim pins `@hyperledger/fabric-protos` 0.2.x while the peer and the Gateway client use 0.3.x, and
 * the generated protobuf code of both registers its classes in one global namespace (`proto.protos.*`):
 * whichever loads second replaces the other's classes, and gRPC then refuses the first one's messages
 * ("Expected argument of type protos.ChaincodeMessage"). So before fabric-shim is loaded, its two entry
 * points into the protos are pointed (through require's module cache) at the process's 0.3.x copy, which
 * carries the same Fabric messages. A chaincode process of its own (main.ts) needs none of this.
 */
export function loadFabricShim(): FabricShim {
  if (loaded) return loaded;
  // fabric-shim logs every transaction at INFO through winston; its loggers read this when created.
  process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= "WARNING";
  quietDisabledLevels();
  const shimRequire = createRequire(
    join(dirname(require.resolve("fabric-shim/package.json")), "lib", "chaincode.js"),
  );
  for (const request of ["@hyperledger/fabric-protos", "@hyperledger/fabric-protos/lib/peer"]) {
    const theirs = shimRequire.resolve(request);
    const ours = require.resolve(request);
    if (theirs === ours) continue;
    if (require.cache[theirs]) throw new Error(`fabric-shim's ${request} was loaded before loadFabricShim()`);
    require(ours);
    require.cache[theirs] = require.cache[ours];
  }
  loaded = {
    Shim: (require("fabric-shim") as { Shim: typeof Shim }).Shim,
    ChaincodeFromContract:
      require("fabric-shim/lib/contract-spi/chaincodefromcontract.js") as FabricShim["ChaincodeFromContract"],
    ChaincodeMessageHandler: (
      require("fabric-shim/lib/handler.js") as {
        ChaincodeMessageHandler: FabricShim["ChaincodeMessageHandler"];
      }
    ).ChaincodeMessageHandler,
  };
  return loaded;
}
