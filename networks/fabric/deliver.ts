import { createHash } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { common, orderer, peer } from "@hyperledger/fabric-protos";
import { toFabricBlock, toFilteredBlock } from "./blocks.ts";
import type { Block, Ledger } from "./ledger.ts";
import type { Membership } from "./membership.ts";

export interface DeliverOptions {
  channelId: string;
  ledger: Ledger;
  membership: Membership;
  /** With mutual TLS a request must carry the hash of the client's TLS certificate (Fabric's binding check). */
  mutualTls: boolean;
  /** How far a request's timestamp may be from the peer's clock. @default 15 minutes (Fabric's) */
  timeWindowMs?: number;
}

type Kind = "block" | "filtered" | "private";
type Status = common.StatusMap[keyof common.StatusMap];
type DeliverCall = grpc.ServerDuplexStream<common.Envelope, peer.DeliverResponse>;

/**
 * The peer's Deliver service (`protos.Deliver`: Deliver, DeliverFiltered, DeliverWithPrivateData), as
 * Fabric's common/deliver handles it: a signed envelope carrying a SeekInfo; the channel header's
 * timestamp must be within the time window and, with mutual TLS, name the client's TLS certificate hash
 * (else BAD_REQUEST); the creator must be a channel member whose signature verifies (else FORBIDDEN);
 * blocks from the start position are sent in order, waiting for new ones (BLOCK_UNTIL_READY) or refusing
 * a start beyond the height (FAIL_IF_NOT_READY: NOT_FOUND), and SUCCESS follows the stop block. Full
 * blocks are the committed blocks as stored (envelopes, TRANSACTIONS_FILTER, the orderer's signature).
 */
export class DeliverService {
  constructor(private readonly options: DeliverOptions) {}

  service(): grpc.UntypedServiceImplementation {
    return {
      deliver: (call: DeliverCall) => this.serve(call, "block"),
      deliverFiltered: (call: DeliverCall) => this.serve(call, "filtered"),
      deliverWithPrivateData: (call: DeliverCall) => this.serve(call, "private"),
    };
  }

  private serve(call: DeliverCall, kind: Kind): void {
    let stop: (() => void) | null = null;
    let busy = false;
    const end = () => {
      stop?.();
      stop = null;
    };
    call.on("data", (envelope: common.Envelope) => {
      // One seek at a time per stream, as Fabric's handler reads the next only after answering.
      if (busy) return;
      busy = true;
      const status = this.check(call, envelope);
      if ("status" in status) {
        sendStatus(call, status.status);
        call.end();
        return;
      }
      const { start, stopAt } = status;
      let done = false;
      stop = this.options.ledger.follow(start, (block) => {
        if (done || block.number > stopAt) return;
        const response = new peer.DeliverResponse();
        if (kind === "filtered") response.setFilteredBlock(this.filtered(block));
        else if (kind === "private") {
          const withPrivate = new peer.BlockAndPrivateData();
          withPrivate.setBlock(this.full(block));
          response.setBlockAndPrivateData(withPrivate);
        } else response.setBlock(this.full(block));
        call.write(response);
        if (block.number === stopAt) {
          done = true;
          sendStatus(call, common.Status.SUCCESS);
          queueMicrotask(end);
          busy = false;
        }
      });
    });
    call.on("end", () => {
      end();
      call.end();
    });
    call.on("cancelled", end);
    call.on("error", end);
  }

  /** Validates the request; returns the block range to send, or the status to answer with. */
  private check(
    call: DeliverCall,
    envelope: common.Envelope,
  ): { status: Status } | { start: number; stopAt: number } {
    const bad = { status: common.Status.BAD_REQUEST };
    let payload: common.Payload;
    let channelHeader: common.ChannelHeader;
    let signatureHeader: common.SignatureHeader;
    try {
      payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
      const header = payload.getHeader();
      if (!header) return bad;
      channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
      signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    } catch {
      return bad;
    }
    const ts = channelHeader.getTimestamp();
    if (!ts) return bad;
    const skew = Math.abs(Date.now() - (ts.getSeconds() * 1000 + ts.getNanos() / 1e6));
    if (skew > (this.options.timeWindowMs ?? 15 * 60_000)) return bad;
    if (this.options.mutualTls) {
      const certificate = call.getAuthContext()?.sslPeerCertificate?.raw;
      const claimed = Buffer.from(channelHeader.getTlsCertHash_asU8());
      if (!certificate || claimed.length === 0) return bad;
      if (!claimed.equals(createHash("sha256").update(certificate).digest())) return bad;
    }
    if (channelHeader.getChannelId() !== this.options.channelId) return { status: common.Status.NOT_FOUND };
    try {
      this.options.membership.verify(
        signatureHeader.getCreator_asU8(),
        envelope.getPayload_asU8(),
        envelope.getSignature_asU8(),
      );
    } catch {
      return { status: common.Status.FORBIDDEN };
    }
    let seek: orderer.SeekInfo;
    try {
      seek = orderer.SeekInfo.deserializeBinary(payload.getData_asU8());
    } catch {
      return bad;
    }
    const startPosition = seek.getStart();
    const stopPosition = seek.getStop();
    if (!startPosition || !stopPosition) return bad;
    const height = this.options.ledger.height;
    const start = positionOf(startPosition, height);
    let stopAt: number;
    if (stopPosition.hasOldest()) stopAt = start;
    else if (stopPosition.hasNewest()) stopAt = startPosition.hasNewest() ? start : height - 1;
    else if (stopPosition.hasSpecified()) stopAt = Number(stopPosition.getSpecified()!.getNumber());
    else stopAt = Number.MAX_SAFE_INTEGER;
    if (stopAt < start) return bad;
    if (seek.getBehavior() === orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY && start > height - 1)
      return { status: common.Status.NOT_FOUND };
    return { start, stopAt };
  }

  private full(summary: Block): common.Block {
    const block = this.options.ledger.storedBlock(summary.number)!;
    return toFabricBlock({
      number: block.number,
      previousHash: Buffer.from(block.previousHash, "hex"),
      dataHash: Buffer.from(block.dataHash, "hex"),
      envelopes: block.transactions.map((t) => Buffer.from(t.envelope, "base64")),
      validationCodes: block.transactions.map((t) => t.validationCode),
      signatures: Buffer.from(block.signatures, "base64"),
    });
  }

  private filtered(block: Block): peer.FilteredBlock {
    return toFilteredBlock(
      this.options.channelId,
      block.number,
      block.transactions.map((t) => ({
        txId: t.txId,
        validationCode: t.validationCode,
        event: t.event ? { chaincodeId: t.event.chaincodeId, eventName: t.event.eventName } : null,
      })),
    );
  }
}

function positionOf(position: orderer.SeekPosition, height: number): number {
  if (position.hasOldest()) return 0;
  if (position.hasNewest()) return height - 1;
  if (position.hasSpecified()) return Number(position.getSpecified()!.getNumber());
  return height; // next commit
}

function sendStatus(call: DeliverCall, status: Status): void {
  const response = new peer.DeliverResponse();
  response.setStatus(status);
  call.write(response);
}
