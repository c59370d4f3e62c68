import { keccak256, toBytes, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { CARRIERS, PARTIES } from "../../world/catalog.ts";

export interface EvmActor {
  label: string;
  privateKey: Hex;
  account: PrivateKeyAccount;
}

/** Who signs on the eBL network: the deployer, each carrier (issuer) and each trading party. */
export interface EvmActors {
  deployer: EvmActor;
  carriers: Map<string, EvmActor>;
  parties: Map<string, EvmActor>;
}

/**
 * Keys are derived from the world seed so a restart of the local chain gives every party the same
 * address. They exist only on this local stand-in; a real network brings its own wallets.
 */
export function deriveActors(seed: string): EvmActors {
  const actor = (label: string): EvmActor => {
    const privateKey = keccak256(toBytes(`tradegraph:${seed}:evm:${label}`));
    return { label, privateKey, account: privateKeyToAccount(privateKey) };
  };
  return {
    deployer: actor("deployer"),
    carriers: new Map(CARRIERS.map((c) => [c.scac, actor(`carrier:${c.scac}`)])),
    parties: new Map(PARTIES.map((p) => [p.id, actor(`party:${p.id}`)])),
  };
}

export function everyActor(actors: EvmActors): EvmActor[] {
  return [actors.deployer, ...actors.carriers.values(), ...actors.parties.values()];
}
