import { z } from "zod";
import type { WorldOptions } from "./generate.ts";

/** World options shared by every entry point that seeds from the world. */
export const worldConfigSchema = {
  WORLD_SEED: z.string().min(1).default("tradegraph"),
  WORLD_SHIPMENTS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** Where the story is placed, RFC 3339; defaults to the start of the current UTC day. */
  WORLD_ANCHOR: z.iso.datetime({ offset: true }).optional(),
  /** "Now" in the story, RFC 3339: seeding writes the facts recorded up to it. Defaults to the anchor. */
  WORLD_NOW: z.iso.datetime({ offset: true }).optional(),
  /**
   * Shipments per carrier transaction when seeding (the port network takes 5 records per shipment per
   * call). 1 writes each step by its own transaction, as the live systems do; unset means 1 up to 1,000
   * shipments and 100 above, where one transaction per step would take hours.
   */
  WORLD_SEED_BATCH: z.coerce.number().int().min(1).max(200).optional(),
  /** Local state: keys, documents, checkpoints. */
  TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
};

/** Shipments per seeding transaction: the configured number, else 1 for a demo world and 100 for a big one. */
export function seedBatchSize(config: {
  WORLD_SHIPMENTS: number;
  WORLD_SEED_BATCH?: number | undefined;
}): number {
  return config.WORLD_SEED_BATCH ?? (config.WORLD_SHIPMENTS > 1000 ? 100 : 1);
}

/** The generator's options from a parsed world config. */
export function worldOptionsOf(config: {
  WORLD_SEED: string;
  WORLD_SHIPMENTS: number;
  WORLD_ANCHOR?: string | undefined;
  WORLD_NOW?: string | undefined;
}): WorldOptions {
  return {
    seed: config.WORLD_SEED,
    shipments: config.WORLD_SHIPMENTS,
    ...(config.WORLD_ANCHOR ? { anchor: new Date(config.WORLD_ANCHOR) } : {}),
    ...(config.WORLD_NOW ? { now: new Date(config.WORLD_NOW) } : {}),
  };
}
