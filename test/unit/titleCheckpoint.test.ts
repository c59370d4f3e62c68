import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import {
  TitleCheckpointStore,
  type TitleCheckpoint,
  type TitleJournalEntry,
} from "../../adapters/evm/titleCheckpoint.ts";
import type { IndexedTransfer } from "../../adapters/evm/transfers.ts";
import { DurableDelivery, type DurableTitleChange } from "../../adapters/evm/durableDelivery.ts";

const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, "0")}` as Hex;
const registry = hex(0xaa, 20) as Address;

function emptyState(): TitleCheckpoint {
  return {
    version: 1,
    chainId: 31337,
    genesisHash: hex(1, 32),
    factory: hex(0xfa, 20) as Address,
    block: "10",
    blockHash: hex(10, 32),
    escrows: {},
    transfers: {},
  };
}

/** A pass as the index makes it: it changes the state, and journals what it changed. */
function pass(state: TitleCheckpoint, block: number, tokens: number[]): TitleJournalEntry[] {
  const entries: TitleJournalEntry[] = [];
  for (const t of tokens) {
    const escrow = hex(0xe000 + t, 20);
    const token = { registry, documentHash: hex(t, 32) };
    if (!state.escrows[escrow]) {
      state.escrows[escrow] = token;
      entries.push({ escrow, token });
    }
    const key = `${registry}:${token.documentHash}`;
    const transfer: IndexedTransfer = {
      action: "TRANSFER_HOLDER",
      from: hex(1, 20) as Address,
      to: hex(2, 20) as Address,
      blockNumber: String(block),
      transactionHash: hex(block * 1000 + t, 32),
      timestamp: 1_700_000_000 + block,
    };
    (state.transfers[key] ??= []).push(transfer);
    entries.push({ token: key, transfer });
  }
  state.block = String(block);
  state.blockHash = hex(block, 32);
  return [...entries, { block: state.block, blockHash: state.blockHash }];
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), "tg-title-cp-")), "evm.json");

describe("title index checkpoint: snapshot plus journal", () => {
  it("follows empty blocks by appending a few bytes each, never rewriting the snapshot", () => {
    const file = tempFile();
    const store = new TitleCheckpointStore(file);
    const state = emptyState();
    store.compact(state);
    store.append(
      pass(
        state,
        11,
        Array.from({ length: 500 }, (_, i) => i),
      ),
      state,
    );
    const before = store.sizes();
    for (let block = 12; block < 112; block++) store.append(pass(state, block, []), state);
    const after = store.sizes();
    expect(after.snapshot).toBe(before.snapshot);
    expect((after.journal - before.journal) / 100).toBeLessThan(120); // bytes per empty block
    expect(new TitleCheckpointStore(file).load()).toEqual(state);
  });

  it("reads back exactly the state it was given, across passes and a compaction", () => {
    const file = tempFile();
    const store = new TitleCheckpointStore(file);
    const state = emptyState();
    store.compact(state);
    for (let block = 11; block < 40; block++)
      store.append(pass(state, block, [block % 7, block % 11]), state);
    expect(new TitleCheckpointStore(file).load()).toEqual(state);
    store.compact(state);
    expect(store.sizes().journal).toBe(0);
    store.append(pass(state, 40, [3]), state);
    expect(new TitleCheckpointStore(file).load()).toEqual(state);
  });

  it("folds the journal into the snapshot once it outgrows it", () => {
    const file = tempFile();
    const store = new TitleCheckpointStore(file);
    const state = emptyState();
    store.compact(state);
    let compacted = false;
    for (let block = 11; block < 20_000 && !compacted; block++) {
      store.append(pass(state, block, [block % 50]), state);
      compacted = store.sizes().journal === 0;
    }
    expect(compacted).toBe(true);
    expect(new TitleCheckpointStore(file).load()).toEqual(state);
  });

  it("drops a torn last line (a crash mid-append) and keeps every pass before it", () => {
    const file = tempFile();
    const store = new TitleCheckpointStore(file);
    const state = emptyState();
    store.compact(state);
    store.append(pass(state, 11, [1, 2]), state);
    store.append(pass(state, 12, [3]), state);
    // The crash: the last pass's lines never fully reached the disk.
    const journal = readFileSync(`${file}.journal`, "utf8");
    const cut = journal.lastIndexOf("\n", journal.length - 2);
    writeFileSync(`${file}.journal`, journal.slice(0, cut + 1) + journal.slice(cut + 1, cut + 20));
    const loaded = new TitleCheckpointStore(file).load()!;
    expect(loaded.block).toBe("11");
    // Every transfer of block 12 but the torn head line survived, which is harmless: replaying block 12
    // from the chain adds nothing twice.
    expect(loaded.transfers).toEqual(state.transfers);
    expect(loaded.escrows).toEqual(state.escrows);
  });

  it("replaying a journal over the newer snapshot it was folded into changes nothing", () => {
    const file = tempFile();
    const store = new TitleCheckpointStore(file);
    const state = emptyState();
    store.compact(state);
    for (let block = 11; block < 30; block++) store.append(pass(state, block, [block % 5]), state);
    copyFileSync(`${file}.journal`, `${file}.stale`);
    // A crash between a compaction's two writes: new snapshot, old journal still there.
    store.compact(state);
    copyFileSync(`${file}.stale`, `${file}.journal`);
    expect(new TitleCheckpointStore(file).load()).toEqual(state);
  });

  it("treats an unreadable snapshot as none (the index is read again from the chain)", () => {
    const file = tempFile();
    writeFileSync(file, '{"version":1,');
    appendFileSync(`${file}.journal`, "");
    expect(new TitleCheckpointStore(file).load()).toBeNull();
  });
});

describe("title changes owed to durable consumers", () => {
  it("reads an older checkpoint's `title:`-keyed debts as typed titles and delivers them with the transfers above the delivered height", async () => {
    const file = tempFile();
    const state = emptyState();
    pass(state, 11, [1]);
    pass(state, 12, [2]);
    const owedHash = hex(9, 32);
    const legacy = {
      ...state,
      deliveredThrough: "11",
      owed: { [`title:${registry}:${owedHash}`]: "13" },
    };
    writeFileSync(file, JSON.stringify(legacy));
    const loaded = new TitleCheckpointStore(file).load()!;
    expect(loaded.owed).toEqual({
      [`${registry}:${owedHash}`]: { registry, documentHash: owedHash, height: "13" },
    });
    const delivery = new DurableDelivery({ state: () => loaded, journal: () => {}, failed: () => {} });
    const got: DurableTitleChange[] = [];
    delivery.subscribe(async (batch) => void got.push(...batch));
    await expect.poll(() => got.length).toBe(2);
    expect(got).toEqual(
      expect.arrayContaining([
        { title: { registry, documentHash: owedHash }, height: 13n },
        { title: { registry, documentHash: hex(2, 32) }, height: 12n },
      ]),
    );
    await expect.poll(() => loaded.owed).toEqual({});
    delivery.stop();
  });
});
