import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The one SQL surface the read model uses, served by PostgreSQL (`DATABASE_URL`) or embedded PGlite. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A PostgreSQL server; `schema` isolates a tenant (tests give each run its own). */
export async function connectPostgres(url: string, schema = "public"): Promise<Sql> {
  // The schema is each connection's search_path from its startup packet: setting it before every
  // query (as this did) cost a round trip per query.
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    options: `-c search_path="${schema.replace(/"/g, '""')}"`,
  });
  if (schema !== "public") await pool.query(`create schema if not exists "${schema}"`);
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

/** Postgres in-process (PGlite), data under `dataDir` or in memory: the same SQL and migrations. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}
