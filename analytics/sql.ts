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
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  if (schema !== "public") await pool.query(`create schema if not exists "${schema}"`);
  // search_path is set on every checkout, so each query runs in this schema whichever client serves it.
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const client = await pool.connect();
      try {
        await client.query(`set search_path to "${schema}"`);
        return (await client.query(text, params)).rows as T[];
      } finally {
        client.release();
      }
    },
    async exec(text: string) {
      const client = await pool.connect();
      try {
        await client.query(`set search_path to "${schema}"`);
        await client.query(text);
      } finally {
        client.release();
      }
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
