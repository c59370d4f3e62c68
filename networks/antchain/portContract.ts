/**
 * The port-logistics contract: a deterministic state machine in the port community system's own
 * vocabulary. Inputs and outputs follow AntChain's call shapes (a method signature such as
 * "recordMove(string)" with a JSON request array); every write is replayed from the blocks on start.
 */

/** Where a fact was written, kept beside it so reads can carry provenance. */
export interface Written {
  txHash: string;
  blockNumber: number;
}

export interface PortCall extends Written {
  callNo: string;
  vesselName: string;
  imo: string;
  voyage: string;
  portCode: string;
  berth: string;
  /** "yyyy-MM-dd HH:mm:ss", UTC+8 */
  eta?: string;
  ata?: string;
  atd?: string;
}

export interface ContainerMove extends Written {
  moveNo: string;
  ctnNo: string;
  billNo: string;
  portCode: string;
  callNo?: string;
  /** XH discharge, ZH load, JG gate-in, TG gate-out, CY inspection (the terminal system's codes). */
  moveCode: string;
  moveTime: string;
}

export interface CustomsRecord extends Written {
  declNo: string;
  billNo: string;
  portCode: string;
  /** I import, E export */
  direction: "I" | "E";
  /** SB declared, CY inspection ordered, KL held, FX cleared */
  statusCode: string;
  statusTime: string;
}

export interface ReleaseOrder extends Written {
  releaseNo: string;
  billNo: string;
  portCode: string;
  /** FX released, JZ refused */
  statusCode: string;
  releasedTo: string;
  releaseTime: string;
}

export interface FeeRecord extends Written {
  feeNo: string;
  billNo: string;
  feeType: string;
  amount: string;
  currency: string;
  paidTime: string;
}

export interface BillView {
  billNo: string;
  portCalls: PortCall[];
  moves: ContainerMove[];
  customs: CustomsRecord[];
  releases: ReleaseOrder[];
  fees: FeeRecord[];
}

export class ContractError extends Error {}

export class PortLogisticsContract {
  static readonly NAME = "PortLogistics";
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

  static readonly WRITES = new Set([
    "recordPortCall(string)",
    "recordMove(string)",
    "recordCustoms(string)",
    "recordRelease(string)",
    "recordFee(string)",
    "recordBatch(string)",
  ]);
  /** Most writes one recordBatch may carry. */
  static readonly MAX_BATCH = 1000;
  static readonly READS = new Set(["queryBills(string)", "queryContainers(string)", "queryPortCall(string)"]);

  /** Executes a write; returns the output and the logs the receipt carries. */
  execute(
    method: string,
    args: unknown[],
    at: Written,
  ): { output: string; logs: { topic: string; data: string }[] } {
    const payload = parseArg(args);
    if (method === "recordBatch(string)") return this.executeBatch(payload, at);
    const write = this.prepare(method, payload, at);
    if (write.id) this.unique(write.id);
    return { output: "true", logs: [write.apply()] };
  }

  /**
   * Bulk load: up to MAX_BATCH writes in one transaction, `[{ method, payload }]`, each stored exactly as
   * its own call would store it and logging what that call would log. Every entry is checked before any
   * is applied, so a malformed entry fails the whole transaction and changes nothing. An entry already
   * recorded (same move, customs step, release or fee id) is skipped rather than failing the batch, so
   * a bulk load can be run again over a grown data set; the output counts both.
   */
  private executeBatch(
    payload: unknown,
    at: Written,
  ): { output: string; logs: { topic: string; data: string }[] } {
    if (!Array.isArray(payload) || payload.length === 0)
      throw new ContractError("recordBatch expects a non-empty JSON array of { method, payload }");
    if (payload.length > PortLogisticsContract.MAX_BATCH)
      throw new ContractError(`at most ${PortLogisticsContract.MAX_BATCH} writes per batch`);
    const writes = (payload as { method?: unknown; payload?: unknown }[]).map((entry, i) => {
      if (typeof entry?.method !== "string" || entry.method === "recordBatch(string)")
        throw new ContractError(`entry ${i}: method must be one of the single write methods`);
      return this.prepare(entry.method, entry.payload, at);
    });
    const logs: { topic: string; data: string }[] = [];
    let skipped = 0;
    for (const write of writes) {
      if (write.id && this.ids.has(write.id)) {
        skipped++;
        continue;
      }
      if (write.id) this.ids.add(write.id);
      logs.push(write.apply());
    }
    return { output: JSON.stringify({ recorded: writes.length - skipped, skipped }), logs };
  }

  /** Checks one write and returns its unique id (null for upserts) and how to apply it. */
  private prepare(
    method: string,
    payload: unknown,
    at: Written,
  ): { id: string | null; apply: () => { topic: string; data: string } } {
    switch (method) {
      case "recordPortCall(string)": {
        const call = { ...(payload as Omit<PortCall, keyof Written>), ...at } as PortCall;
        require(call.callNo && call.portCode && call.imo, "callNo, portCode and imo are required");
        return {
          id: null,
          apply: () => {
            const previous = this.calls.get(call.callNo);
            // A port call is updated as it progresses (ETA, then ATA, then ATD).
            this.calls.set(call.callNo, previous ? { ...previous, ...definedOnly(call) } : call);
            return { topic: "PortCallRecorded", data: JSON.stringify({ callNo: call.callNo }) };
          },
        };
      }
      case "recordMove(string)": {
        const move = { ...(payload as Omit<ContainerMove, keyof Written>), ...at } as ContainerMove;
        require(move.moveNo &&
          move.ctnNo &&
          move.billNo &&
          move.moveCode &&
          move.moveTime, "moveNo, ctnNo, billNo, moveCode and moveTime are required");
        return {
          id: `move:${move.moveNo}`,
          apply: () => {
            this.bill(move.billNo).moves.push(move);
            if (move.callNo) this.bill(move.billNo).calls.add(move.callNo);
            const list = this.containers.get(move.ctnNo) ?? [];
            list.push(move);
            this.containers.set(move.ctnNo, list);
            return {
              topic: "ContainerMoved",
              data: JSON.stringify({ billNo: move.billNo, ctnNo: move.ctnNo, moveCode: move.moveCode }),
            };
          },
        };
      }
      case "recordCustoms(string)": {
        const record = { ...(payload as Omit<CustomsRecord, keyof Written>), ...at } as CustomsRecord;
        require(record.declNo &&
          record.billNo &&
          record.statusCode &&
          record.statusTime, "declNo, billNo, statusCode and statusTime are required");
        return {
          id: `customs:${record.declNo}:${record.statusCode}:${record.statusTime}`,
          apply: () => {
            this.bill(record.billNo).customs.push(record);
            return {
              topic: "CustomsStatus",
              data: JSON.stringify({ billNo: record.billNo, statusCode: record.statusCode }),
            };
          },
        };
      }
      case "recordRelease(string)": {
        const order = { ...(payload as Omit<ReleaseOrder, keyof Written>), ...at } as ReleaseOrder;
        require(order.releaseNo &&
          order.billNo &&
          order.statusCode &&
          order.releaseTime, "releaseNo, billNo, statusCode and releaseTime are required");
        return {
          id: `release:${order.releaseNo}`,
          apply: () => {
            this.bill(order.billNo).releases.push(order);
            return {
              topic: "ReleaseOrder",
              data: JSON.stringify({ billNo: order.billNo, statusCode: order.statusCode }),
            };
          },
        };
      }
      case "recordFee(string)": {
        const fee = { ...(payload as Omit<FeeRecord, keyof Written>), ...at } as FeeRecord;
        require(fee.feeNo && fee.billNo, "feeNo and billNo are required");
        return {
          id: `fee:${fee.feeNo}`,
          apply: () => {
            this.bill(fee.billNo).fees.push(fee);
            return { topic: "FeePaid", data: JSON.stringify({ billNo: fee.billNo }) };
          },
        };
      }
      default:
        throw new ContractError(`method ${method} is not a write method of ${PortLogisticsContract.NAME}`);
    }
  }

  /** Read-only calls, answered from current state. */
  query(method: string, args: unknown[]): string {
    const payload = parseArg(args);
    switch (method) {
      case "queryBills(string)": {
        const billNos = asList(payload, 1000);
        return JSON.stringify(billNos.map((b) => this.view(b)));
      }
      case "queryContainers(string)": {
        const ctnNos = asList(payload, 1000);
        return JSON.stringify(ctnNos.map((c) => ({ ctnNo: c, moves: this.containers.get(c) ?? [] })));
      }
      case "queryPortCall(string)":
        return JSON.stringify(this.calls.get(String(payload)) ?? null);
      default:
        throw new ContractError(
          `method ${method} is not a read-only method of ${PortLogisticsContract.NAME}`,
        );
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
    this.ids.add(id);
  }
}

function parseArg(args: unknown[]): unknown {
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

function require(condition: unknown, message: string): void {
  if (!condition) throw new ContractError(message);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ""),
  ) as Partial<T>;
}
