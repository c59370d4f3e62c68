import { identityOf } from "../../wire/antchain/records.ts";
import type {
  BillView,
  ContainerMove,
  ContainerView,
  CustomsRecord,
  FeeRecord,
  PortCall,
  RecordKind,
  ReleaseOrder,
  Written,
} from "../../wire/antchain/records.ts";
import {
  codeToBytes2,
  isPortWrite,
  MAX_BATCH,
  MAX_KEYS_PER_QUERY,
  PORT_CONTRACT_NAME,
  WRITE_KINDS,
  writtenFields,
  type PortEvent,
} from "../../wire/antchain/portContract.ts";

/** The contract refused the call (Solidity's `revert`): the transaction fails and changes nothing. */
export class ContractError extends Error {}

/** What one call returned (its ABI outputs) and the events it emitted. */
export interface CallResult {
  returns: unknown[];
  events: PortEvent[];
}

type Prepared = { id: string | null; apply: () => PortEvent };

/**
 * The port-logistics contract: a deterministic state machine in the port community system's own
 * vocabulary, behind the Solidity-style interface in `wire/antchain/portContract.ts`. Writes take the
 * record as one JSON string and only from the port community's writer accounts; reads answer JSON
 * strings. Every write is replayed from the blocks at start.
 */
export class PortLogisticsContract {
  static readonly NAME = PORT_CONTRACT_NAME;
  private readonly calls = new Map<string, PortCall>();
  private readonly bills = new Map<
    string,
    {
      calls: Set<string>;
      moves: ContainerMove[];
      customs: CustomsRecord[];
      releases: ReleaseOrder[];
      fees: FeeRecord[];
    }
  >();
  private readonly containers = new Map<string, ContainerMove[]>();
  private readonly ids = new Set<string>();
  private readonly writers: Set<string>;

  /** @param writers names of the accounts allowed to write records */
  constructor(writers: readonly string[]) {
    this.writers = new Set(writers.map(identityOf));
  }

  /** Executes a call in a transaction from `from` (an account identity); writes change the state. */
  execute(from: string, signature: string, args: readonly unknown[], at: Written): CallResult {
    if (signature === "recordBatch(string)") {
      this.mayWrite(from);
      const batch = this.prepareBatch(args, at);
      const events = batch.fresh.map((w) => {
        if (w.id) this.ids.add(w.id);
        return w.apply();
      });
      return { returns: [BigInt(batch.fresh.length), BigInt(batch.skipped)], events };
    }
    if (isPortWrite(signature)) {
      this.mayWrite(from);
      const write = this.prepare(signature, parseArg(args), at);
      if (write.id) this.unique(write.id);
      if (write.id) this.ids.add(write.id);
      return { returns: [true], events: [write.apply()] };
    }
    return { returns: [this.query(signature, args)], events: [] };
  }

  /**
   * A local call: the same checks and outputs as `execute`, nothing stored and nothing emitted (on a
   * chain, a call executed by one node and discarded).
   */
  simulate(from: string, signature: string, args: readonly unknown[]): unknown[] {
    const at = { txHash: "0".repeat(64), blockNumber: 0 };
    if (signature === "recordBatch(string)") {
      this.mayWrite(from);
      const batch = this.prepareBatch(args, at);
      return [BigInt(batch.fresh.length), BigInt(batch.skipped)];
    }
    if (isPortWrite(signature)) {
      this.mayWrite(from);
      const write = this.prepare(signature, parseArg(args), at);
      if (write.id) this.unique(write.id);
      return [true];
    }
    return [this.query(signature, args)];
  }

  /** The read-only functions, answered from current state as JSON. */
  query(signature: string, args: readonly unknown[]): string {
    switch (signature) {
      case "queryBills(string)":
        return JSON.stringify(asList(parseArg(args), MAX_KEYS_PER_QUERY).map((b) => this.view(b)));
      case "queryContainers(string)":
        return JSON.stringify(
          asList(parseArg(args), MAX_KEYS_PER_QUERY).map((c): ContainerView => ({
            ctnNo: c,
            moves: this.containers.get(c) ?? [],
          })),
        );
      case "queryPortCall(string)":
        return JSON.stringify(this.calls.get(String(args[0])) ?? null);
      default:
        throw new ContractError(`${PORT_CONTRACT_NAME} has no function ${signature}`);
    }
  }

  private mayWrite(from: string): void {
    if (!this.writers.has(from)) throw new ContractError("the sender is not a port community writer");
  }

  /**
   * Bulk load: up to MAX_BATCH writes in one transaction, `[{ method, payload }]`, each stored exactly as
   * its own call would store it and emitting what that call would emit. Every entry is checked before
   * any is applied, so a malformed entry fails the whole transaction and changes nothing. An entry
   * already recorded is skipped rather than failing the batch, so a bulk load can be run again over a
   * grown data set; the outputs count both.
   */
  private prepareBatch(args: readonly unknown[], at: Written): { fresh: Prepared[]; skipped: number } {
    const payload = parseArg(args);
    if (!Array.isArray(payload) || payload.length === 0)
      throw new ContractError("recordBatch expects a non-empty JSON array of { method, payload }");
    if (payload.length > MAX_BATCH) throw new ContractError(`at most ${MAX_BATCH} writes per batch`);
    const writes = (payload as { method?: unknown; payload?: unknown }[]).map((entry, i) => {
      if (typeof entry?.method !== "string" || !isPortWrite(entry.method))
        throw new ContractError(`entry ${i}: method must be one of the single write methods`);
      return this.prepare(entry.method, entry.payload, at);
    });
    const seen = new Set<string>();
    const fresh = writes.filter((w) => {
      if (!w.id) return true;
      if (this.ids.has(w.id) || seen.has(w.id)) return false;
      seen.add(w.id);
      return true;
    });
    return { fresh, skipped: writes.length - fresh.length };
  }

  /** Checks one write and returns its unique id (null for upserts) and how to apply it. */
  private prepare(signature: string, payload: unknown, at: Written): Prepared {
    if (!payload || typeof payload !== "object" || Array.isArray(payload))
      throw new ContractError("the payload must be a JSON object");
    const kind: RecordKind | undefined = isPortWrite(signature) ? WRITE_KINDS[signature] : undefined;
    if (!kind) throw new ContractError(`${signature} is not a write function of ${PORT_CONTRACT_NAME}`);
    const fields = writtenFields(kind, payload as Record<string, unknown>);
    switch (kind) {
      case "portCall": {
        const call = { ...fields, ...at } as PortCall;
        require(call.callNo && call.portCode && call.imo, "callNo, portCode and imo are required");
        return {
          id: null,
          apply: () => {
            const previous = this.calls.get(call.callNo);
            // A port call is updated as it progresses (ETA, then ATA, then ATD).
            this.calls.set(call.callNo, previous ? { ...previous, ...call } : call);
            return { eventName: "PortCallRecorded", args: { callNo: call.callNo, portCode: call.portCode } };
          },
        };
      }
      case "move": {
        const move = { ...fields, ...at } as ContainerMove;
        require(move.moveNo &&
          move.ctnNo &&
          move.billNo &&
          move.moveTime, "moveNo, ctnNo, billNo, moveCode and moveTime are required");
        const moveCode = twoLetters(move.moveCode, "moveCode");
        return {
          id: `move:${move.moveNo}`,
          apply: () => {
            this.bill(move.billNo).moves.push(move);
            if (move.callNo) this.bill(move.billNo).calls.add(move.callNo);
            const list = this.containers.get(move.ctnNo) ?? [];
            list.push(move);
            this.containers.set(move.ctnNo, list);
            return {
              eventName: "ContainerMoved",
              args: { moveCode, billNo: move.billNo, ctnNo: move.ctnNo },
            };
          },
        };
      }
      case "customs": {
        const record = { ...fields, ...at } as CustomsRecord;
        require(record.declNo &&
          record.billNo &&
          record.statusTime, "declNo, billNo, statusCode and statusTime are required");
        const statusCode = twoLetters(record.statusCode, "statusCode");
        return {
          id: `customs:${record.declNo}:${record.statusCode}:${record.statusTime}`,
          apply: () => {
            this.bill(record.billNo).customs.push(record);
            return {
              eventName: "CustomsStatus",
              args: { statusCode, billNo: record.billNo, declNo: record.declNo },
            };
          },
        };
      }
      case "release": {
        const order = { ...fields, ...at } as ReleaseOrder;
        require(order.releaseNo &&
          order.billNo &&
          order.releaseTime, "releaseNo, billNo, statusCode and releaseTime are required");
        const statusCode = twoLetters(order.statusCode, "statusCode");
        return {
          id: `release:${order.releaseNo}`,
          apply: () => {
            this.bill(order.billNo).releases.push(order);
            return {
              eventName: "ReleaseOrder",
              args: { statusCode, billNo: order.billNo, releaseNo: order.releaseNo },
            };
          },
        };
      }
      case "fee": {
        const fee = { ...fields, ...at } as FeeRecord;
        require(fee.feeNo && fee.billNo, "feeNo and billNo are required");
        return {
          id: `fee:${fee.feeNo}`,
          apply: () => {
            this.bill(fee.billNo).fees.push(fee);
            return { eventName: "FeePaid", args: { billNo: fee.billNo, feeNo: fee.feeNo } };
          },
        };
      }
    }
  }

  private view(billNo: string): BillView | null {
    const bill = this.bills.get(billNo);
    if (!bill) return null;
    return {
      billNo,
      portCalls: [...bill.calls].map((c) => this.calls.get(c)).filter((c): c is PortCall => Boolean(c)),
      moves: bill.moves,
      customs: bill.customs,
      releases: bill.releases,
      fees: bill.fees,
    };
  }

  private bill(billNo: string) {
    let bill = this.bills.get(billNo);
    if (!bill)
      this.bills.set(billNo, (bill = { calls: new Set(), moves: [], customs: [], releases: [], fees: [] }));
    return bill;
  }

  private unique(id: string): void {
    if (this.ids.has(id)) throw new ContractError(`${id} already recorded`);
  }
}

/** The one string argument, parsed as JSON (a bare string stays a string). */
function parseArg(args: readonly unknown[]): unknown {
  const first = args[0];
  if (typeof first !== "string") throw new ContractError("expected one string argument");
  try {
    return JSON.parse(first);
  } catch {
    return first;
  }
}

function asList(payload: unknown, max: number): string[] {
  if (!Array.isArray(payload) || payload.some((x) => typeof x !== "string"))
    throw new ContractError("expected a JSON array of strings");
  if (payload.length > max) throw new ContractError(`at most ${max} keys per query`);
  return payload as string[];
}

/** Native status codes are two letters; they travel as indexed `bytes2` event topics. */
function twoLetters(code: unknown, name: string) {
  if (typeof code !== "string" || !/^[A-Z0-9]{2}$/.test(code))
    throw new ContractError(`${name} must be two letters or digits`);
  return codeToBytes2(code);
}

function require(condition: unknown, message: string): void {
  if (!condition) throw new ContractError(message);
}
