import type { Contract } from "fabric-contract-api";
import { ClientIdentity, type SimulationStub } from "./stub.ts";
import type { VerifiedCreator } from "./membership.ts";

const RESERVED = new Set([
  "constructor",
  "beforeTransaction",
  "afterTransaction",
  "unknownTransaction",
  "createContext",
  "getName",
]);

export interface ChaincodeResponse {
  status: number;
  message: string;
  payload: Uint8Array;
}

/**
 * Runs fabric-contract-api contracts the way fabric-shim dispatches them: `[contract:]function` picks
 * the contract (the first is the default) and its method; `beforeTransaction`/`afterTransaction` hooks
 * run around it; a returned string is the payload as is, anything else JSON; a throw is a 500 response.
 */
export class ChaincodeRuntime {
  private readonly chaincodes = new Map<string, Contract[]>();

  install(name: string, contracts: Contract[]): void {
    this.chaincodes.set(name, contracts);
  }

  has(name: string): boolean {
    return this.chaincodes.has(name);
  }

  async invoke(
    chaincodeId: string,
    fn: string,
    args: string[],
    stub: SimulationStub,
    creator: VerifiedCreator,
  ): Promise<ChaincodeResponse> {
    const contracts = this.chaincodes.get(chaincodeId);
    if (!contracts) return fail(`chaincode ${chaincodeId} is not installed on this peer`);
    const [contractName, method] = fn.includes(":") ? fn.split(":", 2) : [null, fn];
    const contract = contractName ? contracts.find((c) => c.getName() === contractName) : contracts[0];
    if (!contract) return fail(`contract ${contractName} not found in chaincode ${chaincodeId}`);
    const target = (contract as unknown as Record<string, unknown>)[method!];
    if (!method || RESERVED.has(method) || method.startsWith("_") || typeof target !== "function") {
      return fail(`You've asked to invoke a function that does not exist: ${method}`);
    }
    const ctx = contract.createContext();
    (ctx as unknown as { stub: SimulationStub }).stub = stub;
    (ctx as unknown as { clientIdentity: ClientIdentity }).clientIdentity = new ClientIdentity(creator);
    try {
      await contract.beforeTransaction(ctx);
      const result = await (target as (...a: unknown[]) => Promise<unknown>).call(contract, ctx, ...args);
      await contract.afterTransaction(ctx, result);
      return { status: 200, message: "", payload: toBytes(result) };
    } catch (error) {
      return fail((error as Error).message ?? String(error));
    }
  }
}

function fail(message: string): ChaincodeResponse {
  return { status: 500, message, payload: new Uint8Array(0) };
}

function toBytes(result: unknown): Uint8Array {
  if (result === undefined || result === null) return new Uint8Array(0);
  if (typeof result === "string") return Buffer.from(result);
  if (result instanceof Uint8Array) return result;
  return Buffer.from(JSON.stringify(result));
}
