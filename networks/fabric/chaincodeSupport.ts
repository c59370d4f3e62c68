import * as grpc from "@grpc/grpc-js";
import { ledger as ledgerProtos, peer } from "@hyperledger/fabric-protos";
import timestampPb from "google-protobuf/google/protobuf/timestamp_pb.js";
import type { HistoryEntry } from "./ledger.ts";
import { SimulationError, type TxSimulator } from "./txSimulator.ts";

const Type = peer.ChaincodeMessage.Type;
type MessageType = peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap];

/** Where a chaincode runs as an external service (chaincode-as-a-service), as its connection.json says. */
export interface ChaincodeEndpoint {
  /** host:port of the chaincode server. */
  address: string;
  /** How long a connection attempt may take (connection.json's dial_timeout). @default 10000 */
  dialTimeoutMs?: number;
  /** TLS to the chaincode server: its root CA, and the peer's client certificate when it asks for one. */
  tls?: { rootCertificate: string; clientCertificate?: string; clientKey?: string; serverName?: string };
}

/** The peer's end of a chaincode conversation: ChaincodeMessages both ways (a gRPC stream, or in memory). */
export interface ChaincodeStream {
  write(message: peer.ChaincodeMessage): unknown;
  on(event: "data", listener: (message: peer.ChaincodeMessage) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  cancel(): void;
}

/**
 * Dials a chaincode server over gRPC (`protos.Chaincode/Connect`), as a peer does for chaincode-as-a-service:
 * each launch dials a new connection (waiting up to the dial timeout), so a chaincode server that was
 * restarted is found again at once rather than after the old channel's reconnect backoff.
 */
export function grpcChaincodeTransport(endpoint: ChaincodeEndpoint): {
  dial(): Promise<ChaincodeStream>;
  close(): void;
  where: string;
} {
  const tls = endpoint.tls;
  let client: peer.ChaincodeClient | null = null;
  return {
    dial: () => {
      client?.close();
      const credentials = tls
        ? grpc.credentials.createSsl(
            Buffer.from(tls.rootCertificate),
            tls.clientKey ? Buffer.from(tls.clientKey) : null,
            tls.clientCertificate ? Buffer.from(tls.clientCertificate) : null,
          )
        : grpc.credentials.createInsecure();
      const current = new peer.ChaincodeClient(
        endpoint.address,
        credentials,
        tls?.serverName ? { "grpc.ssl_target_name_override": tls.serverName } : {},
      );
      client = current;
      return new Promise<ChaincodeStream>((resolve, reject) =>
        current.waitForReady(Date.now() + (endpoint.dialTimeoutMs ?? 10_000), (error) =>
          error ? reject(error) : resolve(current.connect()),
        ),
      );
    },
    close: () => client?.close(),
    where: endpoint.address,
  };
}

export interface ChaincodeInvocation {
  channelId: string;
  txId: string;
  signedProposal: peer.SignedProposal;
  input: peer.ChaincodeInput;
  simulator: TxSimulator;
}

export interface ChaincodeOutcome {
  status: number;
  message: string;
  payload: Uint8Array;
  event: { name: string; payload: Uint8Array } | null;
}

interface Running {
  invocation: ChaincodeInvocation;
  resolve(outcome: ChaincodeOutcome): void;
  reject(error: Error): void;
}

export class ChaincodeUnavailable extends Error {}

/**
 * The peer's side of the chaincode protocol (`protos.Chaincode/Connect`), for a chaincode that runs as
 * an external service: the peer dials the chaincode server, the chaincode REGISTERs with its package id,
 * the peer answers REGISTERED then READY, and then sends TRANSACTION messages (the signed proposal and
 * the chaincode input) and serves the chaincode's GET_STATE, PUT_STATE, DEL_STATE, GET_STATE_BY_RANGE,
 * QUERY_STATE_NEXT/CLOSE and GET_HISTORY_FOR_KEY requests from the transaction's simulator until it
 * answers COMPLETED. Many transactions share the stream, told apart by channel and tx id.
 */
export class ChaincodeConnection {
  private readonly running = new Map<string, Running>();
  private stream: ChaincodeStream | null = null;
  private ready: Promise<void> | null = null;

  /**
   * @param name the chaincode's name on the channel
   * @param packageId the package id the chaincode must register with (`label:hash`); another is refused
   * @param transport how to reach it (`where` names it in errors)
   * @param executeTimeoutMs longest a transaction may run (Fabric's chaincode.executetimeout)
   */
  constructor(
    readonly name: string,
    private readonly packageId: string,
    private readonly transport: {
      dial(): ChaincodeStream | Promise<ChaincodeStream>;
      close(): void;
      where: string;
    },
    private readonly executeTimeoutMs = 30_000,
  ) {}

  /** Runs one transaction on the chaincode; connects (again) first when the stream is not up. */
  async execute(invocation: ChaincodeInvocation): Promise<ChaincodeOutcome> {
    await this.connect();
    const key = `${invocation.channelId}${invocation.txId}`;
    if (this.running.has(key))
      throw new SimulationError(
        `transaction ${invocation.txId} is already running on chaincode ${this.name}`,
      );
    const timeoutMs = this.executeTimeoutMs;
    return new Promise<ChaincodeOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.running.delete(key);
        reject(new SimulationError(`timeout expired while executing transaction ${invocation.txId}`));
      }, timeoutMs);
      this.running.set(key, {
        invocation,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      const message = new peer.ChaincodeMessage();
      message.setType(Type.TRANSACTION);
      message.setTxid(invocation.txId);
      message.setChannelId(invocation.channelId);
      message.setPayload(invocation.input.serializeBinary());
      message.setProposal(invocation.signedProposal);
      message.setTimestamp(timestampPb.Timestamp.fromDate(new Date()));
      this.stream!.write(message);
    });
  }

  close(): void {
    this.fail(new ChaincodeUnavailable(`chaincode ${this.name} connection closed`));
    this.stream?.cancel();
    this.stream = null;
    this.ready = null;
    this.transport.close();
  }

  private connect(): Promise<void> {
    this.ready ??= (async () => {
      try {
        return await this.register(await this.transport.dial());
      } catch (error) {
        this.ready = null;
        throw error instanceof ChaincodeUnavailable
          ? error
          : new ChaincodeUnavailable(
              `could not reach chaincode ${this.name} at ${this.transport.where}: ${(error as Error).message}`,
            );
      }
    })();
    return this.ready;
  }

  /** The registration handshake on a new stream: REGISTER from the chaincode, REGISTERED and READY back. */
  private register(stream: ChaincodeStream): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.stream = stream;
      let registered = false;
      const down = (error: Error) => {
        if (this.stream === stream) {
          this.stream = null;
          this.ready = null;
        }
        if (!registered) reject(error);
        this.fail(error);
      };
      stream.on("data", (message: peer.ChaincodeMessage) => {
        if (!registered) {
          if (message.getType() !== Type.REGISTER) return;
          const id = peer.ChaincodeID.deserializeBinary(message.getPayload_asU8()).getName();
          if (id !== this.packageId) {
            stream.cancel();
            return down(
              new ChaincodeUnavailable(
                `chaincode at ${this.transport.where} registered as ${id}, expected ${this.packageId}`,
              ),
            );
          }
          registered = true;
          stream.write(control(Type.REGISTERED));
          stream.write(control(Type.READY));
          return resolve();
        }
        this.handle(stream, message);
      });
      stream.on("error", (error: Error) =>
        down(
          new ChaincodeUnavailable(
            `could not reach chaincode ${this.name} at ${this.transport.where}: ${error.message}`,
          ),
        ),
      );
      stream.on("end", () => down(new ChaincodeUnavailable(`chaincode ${this.name} stream terminated`)));
    });
  }

  private fail(error: Error): void {
    for (const [key, r] of this.running) {
      this.running.delete(key);
      r.reject(error);
    }
  }

  private handle(stream: ChaincodeStream, message: peer.ChaincodeMessage): void {
    const key = `${message.getChannelId()}${message.getTxid()}`;
    const running = this.running.get(key);
    const type = message.getType();
    if (type === Type.KEEPALIVE) return;
    if (!running) {
      if (type !== Type.COMPLETED && type !== Type.ERROR)
        stream.write(
          reply(message, Type.ERROR, Buffer.from(`no transaction ${message.getTxid()} is running`)),
        );
      return;
    }
    if (type === Type.COMPLETED || type === Type.ERROR) {
      this.running.delete(key);
      running.resolve(outcomeOf(message));
      return;
    }
    try {
      stream.write(reply(message, Type.RESPONSE, serve(running.invocation.simulator, message)));
    } catch (error) {
      const text =
        error instanceof SimulationError ? error.message : String((error as Error)?.message ?? error);
      stream.write(reply(message, Type.ERROR, Buffer.from(text)));
    }
  }
}

/** Answers one chaincode request from the simulator; the payload of the RESPONSE message. */
function serve(simulator: TxSimulator, message: peer.ChaincodeMessage): Uint8Array {
  const payload = message.getPayload_asU8();
  switch (message.getType()) {
    case Type.GET_STATE: {
      const request = peer.GetState.deserializeBinary(payload);
      publicOnly(request.getCollection());
      return simulator.getState(request.getKey()) ?? new Uint8Array(0);
    }
    case Type.PUT_STATE: {
      const request = peer.PutState.deserializeBinary(payload);
      publicOnly(request.getCollection());
      simulator.putState(request.getKey(), request.getValue_asU8());
      return new Uint8Array(0);
    }
    case Type.DEL_STATE: {
      const request = peer.DelState.deserializeBinary(payload);
      publicOnly(request.getCollection());
      simulator.deleteState(request.getKey());
      return new Uint8Array(0);
    }
    case Type.GET_STATE_BY_RANGE: {
      const request = peer.GetStateByRange.deserializeBinary(payload);
      publicOnly(request.getCollection());
      const metadataBytes = request.getMetadata_asU8();
      const metadata = metadataBytes.length > 0 ? peer.QueryMetadata.deserializeBinary(metadataBytes) : null;
      const opened = simulator.openRange(
        request.getStartkey(),
        request.getEndkey(),
        metadata ? { pageSize: metadata.getPagesize(), bookmark: metadata.getBookmark() } : undefined,
      );
      const response = rangeResponse(opened.id, opened.results, opened.hasMore);
      if (metadata) {
        const meta = new peer.QueryResponseMetadata();
        meta.setFetchedRecordsCount(opened.results.length);
        meta.setBookmark(simulator.bookmarkOf(opened.id));
        response.setMetadata(meta.serializeBinary());
      }
      return response.serializeBinary();
    }
    case Type.QUERY_STATE_NEXT: {
      const id = peer.QueryStateNext.deserializeBinary(payload).getId();
      const next = simulator.next(id);
      return (
        next.kind === "range"
          ? rangeResponse(id, next.page.results, next.page.hasMore)
          : historyResponse(id, next.results, next.hasMore)
      ).serializeBinary();
    }
    case Type.QUERY_STATE_CLOSE: {
      const id = peer.QueryStateClose.deserializeBinary(payload).getId();
      simulator.close(id);
      const response = new peer.QueryResponse();
      response.setId(id);
      response.setHasMore(false);
      return response.serializeBinary();
    }
    case Type.GET_HISTORY_FOR_KEY: {
      const key = peer.GetHistoryForKey.deserializeBinary(payload).getKey();
      const opened = simulator.openHistory(key);
      return historyResponse(opened.id, opened.results, opened.hasMore).serializeBinary();
    }
    case Type.GET_STATE_METADATA: {
      publicOnly(peer.GetStateMetadata.deserializeBinary(payload).getCollection());
      // No key-level endorsement policies are set on this channel, so every key's metadata is empty.
      return new peer.StateMetadataResult().serializeBinary();
    }
    case Type.PUT_STATE_METADATA:
      throw new SimulationError(
        "key-level endorsement policies (state metadata) are not supported by this peer",
      );
    case Type.GET_QUERY_RESULT:
      throw new SimulationError("ExecuteQuery not supported for leveldb");
    case Type.INVOKE_CHAINCODE:
      throw new SimulationError("chaincode-to-chaincode invocation is not supported by this peer");
    default:
      throw new SimulationError(`unsupported chaincode message ${message.getType()}`);
  }
}

function publicOnly(collection: string): void {
  if (collection) throw new SimulationError("private data collections are not supported by this peer");
}

function rangeResponse(
  id: string,
  results: { key: string; value: Buffer }[],
  hasMore: boolean,
): peer.QueryResponse {
  const response = new peer.QueryResponse();
  response.setId(id);
  response.setHasMore(hasMore);
  response.setResultsList(
    results.map((r) => {
      const kv = new ledgerProtos.queryresult.KV();
      kv.setKey(r.key);
      kv.setValue(r.value);
      const bytes = new peer.QueryResultBytes();
      bytes.setResultbytes(kv.serializeBinary());
      return bytes;
    }),
  );
  return response;
}

function historyResponse(id: string, results: HistoryEntry[], hasMore: boolean): peer.QueryResponse {
  const response = new peer.QueryResponse();
  response.setId(id);
  response.setHasMore(hasMore);
  response.setResultsList(
    results.map((h) => {
      const modification = new ledgerProtos.queryresult.KeyModification();
      modification.setTxId(h.txId);
      if (h.value) modification.setValue(h.value);
      modification.setIsDelete(h.isDelete);
      const ms = new Date(h.timestamp).getTime();
      const ts = new timestampPb.Timestamp();
      ts.setSeconds(Math.floor(ms / 1000));
      ts.setNanos((ms % 1000) * 1_000_000);
      modification.setTimestamp(ts);
      const bytes = new peer.QueryResultBytes();
      bytes.setResultbytes(modification.serializeBinary());
      return bytes;
    }),
  );
  return response;
}

function control(type: MessageType): peer.ChaincodeMessage {
  const message = new peer.ChaincodeMessage();
  message.setType(type);
  return message;
}

function reply(to: peer.ChaincodeMessage, type: MessageType, payload: Uint8Array): peer.ChaincodeMessage {
  const message = new peer.ChaincodeMessage();
  message.setType(type);
  message.setTxid(to.getTxid());
  message.setChannelId(to.getChannelId());
  message.setPayload(payload);
  return message;
}

function outcomeOf(message: peer.ChaincodeMessage): ChaincodeOutcome {
  if (message.getType() === Type.ERROR)
    return {
      status: 500,
      message: Buffer.from(message.getPayload_asU8()).toString(),
      payload: new Uint8Array(0),
      event: null,
    };
  const response = peer.Response.deserializeBinary(message.getPayload_asU8());
  const event = message.getChaincodeEvent();
  return {
    status: response.getStatus(),
    message: response.getMessage(),
    payload: response.getPayload_asU8(),
    event:
      event && event.getEventName() ? { name: event.getEventName(), payload: event.getPayload_asU8() } : null,
  };
}
