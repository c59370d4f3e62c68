/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** ACT actual, PLN planned, EST estimated (DCSA eventClassifierCode). */
export type EventClassifier =
  | 'ACT'
  | 'EST'
  | 'PLN';

/** DCSA Track & Trace event types. */
export type EventType =
  | 'EQUIPMENT'
  | 'SHIPMENT'
  | 'TRANSPORT';

/** PENDING until enough confirmations sit on top of the fact (EVM), FINAL once it cannot change. */
export type Finality =
  | 'FINAL'
  | 'PENDING';

export type FragmentType =
  | 'DOCUMENT_INTEGRITY'
  | 'DOCUMENT_STATUS'
  | 'ISSUER_IDENTITY';

export type NetworkHealth =
  | 'DEGRADED'
  | 'DOWN'
  | 'UP';

export type ReleaseStatus =
  | 'NOT_REQUESTED'
  | 'REFUSED'
  | 'RELEASED'
  | 'REQUESTED';

export type TitleAction =
  | 'ACCOMPLISH'
  | 'ISSUE'
  | 'NOMINATE'
  | 'REJECT_TRANSFER'
  | 'RESTORE'
  | 'RETURN_TO_ISSUER'
  | 'TRANSFER_BENEFICIARY'
  | 'TRANSFER_HOLDER'
  | 'TRANSFER_OWNERS';

export type TitleStatus =
  /** Shredded: the token was burned and the title is spent. */
  | 'ACCOMPLISHED'
  /** The token sits in its title escrow: the title is live. */
  | 'ISSUED'
  /** Surrendered: the registry holds the token. */
  | 'RETURNED_TO_ISSUER';

export type VerificationStatus =
  | 'ERROR'
  | 'INVALID'
  | 'VALID';

export type HolderOfBillQueryVariables = Exact<{
  reference?: string | null | undefined;
  documentHash?: string | null | undefined;
}>;


export type HolderOfBillQuery = { billOfLading: { documentHash: string, reference: string | null, titleStatus: TitleStatus | null, holder: { name: string | null, address: string | null } | null, beneficiary: { name: string | null, address: string | null } | null, registry: { address: string, chainId: number } | null, endorsementChain: Array<{ action: TitleAction, at: string, from: { name: string | null } | null, to: { name: string | null } | null }> | null, verification: { valid: boolean, status: VerificationStatus, cached: boolean, fragments: Array<{ type: FragmentType, status: string, reason: string | null }> } | null } | null };

export type ShipmentStatusQueryVariables = Exact<{
  reference: string;
}>;


export type ShipmentStatusQuery = { shipment: { reference: string, carrierBookingReference: string | null, carrierVoyageNumber: string | null, carrier: { scac: string, name: string | null } | null, portOfLoading: { unLocationCode: string, name: string | null } | null, portOfDischarge: { unLocationCode: string, name: string | null } | null, vessel: { imoNumber: string, name: string | null } | null, carrierEvents: Array<{ eventType: EventType, code: string, eventClassifier: EventClassifier, eventDateTime: string, equipmentReference: string | null, mapped: boolean, nativeCode: string, location: { unLocationCode: string } | null }> | null, equipment: Array<{ reference: string, isoEquipmentCode: string | null }> | null, carrierRelease: { status: ReleaseStatus, releasedAt: string | null, releasedTo: { name: string | null } | null } | null } | null };

export type TitlesReportQueryVariables = Exact<{
  documentHashes: Array<string> | string;
}>;


export type TitlesReportQuery = { billsOfLading: Array<{ documentHash: string, titleStatus: TitleStatus | null, holder: { name: string | null } | null, endorsementChain: Array<{ action: TitleAction, at: string }> | null, titleSource: { blockNumber: string | null, finality: Finality } | null } | null>, networks: Array<{ name: string, health: NetworkHealth, height: string | null, indexedHeight: string | null, cache: string | null }> };

export type VerifyDocumentQueryVariables = Exact<{
  document: unknown;
}>;


export type VerifyDocumentQuery = { verifyDocument: { valid: boolean, status: VerificationStatus, cached: boolean, fragments: Array<{ type: FragmentType, name: string, status: string, reason: string | null }>, source: { blockNumber: string | null, finality: Finality } | null } };


export const HolderOfBillDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HolderOfBill"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentHash"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billOfLading"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}},{"kind":"Argument","name":{"kind":"Name","value":"documentHash"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentHash"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentHash"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"titleStatus"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endorsementChain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cached"}}]}}]}}]}}]} as unknown as DocumentNode<HolderOfBillQuery, HolderOfBillQueryVariables>;
export const ShipmentStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShipmentStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"carrierBookingReference"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scac"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"portOfLoading"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unLocationCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"portOfDischarge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unLocationCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vessel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imoNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrierVoyageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"carrierEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"eventClassifier"}},{"kind":"Field","name":{"kind":"Name","value":"eventDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unLocationCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"equipmentReference"}},{"kind":"Field","name":{"kind":"Name","value":"mapped"}},{"kind":"Field","name":{"kind":"Name","value":"nativeCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"equipment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"isoEquipmentCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrierRelease"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"releasedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"releasedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ShipmentStatusQuery, ShipmentStatusQueryVariables>;
export const TitlesReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TitlesReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentHashes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billsOfLading"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentHashes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentHashes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentHash"}},{"kind":"Field","name":{"kind":"Name","value":"titleStatus"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endorsementChain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"titleSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockNumber"}},{"kind":"Field","name":{"kind":"Name","value":"finality"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"networks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"indexedHeight"}},{"kind":"Field","name":{"kind":"Name","value":"cache"}}]}}]}}]} as unknown as DocumentNode<TitlesReportQuery, TitlesReportQueryVariables>;
export const VerifyDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"document"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"document"},"value":{"kind":"Variable","name":{"kind":"Name","value":"document"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockNumber"}},{"kind":"Field","name":{"kind":"Name","value":"finality"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyDocumentQuery, VerifyDocumentQueryVariables>;