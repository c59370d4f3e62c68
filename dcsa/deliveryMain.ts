/**
 * Entry point of the DCSA delivery worker: fans new events out to subscriptions and delivers signed
 * notifications, at least once. A process of its own (any number may run): killed at any moment, it
 * loses nothing, since every step is a row in PostgreSQL and a lapsed lease hands its work back.
 */
import { z } from "zod";
import { PartyDirectory } from "../access/partyDirectory.ts";
import { partiesFile } from "../access/serviceConfig.ts";
import { loadConfigOrExit } from "../serving/config.ts";
import { ConfigInvalidError } from "../domain/errors.ts";
import { runService } from "../serving/service.ts";
import { callbackAllowShape, databaseShape, deliveryOptionsOf, deliveryShape } from "./config.ts";
import { migrateDcsa, openDcsaDatabase } from "./database.ts";
import { createNotifier } from "./deliver.ts";
import { ownerDirectory } from "./outbox.ts";
import { viewerOf } from "./visibility.ts";
import { DeliveryWorker } from "./worker.ts";

const config = loadConfigOrExit(
  "dcsa-delivery",
  z.object({
    ...databaseShape,
    ...callbackAllowShape,
    ...deliveryShape,
    TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
    PARTIES_FILE: z.string().optional(),
  }),
  process.env,
);

let parties: PartyDirectory;
const file = config.PARTIES_FILE ?? partiesFile(config.TRADEGRAPH_STATE_DIR);
try {
  parties = PartyDirectory.fromFile(file);
} catch (error) {
  console.error(
    new ConfigInvalidError(
      [`PARTIES_FILE: cannot read the party directory ${file}: ${String(error)}`],
      "dcsa-delivery",
    ).message,
  );
  process.exit(2);
}
const options = deliveryOptionsOf(config);
const db = openDcsaDatabase(config.DATABASE_URL, config.DATABASE_SCHEMA, 4);
await migrateDcsa(db, config.DATABASE_SCHEMA);
const notifier = createNotifier(config.DCSA_CALLBACK_ALLOW, options.timeoutMs);
// Every party a subscription may belong to, with the ports where it is the authority.
const owners = ownerDirectory(
  parties.entries.map((p) => viewerOf({ subject: p.id, party: p.id, roles: [] }, parties)),
);
const worker = new DeliveryWorker(db, owners, notifier, options, (message) => console.error(message));
await worker.start();
runService("dcsa-delivery", { workerId: options.workerId, concurrency: options.concurrency }, async () => {
  await worker.stop();
  notifier.close();
  await db.close();
});
