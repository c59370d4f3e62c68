import { Contract, type Context } from "fabric-contract-api";
import {
  MAX_KEYS_PER_EVALUATE,
  MAX_SHIPMENTS_PER_SUBMIT,
  type CarrierEventPayload,
} from "../../../wire/fabric/carrierContract.ts";
import type {
  CarrierMilestone,
  CarrierShipmentRecord,
  StoredShipment,
} from "../../../wire/fabric/records.ts";

const BL = "bl";
const BOOKING = "bkg";
const DOCUMENT = "doc";
const CONTAINER = "cntr";
// Most shipments one bulk write may carry: keeps a proposal and its read/write set well under gRPC's 4 MiB.
const MAX_WRITE_BATCH = MAX_SHIPMENTS_PER_SUBMIT;
const MAX_BATCH = MAX_KEYS_PER_EVALUATE;

type NewShipment = CarrierShipmentRecord & { milestones?: CarrierMilestone[] };

/**
 * The carrier network's chaincode, written against fabric-contract-api so it can be packaged for a
 * real Fabric network as it is. Each shipment is keyed by B/L number, its milestones inside its record
 * (reading a shipment is one GetState: every call to the peer is a round trip, and a milestone is always
 * written with its shipment anyway); bookings, eBL document hashes and containers are composite-key
 * indexes. Only the issuing carrier's MSP may write a shipment.
 */
export class CarrierContract extends Contract {
  constructor() {
    super("carrier");
  }

  async CreateShipment(ctx: Context, recordJson: string): Promise<string> {
    const record = parse<NewShipment>(recordJson, "record");
    emit(ctx, "ShipmentCreated", await create(ctx, record));
    return record.blNo;
  }

  async AddMilestones(ctx: Context, blNo: string, milestonesJson: string): Promise<number> {
    const milestones = parse<CarrierMilestone[]>(milestonesJson, "milestones");
    emit(ctx, "MilestonesAdded", await addMilestones(ctx, blNo, milestones));
    return milestones.length;
  }

  async SetRelease(ctx: Context, blNo: string, releaseJson: string): Promise<void> {
    const release = parse<CarrierShipmentRecord["release"]>(releaseJson, "release");
    emit(ctx, "ReleaseUpdated", await setRelease(ctx, blNo, release));
  }

  /**
   * Records the document a B/L was issued as (an eBL on a token registry, a sea waybill on a document
   * store) once it exists: a booking is made before its B/L is issued. Indexed by document hash as
   * CreateShipment indexes it.
   */
  async SetDocument(ctx: Context, blNo: string, eblJson: string): Promise<void> {
    const ebl = parse<CarrierShipmentRecord["ebl"]>(eblJson, "ebl");
    const shipment = await load(ctx, blNo);
    assertWriter(ctx, shipment.carrier);
    shipment.ebl = ebl;
    const hash = documentHashOf(shipment);
    if (hash) await ctx.stub.putState(ctx.stub.createCompositeKey(DOCUMENT, [hash, blNo]), Buffer.from(blNo));
    await touch(ctx, shipment);
    emit(ctx, "DocumentIssued", { blNo, bookingNo: shipment.bookingNo, documentHash: hash });
  }

  /**
   * Bulk load: up to MAX_WRITE_BATCH shipments of the submitting carrier in one transaction, each
   * written key by key exactly as CreateShipment writes it (same keys, same record shape, same
   * existence check in the read set, so MVCC still guards every key). Fabric keeps one event per
   * transaction: ShipmentsCreated lists what each ShipmentCreated would have said.
   */
  async CreateShipments(ctx: Context, recordsJson: string): Promise<number> {
    const records = parseBatch<NewShipment>(recordsJson, "records");
    const shipments = [];
    for (const record of records) shipments.push(await create(ctx, record));
    emit(ctx, "ShipmentsCreated", { shipments });
    return records.length;
  }

  /** Bulk AddMilestones, one carrier's shipments per transaction; one ShipmentMilestonesAdded event. */
  async AddShipmentMilestones(ctx: Context, batchJson: string): Promise<number> {
    const batch = parseBatch<{ blNo: string; milestones: CarrierMilestone[] }>(batchJson, "batch");
    const shipments = [];
    for (const { blNo, milestones } of batch) shipments.push(await addMilestones(ctx, blNo, milestones));
    emit(ctx, "ShipmentMilestonesAdded", { shipments });
    return batch.length;
  }

  /** Bulk SetRelease, one carrier's shipments per transaction; one ReleasesUpdated event. */
  async SetReleases(ctx: Context, batchJson: string): Promise<number> {
    const batch = parseBatch<{ blNo: string; release: CarrierShipmentRecord["release"] }>(batchJson, "batch");
    const shipments = [];
    for (const { blNo, release } of batch) shipments.push(await setRelease(ctx, blNo, release));
    emit(ctx, "ReleasesUpdated", { shipments });
    return batch.length;
  }

  /** N shipments in one call, in the order asked; null for an unknown B/L. */
  async GetShipments(ctx: Context, blNosJson: string): Promise<string> {
    const blNos = parseList(blNosJson);
    return JSON.stringify(await Promise.all(blNos.map((b) => read(ctx, b))));
  }

  async GetShipmentsByBooking(ctx: Context, bookingNosJson: string): Promise<string> {
    return JSON.stringify(
      await Promise.all(
        parseList(bookingNosJson).map(async (b) => read(ctx, await firstIndexed(ctx, BOOKING, b))),
      ),
    );
  }

  async GetShipmentsByDocumentHash(ctx: Context, hashesJson: string): Promise<string> {
    return JSON.stringify(
      await Promise.all(
        parseList(hashesJson).map(async (h) => read(ctx, await firstIndexed(ctx, DOCUMENT, h.toLowerCase()))),
      ),
    );
  }

  /** Every shipment a container travelled under. */
  async GetShipmentsByContainer(ctx: Context, cntrNo: string): Promise<string> {
    const blNos: string[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(CONTAINER, [cntrNo]))
      blNos.push(Buffer.from(kv.value).toString());
    return JSON.stringify(await Promise.all(blNos.map((b) => read(ctx, b))));
  }

  /** Every committed version of a shipment record, newest first (GetHistoryForKey, as Fabric 2.x orders it). */
  async GetShipmentHistory(ctx: Context, blNo: string): Promise<string> {
    const out: { txId: string; timestamp: string; isDelete: boolean; record: unknown }[] = [];
    for await (const m of ctx.stub.getHistoryForKey(ctx.stub.createCompositeKey(BL, [blNo]))) {
      const seconds = Number(m.timestamp.seconds);
      out.push({
        txId: m.txId,
        timestamp: new Date(seconds * 1000 + Math.floor(m.timestamp.nanos / 1e6)).toISOString(),
        isDelete: m.isDelete,
        record: m.value.length ? JSON.parse(Buffer.from(m.value).toString()) : null,
      });
    }
    return JSON.stringify(out);
  }

  /**
   * A page of B/L numbers in key order, for listing and indexing: one paginated range read that starts
   * at the B/L after which the caller stopped, so a page costs its own size, not the ledger's.
   */
  async ListShipments(ctx: Context, afterBlNo: string, pageSize: string): Promise<string> {
    const size = Math.min(Math.max(Number(pageSize) || 100, 1), MAX_BATCH);
    const bookmark = afterBlNo ? ctx.stub.createCompositeKey(BL, [afterBlNo]) : "";
    const blNos: string[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKeyWithPagination(BL, [], size + 1, bookmark)) {
      const blNo = ctx.stub.splitCompositeKey(kv.key).attributes[0]!;
      if (afterBlNo && blNo <= afterBlNo) continue;
      blNos.push(blNo);
      if (blNos.length >= size) break;
    }
    return JSON.stringify(blNos);
  }
}

// Helpers live outside the class on purpose: fabric-contract-api exposes every method of a Contract
// class as a transaction, so a helper written as a method (even a TypeScript `private` one) could be
// invoked by any client with arguments of its choosing.
async function create(ctx: Context, record: NewShipment) {
  assertWriter(ctx, record.carrier);
  if (!/^[A-Z0-9]{8,20}$/.test(record.blNo)) throw new Error(`invalid B/L number ${record.blNo}`);
  const key = ctx.stub.createCompositeKey(BL, [record.blNo]);
  if ((await ctx.stub.getState(key)).length > 0) throw new Error(`B/L ${record.blNo} already exists`);
  // Each milestone names the transaction that wrote it, as AddMilestones does: provenance must not
  // fall back to whichever transaction last touched the B/L.
  const milestones = sortedBySeq((record.milestones ?? []).map((m) => ({ ...m, txId: ctx.stub.getTxID() })));
  await putJson(ctx, key, {
    ...record,
    milestones,
    lastTxId: ctx.stub.getTxID(),
    updatedAt: txTime(ctx),
    updatedBy: ctx.clientIdentity.getID(),
  });
  await ctx.stub.putState(
    ctx.stub.createCompositeKey(BOOKING, [record.bookingNo, record.blNo]),
    Buffer.from(record.blNo),
  );
  const hash = documentHashOf(record);
  if (hash)
    await ctx.stub.putState(
      ctx.stub.createCompositeKey(DOCUMENT, [hash, record.blNo]),
      Buffer.from(record.blNo),
    );
  for (const c of record.containers)
    await ctx.stub.putState(
      ctx.stub.createCompositeKey(CONTAINER, [c.cntrNo, record.blNo]),
      Buffer.from(record.blNo),
    );
  return {
    blNo: record.blNo,
    bookingNo: record.bookingNo,
    documentHash: hash,
    containers: record.containers.map((c) => c.cntrNo),
  };
}

async function addMilestones(ctx: Context, blNo: string, milestones: CarrierMilestone[]) {
  const shipment = await load(ctx, blNo);
  assertWriter(ctx, shipment.carrier);
  shipment.milestones ??= [];
  const seen = new Set(shipment.milestones.map((m) => m.seq));
  for (const m of milestones) {
    if (seen.has(m.seq)) throw new Error(`milestone ${m.seq} of ${blNo} already exists`);
    seen.add(m.seq);
  }
  shipment.milestones = sortedBySeq([
    ...shipment.milestones,
    ...milestones.map((m) => ({ ...m, txId: ctx.stub.getTxID() })),
  ]);
  await touch(ctx, shipment);
  return { blNo, statuses: milestones.map((m) => m.status) };
}

async function setRelease(ctx: Context, blNo: string, release: CarrierShipmentRecord["release"]) {
  const shipment = await load(ctx, blNo);
  assertWriter(ctx, shipment.carrier);
  shipment.release = release;
  await touch(ctx, shipment);
  return { blNo, status: shipment.release.status };
}

async function read(ctx: Context, blNo: string | null): Promise<StoredShipment | null> {
  if (!blNo) return null;
  const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey(BL, [blNo]));
  if (bytes.length === 0) return null;
  return JSON.parse(Buffer.from(bytes).toString()) as StoredShipment;
}

async function load(ctx: Context, blNo: string): Promise<StoredShipment> {
  const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey(BL, [blNo]));
  if (bytes.length === 0) throw new Error(`B/L ${blNo} does not exist`);
  return JSON.parse(Buffer.from(bytes).toString()) as StoredShipment;
}

async function touch(ctx: Context, shipment: StoredShipment): Promise<void> {
  await putJson(ctx, ctx.stub.createCompositeKey(BL, [shipment.blNo]), {
    ...shipment,
    lastTxId: ctx.stub.getTxID(),
    updatedAt: txTime(ctx),
    updatedBy: ctx.clientIdentity.getID(),
  });
}

async function firstIndexed(ctx: Context, index: string, value: string): Promise<string | null> {
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(index, [value]))
    return Buffer.from(kv.value).toString();
  return null;
}

function assertWriter(ctx: Context, carrier: string): void {
  const msp = ctx.clientIdentity.getMSPID();
  if (msp !== `${carrier}MSP`)
    throw new Error(`access denied: ${msp} may not write shipments of carrier ${carrier}`);
}

function documentHashOf(record: CarrierShipmentRecord): string | null {
  if (record.ebl.platform === "TRADETRUST") return record.ebl.tokenId.toLowerCase();
  if (record.ebl.platform === "DOCUMENT_STORE") return record.ebl.documentHash.toLowerCase();
  return null;
}

function parse<T>(json: string, what: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

/**
 * A bulk write's entries: at most MAX_WRITE_BATCH, each B/L once (two writes of one B/L in one
 * transaction would both read the same committed version, and the later would silently win).
 */
function parseBatch<T extends { blNo: string }>(json: string, what: string): T[] {
  const batch = parse<unknown>(json, what);
  if (!Array.isArray(batch) || batch.length === 0) throw new Error(`${what} must be a non-empty JSON array`);
  if (batch.length > MAX_WRITE_BATCH) throw new Error(`at most ${MAX_WRITE_BATCH} shipments per transaction`);
  const seen = new Set<string>();
  for (const entry of batch as T[]) {
    if (typeof entry?.blNo !== "string") throw new Error(`every entry of ${what} needs a blNo`);
    if (seen.has(entry.blNo)) throw new Error(`B/L ${entry.blNo} appears twice in one transaction`);
    seen.add(entry.blNo);
  }
  return batch as T[];
}

function parseList(json: string): string[] {
  const list = parse<unknown>(json, "list");
  if (!Array.isArray(list) || list.some((x) => typeof x !== "string"))
    throw new Error("expected a JSON array of strings");
  if (list.length > MAX_BATCH) throw new Error(`at most ${MAX_BATCH} keys per call`);
  return list as string[];
}

async function putJson(ctx: Context, key: string, value: unknown): Promise<void> {
  await ctx.stub.putState(key, Buffer.from(JSON.stringify(value)));
}

function emit(ctx: Context, name: string, payload: CarrierEventPayload): void {
  ctx.stub.setEvent(name, Buffer.from(JSON.stringify(payload)));
}

function txTime(ctx: Context): string {
  const ts = ctx.stub.getTxTimestamp();
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6)).toISOString();
}

const sortedBySeq = (milestones: CarrierMilestone[]) => milestones.sort((a, b) => a.seq - b.seq);
