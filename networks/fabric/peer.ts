import * as grpc from "@grpc/grpc-js";
import anyPb from "google-protobuf/google/protobuf/any_pb.js";
import { gateway, google, type orderer, peer } from "@hyperledger/fabric-protos";
import type { ChaincodeOutcome, ChaincodeInvocation } from "./chaincodeSupport.ts";
import { checkEndorsements } from "./endorsement.ts";
import type { Block, Ledger, PendingTransaction } from "./ledger.ts";
import { AccessDenied, type Membership, type VerifiedCreator } from "./membership.ts";
import { layouts, satisfies, type SignaturePolicy } from "./policy.ts";
import { StateLock } from "./stateLock.ts";
import {
  buildPreparedTransaction,
  buildProposalResponsePayload,
  decodeEnvelope,
  decodeSignedProposal,
  endorse,
  expectedTxId,
  MalformedProposal,
  validateEnvelopeForm,
  type DecodedEnvelope,
  type DecodedProposal,
  type PeerSigner,
} from "./transactions.ts";
import { TxSimulator } from "./txSimulator.ts";

/** A chaincode as the channel knows it: where it runs and its endorsement policy. */
export interface InstalledChaincode {
  runtime: { execute(invocation: ChaincodeInvocation): Promise<ChaincodeOutcome> };
  policy: SignaturePolicy;
}

export interface PeerOptions {
  channelId: string;
  ledger: Ledger;
  membership: Membership;
  chaincodes: Map<string, InstalledChaincode>;
  /** The gateway's own peer (its organisation is the one that answers first). */
  signer: PeerSigner;
  /** The peers this process plays, one per organisation (MSP id -> signer), the gateway's own included. */
  endorsers: Map<string, PeerSigner>;
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

interface Ordered {
  decoded: DecodedEnvelope;
  creatorMspId: string;
}

/**
 * A Fabric peer's Gateway service (gateway.Gateway: Evaluate, Endorse, Submit, CommitStatus,
 * ChaincodeEvents) over gRPC, answering with the messages and error shapes a Fabric 2.5 peer uses, so
 * that `@hyperledger/fabric-gateway` cannot tell it from one. One process plays every organisation's
 * peer (each signs its endorsements with its own MSP identity), a solo orderer and the committer:
 * Endorse collects endorsements that satisfy the chaincode's policy (or from exactly the organisations the
 * client names), Submit orders the signed envelope, and the committer validates each transaction as a
 * peer does (form and tx id, then every endorsement against the MSPs and the policy, then MVCC and
 * phantom reads) before the block is written.
 */
export class FabricGatewayPeer {
  private readonly ordered: Ordered[] = [];
  private cutTimer: NodeJS.Timeout | null = null;
  private committing: Promise<void> = Promise.resolve();
  private readonly lock = new StateLock();
  private readonly endorserIdentities = new Map<string, VerifiedCreator>();

  /** host:port reported in error details; set once the server is bound. */
  address: string;

  constructor(private readonly options: PeerOptions) {
    this.address = options.address;
    for (const [mspId, signer] of options.endorsers)
      this.endorserIdentities.set(mspId, options.membership.validate(signer.serializedIdentity));
  }

  service(): grpc.UntypedServiceImplementation {
    const unary =
      <Req, Res>(handler: (call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>) =>
      (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) =>
        void handler(call).then(
          (r) => callback(null, r),
          (e: ServiceError) => callback(e),
        );
    return {
      evaluate: unary((call: grpc.ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>) =>
        this.evaluate(call.request),
      ),
      endorse: unary((call: grpc.ServerUnaryCall<gateway.EndorseRequest, gateway.EndorseResponse>) =>
        this.endorse(call.request),
      ),
      submit: unary((call: grpc.ServerUnaryCall<gateway.SubmitRequest, gateway.SubmitResponse>) =>
        this.submit(call.request),
      ),
      commitStatus: unary(
        (call: grpc.ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>) =>
          this.commitStatus(call),
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
    const { outcome } = await this.simulate(signed, "evaluate");
    const response = new peer.Response();
    response.setStatus(outcome.status);
    response.setMessage(outcome.message);
    response.setPayload(outcome.payload);
    const out = new gateway.EvaluateResponse();
    out.setResult(response);
    return out;
  }

  async endorse(request: gateway.EndorseRequest): Promise<gateway.EndorseResponse> {
    const signed = request.getProposedTransaction();
    if (!signed) throw this.error(grpc.status.INVALID_ARGUMENT, "a proposed transaction is required");
    // The client may name the endorsing organisations and so take responsibility for the policy; the
    // gateway then asks exactly those (and fails when one has no peer), else it plans from the policy.
    const requested = [...new Set(request.getEndorsingOrganizationsList())];
    const missing = requested.filter((org) => !this.options.endorsers.has(org));
    if (missing.length > 0)
      throw this.error(
        grpc.status.UNAVAILABLE,
        `failed to find any endorsing peers for org(s): ${missing.join(", ")}`,
      );
    const { proposal, creator, outcome, simulator } = await this.simulate(signed, "endorse");
    const chaincode = this.options.chaincodes.get(proposal.chaincodeId)!;
    const endorsers =
      requested.length > 0
        ? requested.map((org) => this.options.endorsers.get(org)!)
        : this.plan(chaincode.policy, creator.mspId);
    if (!endorsers)
      throw this.error(
        grpc.status.FAILED_PRECONDITION,
        "no peer combination can satisfy the endorsement policy",
      );
    const prp = buildProposalResponsePayload(proposal, { ...outcome, ...simulator.results() });
    const out = new gateway.EndorseResponse();
    out.setPreparedTransaction(
      buildPreparedTransaction(
        proposal,
        prp,
        endorsers.map((e) => endorse(prp, e)),
      ),
    );
    return out;
  }

  async submit(request: gateway.SubmitRequest): Promise<gateway.SubmitResponse> {
    const envelope = request.getPreparedTransaction();
    if (!envelope) throw this.error(grpc.status.INVALID_ARGUMENT, "a prepared transaction is required");
    let decoded: DecodedEnvelope;
    try {
      decoded = decodeEnvelope(envelope);
    } catch (error) {
      throw this.error(grpc.status.INVALID_ARGUMENT, (error as Error).message);
    }
    if (decoded.channelId !== this.options.channelId)
      throw this.error(grpc.status.NOT_FOUND, `channel '${decoded.channelId}' not found`);
    // The ordering service checks the client's signature on the envelope against the channel's writers.
    let creatorMspId: string;
    try {
      creatorMspId = this.options.membership.verify(
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
    this.enqueue({ decoded, creatorMspId });
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
    const stop = this.options.ledger.follow(start, send);
    call.on("cancelled", stop);
    call.on("close", stop);
    call.on("error", stop);
  }

  /**
   * The endorsement plan when the client names no organisations: the smallest sets of organisations the
   * policy accepts ("layouts", as discovery gives them), those with the gateway's own org first (it
   * endorses first in Fabric), then those with the submitter's org, taking the first whose peers'
   * endorsements satisfy the policy.
   */
  private plan(policy: SignaturePolicy, creatorMspId: string): PeerSigner[] | null {
    const own = this.options.signer.mspId;
    const rank = (orgs: string[]) => (orgs.includes(own) ? 0 : 2) + (orgs.includes(creatorMspId) ? 0 : 1);
    const candidates = layouts(policy)
      .filter((orgs) => orgs.every((o) => this.options.endorsers.has(o)))
      .sort((a, b) => rank(a) - rank(b) || a.length - b.length);
    for (const orgs of candidates)
      if (
        satisfies(
          policy,
          orgs.map((o) => this.endorserIdentities.get(o)!),
        )
      )
        return orgs.map((o) => this.options.endorsers.get(o)!);
    return null;
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
    let creator: VerifiedCreator;
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
    if (proposal.txId !== expectedTxId(proposal.nonce, proposal.creator))
      throw this.error(
        grpc.status.FAILED_PRECONDITION,
        `${phase} call to endorser returned error: error validating proposal: incorrectly formed transaction ID`,
      );
    if (this.options.ledger.transaction(proposal.txId))
      throw this.error(
        grpc.status.FAILED_PRECONDITION,
        `${phase} call to endorser returned error: duplicate transaction found [${proposal.txId}]`,
      );
    const chaincode = this.options.chaincodes.get(proposal.chaincodeId);
    if (!chaincode)
      throw this.error(
        grpc.status.NOT_FOUND,
        `no peers available to ${phase} chaincode ${proposal.chaincodeId} in channel ${proposal.channelId}`,
      );
    const simulator = new TxSimulator(this.options.ledger, proposal.txId);
    let outcome: ChaincodeOutcome;
    try {
      // The whole run sees one committed state: commits wait for running simulations.
      outcome = await this.lock.shared(() =>
        chaincode.runtime.execute({
          channelId: proposal.channelId,
          txId: proposal.txId,
          signedProposal: signed,
          input: proposal.input,
          simulator,
        }),
      );
    } catch (error) {
      outcome = {
        status: 500,
        message: `error in simulation: failed to execute transaction ${proposal.txId}: ${(error as Error).message}`,
        payload: new Uint8Array(0),
        event: null,
      };
    }
    if (outcome.status >= 400) {
      const message = `chaincode response ${outcome.status}, ${outcome.message}`;
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
    return { proposal, creator, outcome, simulator };
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

  private enqueue(tx: Ordered): void {
    this.ordered.push(tx);
    const max = this.options.maxTransactionsPerBlock ?? 100;
    if (this.ordered.length >= max) return this.cut();
    this.cutTimer ??= setTimeout(() => this.cut(), this.options.batchTimeoutMs ?? 20);
  }

  /** Cuts a block of what was ordered and has the committer validate and write it, blocks in order. */
  private cut(): void {
    if (this.cutTimer) clearTimeout(this.cutTimer);
    this.cutTimer = null;
    const batch = this.ordered.splice(0, this.ordered.length);
    if (batch.length === 0) return;
    this.committing = this.committing.then(() =>
      this.lock.exclusive(() => {
        this.options.ledger.commit(batch.map((tx) => this.validate(tx)));
      }),
    );
  }

  /** The committer's checks before MVCC: the envelope's form and tx id, then the endorsements (VSCC). */
  private validate({ decoded, creatorMspId }: Ordered): PendingTransaction {
    let code = validateEnvelopeForm(decoded);
    const chaincode = this.options.chaincodes.get(decoded.chaincodeId);
    if (code === peer.TxValidationCode.VALID && !chaincode) code = peer.TxValidationCode.INVALID_CHAINCODE;
    if (code === peer.TxValidationCode.VALID) {
      const verdict = checkEndorsements(
        chaincode!.policy,
        this.options.membership,
        decoded.proposalResponsePayload,
        decoded.endorsements,
      );
      if (!verdict.satisfied) code = peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
    }
    return {
      txId: decoded.txId,
      creatorMspId,
      timestamp: decoded.timestamp.toISOString(),
      chaincodeId: decoded.chaincodeId,
      envelope: decoded.envelopeBytes,
      reads: decoded.reads,
      rangeQueries: decoded.rangeQueries,
      writes: decoded.writes,
      event: decoded.event
        ? {
            chaincodeId: decoded.chaincodeId,
            txId: decoded.txId,
            eventName: decoded.event.name,
            payload: Buffer.from(decoded.event.payload).toString("base64"),
          }
        : null,
      ...(code === peer.TxValidationCode.VALID ? {} : { presetCode: code }),
    };
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
