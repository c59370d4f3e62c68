import { existsSync, renameSync } from "node:fs";
import { migrate } from "./migrations.ts";
import { openPglite, type Sql } from "./sql.ts";

/**
 * The read model in an embedded PGlite directory (no `DATABASE_URL`), migrated. Everything in it is
 * derived from the networks, so a directory that no longer opens or migrates (files torn by a kill -9
 * mid-write, a disk fault) is not fatal: it is moved aside as `<dir>.damaged-<time>` for whoever wants to
 * look, and a new one is started, which the indexer's rebuild at start fills from the networks again.
 * What is lost is the index's own history (`asOf` before now); `onDamaged` is told so it can say so.
 */
export async function openEmbeddedReadModel(
  dir: string,
  onDamaged: (damaged: { movedTo: string; error: unknown }) => void,
): Promise<Sql> {
  try {
    return await migrated(dir);
  } catch (error) {
    if (!existsSync(dir)) throw error;
    const movedTo = `${dir}.damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dir, movedTo);
    onDamaged({ movedTo, error });
    return migrated(dir);
  }
}

async function migrated(dir: string): Promise<Sql> {
  const sql = await openPglite(dir);
  try {
    await migrate(sql);
    return sql;
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}
