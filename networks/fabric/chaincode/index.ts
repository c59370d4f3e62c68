/**
 * The carrier chaincode package, as a Fabric Node chaincode exports it (`contracts`): fabric-shim's
 * contract runtime (ChaincodeFromContract) serves every contract listed, the first being the default.
 */
import { CarrierContract } from "./carrierContract.ts";

export const contracts = [CarrierContract];
export { CarrierContract };
