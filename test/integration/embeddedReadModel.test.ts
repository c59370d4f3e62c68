import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedReadModel } from "../../analytics/embeddedReadModel.ts";

/**
 * The embedded read model (PGlite, no DATABASE_URL) after a crash left its files damaged: the analytics
 * subgraph starts anyway, on a new directory its indexer rebuilds from the networks, the damaged one kept
 * aside. Real PGlite, real files.
 */
describe("the embedded read model's directory", () => {
  const root = mkdtempSync(join(tmpdir(), "tradegraph-readmodel-"));
  const dir = join(root, "readmodel");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("opens and migrates when sound, keeping what it holds", async () => {
    const sql = await openEmbeddedReadModel(dir, () => expect.unreachable("not damaged"));
    await sql.query(`insert into checkpoints (network, height) values ('carrier-fabric', '42')`);
    await sql.close();
    const again = await openEmbeddedReadModel(dir, () => expect.unreachable("not damaged"));
    expect(await again.query(`select height from checkpoints`)).toEqual([{ height: "42" }]);
    await again.close();
  });

  it("damaged (its control file torn): moved aside, a new one opened and migrated in its place", async () => {
    writeFileSync(join(dir, "global", "pg_control"), Buffer.alloc(8192, 7));
    const damaged: string[] = [];
    const sql = await openEmbeddedReadModel(dir, ({ movedTo }) => damaged.push(movedTo));
    expect(damaged).toHaveLength(1);
    expect(existsSync(damaged[0]!)).toBe(true);
    expect(readdirSync(root).sort()).toEqual(["readmodel", damaged[0]!.split("/").pop()!].sort());
    // A working, migrated read model, empty: the indexer's rebuild at start fills it from the networks.
    expect(await sql.query(`select count(*)::int as n from checkpoints`)).toEqual([{ n: 0 }]);
    expect(await sql.query(`select count(*)::int as n from shipments`)).toEqual([{ n: 0 }]);
    await sql.close();
  });
});
