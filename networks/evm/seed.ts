import { type Address, type Hex } from "viem";
import { CARRIERS } from "../../world/catalog.ts";
import type { World, WorldShipment, TitleStep } from "../../world/types.ts";
import type { EvmActor, EvmActors } from "./accounts.ts";
import { artifacts } from "./contracts.ts";
import type { ChainClients, EvmDeployment } from "./deploy.ts";
import { issueDocument, type IssuedDocument } from "./documents.ts";

export interface SeededDocument extends IssuedDocument {
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  issuer: Address;
  carrierScac: string;
}

interface Operation {
  at: Date;
  order: number;
  describe: string;
  run(): Promise<Hex>;
}

/** Which part of the title history to write: the steps after `after`, the documents issued before it. */
export interface TitleWindow {
  /** Write only what happens after this instant (the world clock's last move). */
  after: Date;
  /** Documents issued before `after`, by B/L number: later steps act on their tokens. */
  issued: ReadonlyMap<string, { documentHash: string }>;
}

/**
 * Replays the world's title history on the chain with real signed transactions, in time order, each
 * block stamped with the time the story gives (so endorsement chains read like the real ones). With a
 * window, only the steps after its start (the world clock's slices); returns the documents it issued.
 */
export async function seedTitles(
  world: World,
  clients: ChainClients,
  actors: EvmActors,
  deployment: EvmDeployment,
  documentsDir: string,
  window?: TitleWindow,
): Promise<SeededDocument[]> {
  const documents: SeededDocument[] = [];
  const operations: Operation[] = [];
  const inWindow = (at: Date) => !window || at > window.after;
  world.shipments.forEach((shipment, index) => {
    const carrier = actors.carriers.get(shipment.carrierScac)!;
    if (shipment.documentKind === "NEGOTIABLE_EBL" && shipment.title.length > 0) {
      const steps = shipment.title.filter((step) => inWindow(step.at));
      if (steps.length === 0) return;
      const registry = deployment.registries[shipment.carrierScac]!;
      const issuedBefore = window && !inWindow(shipment.title[0]!.at);
      const known = issuedBefore ? window.issued.get(shipment.reference) : undefined;
      if (issuedBefore && !known) throw new Error(`${shipment.reference}: its eBL was never issued`);
      let doc: { documentHash: Hex };
      if (known) doc = { documentHash: known.documentHash as Hex };
      else {
        const issued = issueDocument(
          shipment,
          { kind: "TOKEN_REGISTRY", address: registry, chainId: deployment.chainId },
          documentsDir,
        );
        documents.push({
          ...issued,
          kind: "TOKEN_REGISTRY",
          issuer: registry,
          carrierScac: shipment.carrierScac,
        });
        doc = issued;
      }
      for (const step of steps) {
        operations.push({
          at: step.at,
          order: index,
          describe: `${step.action} ${shipment.reference}`,
          run: () => titleStep(clients, actors, carrier, registry, doc.documentHash, shipment, step),
        });
      }
      const issue = shipment.title[0];
      // Minted with the issue it duplicates (an hour later), in whichever slice writes the issue.
      if (shipment.conflicts.includes("DUPLICATE_TITLE") && issue?.action === "ISSUE" && !issuedBefore) {
        // Seeded conflict: another carrier's registry mints a token for the same document (same hash),
        // so the same B/L is live on two registries.
        const rogueScac =
          CARRIERS[(CARRIERS.findIndex((c) => c.scac === shipment.carrierScac) + 1) % CARRIERS.length]!.scac;
        const rogue = actors.carriers.get(rogueScac)!;
        const rogueRegistry = deployment.registries[rogueScac]!;
        const shipper = actors.parties.get(shipment.shipper)!.account.address;
        operations.push({
          at: new Date(issue.at.getTime() + 3_600_000),
          order: index,
          describe: `rogue ISSUE ${shipment.reference} on ${rogueScac}'s registry`,
          run: () =>
            clients.walletFor(rogue).writeContract({
              address: rogueRegistry,
              abi: artifacts.tradeTrustToken.abi,
              functionName: "mint",
              args: [shipper, shipper, BigInt(doc.documentHash), "0x"],
              gas: 1_000_000n,
            }),
        });
      }
    } else if (shipment.documentKind === "SEA_WAYBILL") {
      const issued = shipment.events.find((e) => e.code === "ISSU" && e.classifier === "ACT");
      if (!issued || !inWindow(issued.at)) return;
      const store = deployment.documentStores[shipment.carrierScac]!;
      const doc = issueDocument(
        shipment,
        { kind: "DOCUMENT_STORE", address: store, chainId: deployment.chainId },
        documentsDir,
      );
      documents.push({ ...doc, kind: "DOCUMENT_STORE", issuer: store, carrierScac: shipment.carrierScac });
      operations.push({
        at: issued.at,
        order: index,
        describe: `ISSUE ${shipment.reference} on document store`,
        run: () =>
          clients.walletFor(carrier).writeContract({
            address: store,
            abi: artifacts.documentStore.abi,
            functionName: "issue",
            args: [doc.documentHash],
            gas: 500_000n,
          }),
      });
    }
  });
  operations.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);

  // Blocks never go back in time: a slice starts after the chain's latest block.
  let lastTimestamp = window ? Number((await clients.publicClient.getBlock()).timestamp) : 0;
  for (const op of operations) {
    const timestamp = Math.max(Math.floor(op.at.getTime() / 1000), lastTimestamp + 1);
    lastTimestamp = timestamp;
    await clients.publicClient.request({
      method: "evm_setNextBlockTimestamp" as never,
      params: [timestamp] as never,
    });
    const hash = await op.run();
    const receipt = await clients.publicClient.getTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`seed transaction reverted: ${op.describe} (${hash})`);
  }
  return documents;
}

async function titleStep(
  clients: ChainClients,
  actors: EvmActors,
  carrier: EvmActor,
  registry: Address,
  tokenHex: Hex,
  shipment: WorldShipment,
  step: TitleStep,
): Promise<Hex> {
  const tokenId = BigInt(tokenHex);
  const party = (id: string | undefined): EvmActor => {
    const actor = id ? actors.parties.get(id) : undefined;
    if (!actor) throw new Error(`${shipment.reference}: no key for party ${id}`);
    return actor;
  };
  const signer = step.by === "carrier" ? carrier : party(step.by);
  const wallet = clients.walletFor(signer);
  const gas = 1_000_000n;
  const remark = "0x" as Hex;
  const onRegistry = (functionName: string, args: unknown[]) =>
    wallet.writeContract({ address: registry, abi: artifacts.tradeTrustToken.abi, functionName, args, gas });
  const escrow = async () =>
    (await clients.publicClient.readContract({
      address: registry,
      abi: artifacts.tradeTrustToken.abi,
      functionName: "ownerOf",
      args: [tokenId],
    })) as Address;
  const onEscrow = async (functionName: string, args: unknown[]) =>
    wallet.writeContract({
      address: await escrowAddress(),
      abi: artifacts.titleEscrow.abi,
      functionName,
      args,
      gas,
    });
  // After a return to issuer the registry owns the token; the escrow's address is still derivable.
  const escrowAddress = async (): Promise<Address> => {
    const owner = await escrow();
    if (owner.toLowerCase() !== registry.toLowerCase()) return owner;
    throw new Error(`${shipment.reference}: token is with the registry, no escrow action possible`);
  };
  switch (step.action) {
    case "ISSUE":
      return onRegistry("mint", [
        party(step.beneficiary).account.address,
        party(step.holder).account.address,
        tokenId,
        remark,
      ]);
    case "TRANSFER_HOLDER":
      return onEscrow("transferHolder", [party(step.holder).account.address, remark]);
    case "TRANSFER_OWNERS":
      return onEscrow("transferOwners", [
        party(step.beneficiary).account.address,
        party(step.holder).account.address,
        remark,
      ]);
    case "NOMINATE":
      return onEscrow("nominate", [party(step.beneficiary).account.address, remark]);
    case "TRANSFER_BENEFICIARY":
      return onEscrow("transferBeneficiary", [party(step.beneficiary).account.address, remark]);
    case "REJECT_TRANSFER_HOLDER":
      return onEscrow("rejectTransferHolder", [remark]);
    case "RETURN_TO_ISSUER":
      return onEscrow("returnToIssuer", [remark]);
    case "RESTORE":
      return onRegistry("restore", [tokenId, remark]);
    case "ACCOMPLISH":
      return onRegistry("burn", [tokenId, remark]);
  }
}
