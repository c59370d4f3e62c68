import { EventEmitter } from "node:events";
import { peer } from "@hyperledger/fabric-protos";
import { JSONSerializer } from "fabric-contract-api";
import type { ChaincodeStream } from "../chaincodeSupport.ts";
import { loadFabricShim } from "./fabricShim.ts";
import { contracts } from "./index.ts";

/**
 * The carrier chaincode in this process, spoken to over the chaincode protocol without a socket: the
 * peer's ChaincodeMessages go, serialized and parsed again, to fabric-shim's own ChaincodeMessageHandler
 * (its message queue, ChaincodeStub, ClientIdentity, iterators and fabric-contract-api routing, exactly as
 * its ChaincodeServer runs them for a connection), and its messages come back the same way. Only the
 * HTTP/2 transport of chaincode-as-a-service is left out: a round trip over gRPC costs ~1 ms here, and a
 * read of 1,000 shipments makes 3,000 of them (the shim sends one request per transaction at a time).
 */
export function inProcessChaincodeTransport(packageId: string): {
  dial(): ChaincodeStream;
  close(): void;
  where: string;
} {
  const { ChaincodeFromContract, ChaincodeMessageHandler } = loadFabricShim();
  const chaincode = new ChaincodeFromContract(
    [...contracts],
    { transaction: "jsonSerializer", serializers: { jsonSerializer: JSONSerializer } },
    {},
    "carrier",
    "1.0",
  );
  const open = new Set<() => void>();
  return {
    where: "in-process",
    dial() {
      const peerSide = new EventEmitter();
      const shimSide = new EventEmitter();
      let closed = false;
      // Each message crosses as bytes, in a later microtask: no object is shared, and neither side is
      // re-entered from inside its own write (as with a real stream).
      const deliver = (to: EventEmitter, message: peer.ChaincodeMessage) => {
        const bytes = message.serializeBinary();
        queueMicrotask(() => {
          if (closed) return;
          const parsed = peer.ChaincodeMessage.deserializeBinary(bytes);
          // As a socket buffers, what arrives before the reader listens waits for it (the REGISTER does).
          if (to.listenerCount("data") === 0) pending.get(to)!.push(parsed);
          else to.emit("data", parsed);
        });
      };
      const pending = new Map<EventEmitter, peer.ChaincodeMessage[]>([
        [peerSide, []],
        [shimSide, []],
      ]);
      for (const side of [peerSide, shimSide])
        side.on("newListener", (event: string) => {
          if (event !== "data") return;
          const queued = pending.get(side)!.splice(0);
          queueMicrotask(() => {
            for (const message of queued) side.emit("data", message);
          });
        });
      const close = () => {
        if (closed) return;
        closed = true;
        open.delete(close);
        queueMicrotask(() => {
          shimSide.emit("end");
          peerSide.emit("end");
        });
      };
      open.add(close);
      const shimStream = Object.assign(shimSide, {
        write: (message: peer.ChaincodeMessage) => deliver(peerSide, message),
        end: close,
      });
      const handler = new ChaincodeMessageHandler(shimStream, chaincode);
      const id = new peer.ChaincodeID();
      id.setName(packageId);
      const register = new peer.ChaincodeMessage();
      register.setType(peer.ChaincodeMessage.Type.REGISTER);
      register.setPayload(id.serializeBinary());
      handler.chat(register);
      return Object.assign(peerSide, {
        write: (message: peer.ChaincodeMessage) => deliver(shimSide, message),
        cancel: close,
      }) as unknown as ChaincodeStream;
    },
    close() {
      for (const close of [...open]) close();
    },
  };
}
