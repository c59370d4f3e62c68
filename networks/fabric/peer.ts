import { verify as verifySignature, X509Certificate } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import anyPb from "google-protobuf/google/protobuf/any_pb.js";
import { gateway, google, msp, type orderer, peer } from "@hyperledger/fabric-protos";
import type { ChaincodeRuntime } from "./chaincodeRuntime.ts";
import type { Block, Ledger, PendingTransaction } from "./ledger.ts";
import { AccessDenied, type Membership } from "./membership.ts";
import { SimulationStub } from "./stub.ts";
import {
  buildPreparedTransaction,
  decodeEnvelope,
  decodeSignedProposal,
  expectedTxId,
  MalformedProposal,
  type DecodedProposal,
  type PeerSigner,
} from "./transactions.ts";

export interface PeerOptions {
  channelId: string;
  ledger: Ledger;
  membership: Membership;
  chaincodes: ChaincodeRuntime;
  signer: PeerSigner;
  /** The address this peer reports in error details. */
  address: string;
  /** Block cutting: most transactions per block, and the longest a transaction waits for its block. */
  maxTransactionsPerBlock?: number;
  batchTimeoutMs?: number;
}

type ServiceError = Partial<grpc.StatusObject> & {
  code: grpc.status;
  details: string;
  metadata?: grpc.Metadata;
};

/**
 * A Fabric peer's Gateway service (gateway.Gateway: Evaluate, Endorse, Submit, CommitStatus,
 * ChaincodeEvents) over gRPC, answering with the messages and error shapes a Fabric 2.5 peer uses, so
 * that `@hyperledger/fabric-gateway` cannot tell it from one. Endorsement, ordering and validation all
 * happen in this one process: one org's peer plus a solo orderer.
 */
export class FabricGatewayPeer {
  private readonly pending: PendingTransaction[] = [];
  private cutTimer: NodeJS.Timeout | null = null;

  /** host:port reported in error details; set once the server is bound. */
  address: string;

  constructor(private readonly options: PeerOptions) {
    this.address = options.address;
  }

  service(): grpc.UntypedServiceImplementation {
    return {
      evaluate: (
        call: grpc.ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>,
        callback: grpc.sendUnaryData<gateway.EvaluateResponse>,
      ) =>
        void this.evaluate(call.request).then(
          (r) => callback(null, r),
          (e: ServiceError) => callback(e),
        ),
      endorse: (
        call: grpc.ServerUnaryCall<gateway.EndorseRequest, gateway.EndorseResponse>,
        callback: grpc.sendUnaryData<gateway.EndorseResponse>,
      ) =>
        void this.endorse(call.request).then(
          (r) => callback(null, r),
          (e: ServiceError) => callback(e),
        ),
      submit: (
        call: grpc.ServerUnaryCall<gateway.SubmitRequest, gateway.SubmitResponse>,
        callback: grpc.sendUnaryData<gateway.SubmitResponse>,
      ) =>
        void this.submit(call.request).then(
          (r) => callback(null, r),
          (e: ServiceError) => callback(e),
        ),
      commitStatus: (
        call: grpc.ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>,
        callback: grpc.sendUnaryData<gateway.CommitStatusResponse>,
      ) =>
        void this.commitStatus(call).then(
          (r) => callback(null, r),
          (e: ServiceError) => callback(e),
        ),
      chaincodeEvents: (
        call: grpc.ServerWritableStream<
          gateway.SignedChaincodeEventsRequest,
          gateway.ChaincodeEventsResponse
        >,
      ) => this.chaincodeEvents(call),
    };
  }

  async evaluate(request: gateway.EvaluateRequest): Promise<gateway.EvaluateResponse> {
    const signed = request.getProposedTransaction();
    if (!signed) throw this.error(grpc.status.INVALID_ARGUMENT, "a proposed transaction is required");
    const { result } = await this.simulate(signed, "evaluate");
    const response = new peer.Response();
    response.setStatus(result.status);
    response.setMessage(result.message);
    response.setPayload(result.payload);
    const out = new gateway.EvaluateResponse();
    out.setResult(response);
    return out;
  }

  async endorse(request: gateway.EndorseRequest): Promise<gateway.EndorseResponse> {
    const signed = request.getProposedTransaction();
    if (!signed) throw this.error(grpc.status.INVALID_ARGUMENT, "a proposed transaction is required");
    const { proposal, result } = await this.simulate(signed, "endorse");
    const out = new gateway.EndorseResponse();
    out.setPreparedTransaction(buildPreparedTransaction(proposal, result, this.options.signer));
    return out;
  }

  async submit(request: gateway.SubmitRequest): Promise<gateway.SubmitResponse> {
    const envelope = request.getPreparedTransaction();
    if (!envelope) throw this.error(grpc.status.INVALID_ARGUMENT, "a prepared transaction is required");
    let decoded;
    try {
      decoded = decodeEnvelope(envelope);
    } catch (error) {
      throw this.error(grpc.status.INVALID_ARGUMENT, (error as Error).message);
    }
    if (decoded.channelId !== this.options.channelId)
      throw this.error(grpc.status.NOT_FOUND, `channel '${decoded.channelId}' not found`);
    // The ordering service checks the client's signature on the envelope against the channel's writers.
    let creatorMsp: string;
    try {
      creatorMsp = this.options.membership.verify(
        decoded.creator,
        decoded.payloadBytes,
        decoded.signature,
      ).mspId;
    } catch (error) {
      const reason = error instanceof AccessDenied ? error.reason : String(error);
      throw this.error(
        grpc.status.ABORTED,
        `received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation failed: ${reason}`,
      );
    }
    // Validation (VSCC): every endorsement must verify, else ENDORSEMENT_POLICY_FAILURE at commit.
    const endorsed =
      decoded.endorsements.length > 0 &&
      decoded.endorsements.every((e) => this.verifyEndorsement(e.endorser, e.signedBytes, e.signature));
    this.enqueue({
      txId: decoded.txId,
      creatorMspId: creatorMsp,
      timestamp: decoded.timestamp.toISOString(),
      chaincodeId: decoded.chaincodeId,
      reads: decoded.reads,
      writes: decoded.writes,
      event: decoded.event
        ? {
            chaincodeId: decoded.chaincodeId,
            txId: decoded.txId,
            eventName: decoded.event.name,
            payload: Buffer.from(decoded.event.payload).toString("base64"),
          }
        : null,
      ...(endorsed ? {} : { presetCode: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE }),
    });
    return new gateway.SubmitResponse();
  }

  async commitStatus(
    call: grpc.ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>,
  ): Promise<gateway.CommitStatusResponse> {
    const signed = call.request;
    const request = gateway.CommitStatusRequest.deserializeBinary(signed.getRequest_asU8());
    this.checkSignedRequest(request.getIdentity_asU8(), signed.getRequest_asU8(), signed.getSignature_asU8());
    if (request.getChannelId() !== this.options.channelId)
      throw this.error(grpc.status.NOT_FOUND, `channel '${request.getChannelId()}' not found`);
    const txId = request.getTransactionId();
    const status = await this.waitForTransaction(txId, call.getDeadline());
    const out = new gateway.CommitStatusResponse();
    out.setResult(status.validationCode as never);
    out.setBlockNumber(status.blockNumber);
    return out;
  }

  chaincodeEvents(
    call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>,
  ): void {
    let request: gateway.ChaincodeEventsRequest;
    try {
      request = gateway.ChaincodeEventsRequest.deserializeBinary(call.request.getRequest_asU8());
      this.checkSignedRequest(
        request.getIdentity_asU8(),
        call.request.getRequest_asU8(),
        call.request.getSignature_asU8(),
      );
      if (request.getChannelId() !== this.options.channelId)
        throw this.error(grpc.status.NOT_FOUND, `channel '${request.getChannelId()}' not found`);
    } catch (error) {
      call.emit("error", error);
      return;
    }
    const chaincodeId = request.getChaincodeId();
    const start = this.startBlock(request.getStartPosition());
    const afterTx = request.getAfterTransactionId();
    let skipping = afterTx !== "";
    const send = (block: Block) => {
      const events = block.transactions
        .filter(
          (tx) =>
            tx.validationCode === peer.TxValidationCode.VALID &&
            tx.event &&
            tx.event.chaincodeId === chaincodeId,
        )
        .filter((tx) => {
          // Resume after a transaction: skip events in the start block up to and including it.
          if (!skipping || block.number !== start) return true;
          if (tx.txId === afterTx) skipping = false;
          return false;
        })
        .map((tx) => {
          const e = new peer.ChaincodeEvent();
          e.setChaincodeId(chaincodeId);
          e.setTxId(tx.txId);
          e.setEventName(tx.event!.eventName);
          e.setPayload(Buffer.from(tx.event!.payload, "base64"));
          return e;
        });
      if (block.number === start) skipping = false;
      if (events.length === 0) return;
      const response = new gateway.ChaincodeEventsResponse();
      response.setBlockNumber(block.number);
      response.setEventsList(events);
      call.write(response);
    };
    // Replay committed blocks, then follow new ones; the listener is attached first so none is missed.
    const backlog: Block[] = [];
    let replaying = true;
    const off = this.options.ledger.onBlock((block) => (replaying ? backlog.push(block) : send(block)));
    const height = this.options.ledger.height;
    for (let n = start; n < height; n++) send(this.options.ledger.block(n)!);
    for (const block of backlog) if (block.number >= Math.max(start, height)) send(block);
    replaying = false;
    const stop = () => off();
    call.on("cancelled", stop);
    call.on("close", stop);
    call.on("error", stop);
  }

  private async simulate(signed: peer.SignedProposal, phase: "evaluate" | "endorse") {
    let proposal: DecodedProposal;
    try {
      proposal = decodeSignedProposal(signed);
    } catch (error) {
      throw this.error(grpc.status.INVALID_ARGUMENT, (error as MalformedProposal).message);
    }
    if (proposal.channelId !== this.options.channelId)
      throw this.error(grpc.status.NOT_FOUND, `channel '${proposal.channelId}' not found`);
    let creator;
    try {
      creator = this.options.membership.verify(proposal.creator, proposal.proposalBytes, proposal.signature);
    } catch (error) {
      const org = error instanceof AccessDenied && error.mspId ? `[${error.mspId}]` : "unknown";
      // Fabric hides the precise reason from the caller ("access denied"), and logs it peer-side.
      throw this.error(
        grpc.status.FAILED_PRECONDITION,
        `${phase} call to endorser returned error: error validating proposal: access denied: channel [${proposal.channelId}] creator org ${org}`,
        [`access denied: ${(error as Error).message}`],
      );
    }
    if (proposal.txId !== expectedTxId(proposal.nonce, proposal.creator)) {
      throw this.error(
        grpc.status.FAILED_PRECONDITION,
        `${phase} call to endorser returned error: error validating proposal: incorrectly formed transaction ID`,
      );
    }
    if (!this.options.chaincodes.has(proposal.chaincodeId)) {
      throw this.error(
        grpc.status.NOT_FOUND,
        `no peers available to ${phase} chaincode ${proposal.chaincodeId} in channel ${proposal.channelId}`,
      );
    }
    const stub = new SimulationStub(
      this.options.ledger,
      proposal.channelId,
      proposal.txId,
      proposal.timestamp,
      creator,
      proposal.fn,
      proposal.args,
    );
    const response = await this.options.chaincodes.invoke(
      proposal.chaincodeId,
      proposal.fn,
      proposal.args,
      stub,
      creator,
    );
    if (response.status >= 400) {
      const message = `chaincode response ${response.status}, ${response.message}`;
      if (phase === "evaluate")
        throw this.error(grpc.status.UNKNOWN, `evaluate call to endorser returned error: ${message}`, [
          message,
        ]);
      throw this.error(
        grpc.status.ABORTED,
        "failed to endorse transaction, see attached details for more info",
        [message],
      );
    }
    return {
      proposal,
      result: {
        ...response,
        reads: [...stub.reads.values()],
        writes: [...stub.writes.values()],
        event: stub.event,
      },
    };
  }

  private checkSignedRequest(
    identityBytes: Uint8Array,
    requestBytes: Uint8Array,
    signature: Uint8Array,
  ): void {
    try {
      this.options.membership.verify(identityBytes, requestBytes, signature);
    } catch (error) {
      throw this.error(
        grpc.status.PERMISSION_DENIED,
        `failed to authorize request: ${(error as Error).message}`,
      );
    }
  }

  private verifyEndorsement(
    endorserBytes: Uint8Array,
    signedBytes: Uint8Array,
    signature: Uint8Array,
  ): boolean {
    try {
      const identity = msp.SerializedIdentity.deserializeBinary(endorserBytes);
      if (identity.getMspid() !== this.options.signer.mspId) return false;
      const cert = new X509Certificate(Buffer.from(identity.getIdBytes_asU8()));
      return verifySignature("sha256", signedBytes, cert.publicKey, signature);
    } catch {
      return false;
    }
  }

  private enqueue(tx: PendingTransaction): void {
    this.pending.push(tx);
    const max = this.options.maxTransactionsPerBlock ?? 100;
    if (this.pending.length >= max) return this.cut();
    this.cutTimer ??= setTimeout(() => this.cut(), this.options.batchTimeoutMs ?? 20);
  }

  private cut(): void {
    if (this.cutTimer) clearTimeout(this.cutTimer);
    this.cutTimer = null;
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length > 0) this.options.ledger.commit(batch);
  }

  private waitForTransaction(
    txId: string,
    deadline: grpc.Deadline,
  ): Promise<{ blockNumber: number; validationCode: number }> {
    const known = this.options.ledger.transaction(txId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const ms =
        deadline instanceof Date
          ? deadline.getTime() - Date.now()
          : Number.isFinite(deadline) && deadline > 0
            ? deadline - Date.now()
            : 60_000;
      const timer = setTimeout(
        () => {
          off();
          reject(
            this.error(grpc.status.DEADLINE_EXCEEDED, `timeout waiting for transaction ${txId} to commit`),
          );
        },
        Math.max(ms, 0),
      );
      const off = this.options.ledger.onBlock(() => {
        const found = this.options.ledger.transaction(txId);
        if (!found) return;
        clearTimeout(timer);
        off();
        resolve(found);
      });
    });
  }

  private startBlock(position: orderer.SeekPosition | undefined): number {
    if (!position) return this.options.ledger.height;
    if (position.hasSpecified()) return Number(position.getSpecified()!.getNumber());
    if (position.hasOldest()) return 0;
    return this.options.ledger.height; // next commit
  }

  /** A gRPC error with `gateway.ErrorDetail`s in `grpc-status-details-bin`, as the Fabric gateway sends. */
  private error(code: grpc.status, message: string, detailMessages: string[] = []): ServiceError {
    const metadata = new grpc.Metadata();
    if (detailMessages.length > 0) {
      const status = new google.rpc.Status();
      status.setCode(code);
      status.setMessage(message);
      status.setDetailsList(
        detailMessages.map((m) => {
          const detail = new gateway.ErrorDetail();
          detail.setAddress(this.address);
          detail.setMspId(this.options.signer.mspId);
          detail.setMessage(m);
          const any = new anyPb.Any();
          any.pack(detail.serializeBinary(), "gateway.ErrorDetail");
          return any;
        }),
      );
      metadata.set("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code, details: message, metadata };
  }
}

/** Starts the peer's gRPC server on host:port (0 picks a free port). */
export async function servePeer(
  peerService: FabricGatewayPeer,
  host: string,
  port: number,
  credentials = grpc.ServerCredentials.createInsecure(),
): Promise<{ server: grpc.Server; port: number; close(): Promise<void> }> {
  const server = new grpc.Server({ "grpc.keepalive_permit_without_calls": 1 });
  server.addService(gateway.GatewayService, peerService.service());
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, credentials, (error, p) => (error ? reject(error) : resolve(p))),
  );
  peerService.address = `${host}:${bound}`;
  return {
    server,
    port: bound,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
