import pg from "pg";
import { migrate } from "../analytics/migrations.ts";
import type { Sql } from "../analytics/sql.ts";

/**
 * The read model's PostgreSQL as the DCSA service and its delivery worker use it: the read model's `Sql`
 * surface, plus transactions (the fan-out moves journal entries into the outbox atomically) and LISTEN
 * (the indexer's wake-up). Subscriptions and the outbox live in the same database as the events, so a
 * subscription, the events it matches and their deliveries are decided in one transaction.
 */
export interface DcsaDatabase {
  sql: Sql;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Calls `onNotify` on each NOTIFY on `channel`, on a connection of its own; returns a stop function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export function openDcsaDatabase(url: string, schema = "public", max = 8): DcsaDatabase {
  if (!SCHEMA.test(schema)) throw new Error(`schema "${schema}" is not a plain lowercase identifier`);
  // search_path as a connection option: every connection of the pool is in the schema from its start.
  const config = { connectionString: url, options: `-c search_path="${schema}"` };
  const pool = new pg.Pool({ ...config, max });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const onClient = (client: pg.PoolClient | pg.Client): Sql => ({
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    close: async () => undefined,
  });
  return {
    sql: {
      async query<T>(text: string, params: unknown[] = []) {
        return (await pool.query(text, params)).rows as T[];
      },
      async exec(text: string) {
        await pool.query(text);
      },
      close: () => pool.end(),
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await work(onClient(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = new pg.Client(config);
      client.on("error", () => undefined);
      await client.connect();
      client.on("notification", (n) => {
        if (n.channel === channel) onNotify();
      });
      await client.query(`listen ${channel}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

/**
 * Creates the read model's tables if missing (the analytics subgraph usually has). Several services may
 * start at once, so the migration runs under a transaction-scoped advisory lock: one at a time.
 */
export async function migrateDcsa(db: DcsaDatabase, schema = "public"): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('tradegraph-migrate:' || $1))`, [schema]);
    await tx.query(`create schema if not exists "${schema}"`);
    await migrate(tx);
  });
}
