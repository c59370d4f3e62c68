import { z } from "zod";

/** World options shared by every entry point that seeds from the world. */
export const worldConfigSchema = {
  WORLD_SEED: z.string().min(1).default("tradegraph"),
  WORLD_SHIPMENTS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** "Now" in the story, RFC 3339; defaults to the start of the current UTC day. */
  WORLD_ANCHOR: z.iso.datetime({ offset: true }).optional(),
  /** Local state: keys, documents, checkpoints. */
  TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
};
