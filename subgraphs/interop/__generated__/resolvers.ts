import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentRepresentation as ShipmentRepresentationModel, BillOfLadingRepresentation as BillOfLadingRepresentationModel, CrosswalkEntryParent as CrosswalkEntryParentModel, ReferenceOnly as ReferenceOnlyModel, ConflictParent as ConflictParentModel } from '../parents.ts';
import type { PartyEntry as PartyEntryModel } from '../../../access/partyDirectory.ts';
import type { TimelineEvent as TimelineEventModel } from '../../../interop/timeline.ts';
import type { Provenance as ProvenanceModel, Location as LocationModel, VesselRef as VesselRefModel, PartyRef as PartyRefModel } from '../../../domain/model.ts';
import type { InteropSubgraphContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** RFC 3339 date-time, always UTC. */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type BillOfLading = {
  __typename?: 'BillOfLading';
  carrierLookup?: Maybe<LookupStatus>;
  documentHash: Scalars['String']['output'];
  endorsementRecord?: Maybe<Array<TitleTransfer>>;
  liveRegistries?: Maybe<Array<TitleRegistry>>;
  portLookup?: Maybe<LookupStatus>;
  portReleaseRecords?: Maybe<Array<CargoRelease>>;
  registry?: Maybe<TitleRegistry>;
  shipment?: Maybe<Shipment>;
  /** Conflicts between the title network, the carrier's record and the port's releases. */
  titleIntegrity?: Maybe<TitleIntegrity>;
  titleStatus?: Maybe<TitleStatus>;
  /** The title (EVM), the carrier's record (Fabric) and the port's release (AntChain-style) as one verdict. */
  verdict?: Maybe<BillVerdict>;
  verification?: Maybe<DocumentVerification>;
};

/** One verdict on a bill of lading across every network that knows it. */
export type BillVerdict = {
  __typename?: 'BillVerdict';
  checks: Array<VerdictCheck>;
  integrity: TitleIntegrity;
  /** INVALID when a check failed or the title conflicts; ERROR (never INVALID) when a network could not be asked. */
  status: VerificationStatus;
  valid: Scalars['Boolean']['output'];
};

/** The authenticated caller. */
export type Caller = {
  __typename?: 'Caller';
  /** Null for the graph's operator. */
  party?: Maybe<PartyEntry>;
  roles: Array<Scalars['String']['output']>;
};

export type CargoRelease = {
  __typename?: 'CargoRelease';
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  releasedTo?: Maybe<Party>;
  source?: Maybe<Provenance>;
  status: ReleaseStatus;
};

export type CrosswalkEntry = {
  __typename?: 'CrosswalkEntry';
  canonical: Scalars['String']['output'];
  /** The container, when the identifier is a container number in any network's form. */
  equipment?: Maybe<Equipment>;
  identifiers: Array<CrosswalkIdentifier>;
  kind: CrosswalkKind;
  /** The shipment, when the identifier is a B/L in any network's form. */
  shipment?: Maybe<Shipment>;
};

export type CrosswalkIdentifier = {
  __typename?: 'CrosswalkIdentifier';
  /** FABRIC, ANTCHAIN, EVM, or REFERENCE for reference data (SCAC, LEI). */
  network: Scalars['String']['output'];
  /** TABLE (validated reference data), FORMAT_RULE (how a network writes it), NETWORK_RECORD (what a network recorded). */
  origin: Scalars['String']['output'];
  scheme: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type CrosswalkKind =
  | 'BILL_OF_LADING'
  | 'CARRIER'
  | 'CONTAINER'
  | 'PARTY';

export type CustomsClearance = {
  __typename?: 'CustomsClearance';
  clearedAt?: Maybe<Scalars['DateTime']['output']>;
  direction: CustomsDirection;
  heldAt?: Maybe<Scalars['DateTime']['output']>;
  status: CustomsStatus;
};

export type CustomsDirection =
  | 'EXPORT'
  | 'IMPORT';

export type CustomsStatus =
  | 'CLEARED'
  | 'DECLARED'
  | 'HELD'
  | 'INSPECTED'
  | 'NOT_DECLARED';

export type DocumentVerification = {
  __typename?: 'DocumentVerification';
  fragments: Array<VerificationFragment>;
  status: VerificationStatus;
};

export type EblLocation = {
  __typename?: 'EblLocation';
  address: Scalars['String']['output'];
  chainId: Scalars['Int']['output'];
  documentHash: Scalars['String']['output'];
};

export type Equipment = {
  __typename?: 'Equipment';
  reference: Scalars['String']['output'];
};

export type EstimatedArrival = {
  __typename?: 'EstimatedArrival';
  /** Latest estimate (or the actual arrival once it happened) at the port of discharge. */
  at: Scalars['DateTime']['output'];
  eventClassifier: EventClassifier;
  location?: Maybe<Location>;
  source: Provenance;
};

export type EventClassifier =
  | 'ACT'
  | 'EST'
  | 'PLN';

export type EventType =
  | 'EQUIPMENT'
  | 'SHIPMENT'
  | 'TRANSPORT';

export type Finality =
  | 'FINAL'
  | 'PENDING';

export type FragmentType =
  | 'DOCUMENT_INTEGRITY'
  | 'DOCUMENT_STATUS'
  | 'ISSUER_IDENTITY';

export type Location = {
  __typename?: 'Location';
  facilityCode?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  unLocationCode: Scalars['String']['output'];
};

export type LookupStatus =
  | 'FOUND'
  | 'NOT_FOUND';

export type NetworkKind =
  | 'ANTCHAIN'
  | 'EVM'
  | 'FABRIC';

export type Party = {
  __typename?: 'Party';
  address?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

/** A member of the consortium, as its party directory publishes it. */
export type PartyEntry = {
  __typename?: 'PartyEntry';
  /** The id credentials name (a carrier's SCAC, else the directory's id). */
  id: Scalars['ID']['output'];
  kind: PartyKind;
  name: Scalars['String']['output'];
  /** UN/LOCODEs where a terminal operator or customs authority acts. */
  ports: Array<Scalars['String']['output']>;
};

/** What a party is in the trade; decides which facts its role grants beyond its own shipments. */
export type PartyKind =
  | 'BANK'
  | 'CARRIER'
  | 'CONSIGNEE'
  | 'CUSTOMS'
  | 'FORWARDER'
  | 'NOTIFY'
  | 'SHIPPER'
  | 'TERMINAL_OPERATOR';

export type Provenance = {
  __typename?: 'Provenance';
  blockNumber?: Maybe<Scalars['String']['output']>;
  finality: Finality;
  kind: NetworkKind;
  network: Scalars['String']['output'];
  proven?: Maybe<Scalars['Boolean']['output']>;
  recordedAt?: Maybe<Scalars['DateTime']['output']>;
  transactionId?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Any B/L, container, carrier or party, by any network's identifier for it. */
  crosswalk?: Maybe<CrosswalkEntry>;
  /** Who is asking: the caller's party and roles, as the gateway authenticated them. */
  me: Caller;
  /** The consortium's parties: the ids credentials name (carriers by SCAC), their names and kinds. */
  parties: Array<PartyEntry>;
};


export type QueryCrosswalkArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryPartiesArgs = {
  kind?: InputMaybe<PartyKind>;
};

export type ReleaseStatus =
  | 'NOT_REQUESTED'
  | 'REFUSED'
  | 'RELEASED'
  | 'REQUESTED';

export type Shipment = {
  __typename?: 'Shipment';
  carrierEventLog?: Maybe<Array<TrackingEvent>>;
  carrierReleaseRecord?: Maybe<CargoRelease>;
  carrierVoyageNumber?: Maybe<Scalars['String']['output']>;
  /** Where the shipment was last seen (the location of its latest actual event). */
  currentLocation?: Maybe<Location>;
  customsRecord?: Maybe<CustomsClearance>;
  eblLocation?: Maybe<EblLocation>;
  /** Latest estimated arrival at the port of discharge, with its source. */
  eta?: Maybe<EstimatedArrival>;
  /** Every network's events in DCSA form, oldest first; the same physical event reported by two networks is one event with every source. */
  events: Array<TrackingEvent>;
  portEventLog?: Maybe<Array<TrackingEvent>>;
  portLookup?: Maybe<LookupStatus>;
  portOfDischarge?: Maybe<Location>;
  portReleaseRecord?: Maybe<CargoRelease>;
  reference: Scalars['String']['output'];
  /** Where the shipment stands, from booking to delivery, across every network. */
  status?: Maybe<ShipmentStatus>;
  /** When the current status began. */
  statusSince?: Maybe<Scalars['DateTime']['output']>;
};


export type ShipmentEventsArgs = {
  codes?: InputMaybe<Array<Scalars['String']['input']>>;
  eventType?: InputMaybe<EventType>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One status covering booking to delivery, derived from every network's events, customs and releases. */
export type ShipmentStatus =
  | 'ARRIVED'
  | 'BOOKED'
  | 'CUSTOMS_CLEARED'
  | 'CUSTOMS_HELD'
  | 'DELIVERED'
  | 'DEPARTED'
  | 'DISCHARGED'
  | 'IN_TRANSIT'
  | 'LOADED'
  | 'RECEIVED'
  | 'RELEASED'
  | 'RELEASE_REFUSED';

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

export type TitleConflict = {
  __typename?: 'TitleConflict';
  at?: Maybe<Scalars['DateTime']['output']>;
  /** What the networks say, naming the parties involved; null (FORBIDDEN) unless the caller is a party to the title or the shipment. */
  description?: Maybe<Scalars['String']['output']>;
  kind: TitleConflictKind;
  /** The networks whose facts disagree. */
  networks: Array<NetworkKind>;
};

export type TitleConflictKind =
  /** The same document is live on two registries. */
  | 'DUPLICATE_TITLE'
  /** The carrier's record names a token or registry the title network does not have. */
  | 'HASH_MISMATCH'
  /** Cargo released more than once, or to more than one party. */
  | 'RELEASED_TWICE'
  /** Cargo released to a party that did not surrender the title. */
  | 'RELEASE_TO_NON_HOLDER'
  /** Cargo released while the title was still live with its holder. */
  | 'RELEASE_WHILE_TITLE_LIVE';

export type TitleIntegrity = {
  __typename?: 'TitleIntegrity';
  conflicts: Array<TitleConflict>;
  consistent: Scalars['Boolean']['output'];
};

export type TitleRegistry = {
  __typename?: 'TitleRegistry';
  address: Scalars['String']['output'];
  chainId: Scalars['Int']['output'];
};

export type TitleStatus =
  | 'ACCOMPLISHED'
  | 'ISSUED'
  | 'RETURNED_TO_ISSUER';

export type TitleTransfer = {
  __typename?: 'TitleTransfer';
  action: TitleAction;
  at: Scalars['DateTime']['output'];
  from?: Maybe<Party>;
  to?: Maybe<Party>;
};

export type TrackingEvent = {
  __typename?: 'TrackingEvent';
  carrierVoyageNumber?: Maybe<Scalars['String']['output']>;
  code: Scalars['String']['output'];
  equipmentReference?: Maybe<Scalars['String']['output']>;
  eventClassifier: EventClassifier;
  eventDateTime: Scalars['DateTime']['output'];
  eventID: Scalars['ID']['output'];
  eventType: EventType;
  location?: Maybe<Location>;
  mapped: Scalars['Boolean']['output'];
  nativeCode: Scalars['String']['output'];
  source: Provenance;
  sources: Array<Provenance>;
  vessel?: Maybe<Vessel>;
};

export type VerdictCheck = {
  __typename?: 'VerdictCheck';
  name: VerdictCheckName;
  network: NetworkKind;
  reason?: Maybe<Scalars['String']['output']>;
  status: VerdictCheckStatus;
};

export type VerdictCheckName =
  | 'CARRIER_RECORD'
  | 'PORT_RELEASE'
  | 'TITLE';

export type VerdictCheckStatus =
  | 'ERROR'
  | 'INVALID'
  | 'SKIPPED'
  | 'VALID';

export type VerificationFragment = {
  __typename?: 'VerificationFragment';
  reason?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
  type: FragmentType;
};

export type VerificationStatus =
  | 'ERROR'
  | 'INVALID'
  | 'VALID';

export type Vessel = {
  __typename?: 'Vessel';
  imoNumber: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  BillOfLading: BillOfLading;
  Shipment: Shipment;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  BillOfLading:
    ( { __typename: 'BillOfLading' }
    & GraphQLRecursivePick<FederationTypes['BillOfLading'], {"documentHash":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['BillOfLading'], {"titleStatus":true,"portLookup":true,"shipment":{"reference":true,"eblLocation":{"documentHash":true,"address":true,"chainId":true},"carrierReleaseRecord":{"status":true,"releasedTo":{"name":true},"releasedAt":true}},"registry":{"address":true,"chainId":true},"liveRegistries":{"address":true,"chainId":true},"endorsementRecord":{"action":true,"from":{"name":true,"address":true},"to":{"name":true,"address":true},"at":true},"portReleaseRecords":{"status":true,"releasedTo":{"name":true},"releasedAt":true}}>
        | GraphQLRecursivePick<FederationTypes['BillOfLading'], {"titleStatus":true,"portLookup":true,"shipment":{"reference":true,"eblLocation":{"documentHash":true,"address":true,"chainId":true},"carrierReleaseRecord":{"status":true,"releasedTo":{"name":true},"releasedAt":true}},"registry":{"address":true,"chainId":true},"liveRegistries":{"address":true,"chainId":true},"endorsementRecord":{"action":true,"from":{"name":true,"address":true},"to":{"name":true,"address":true},"at":true},"portReleaseRecords":{"status":true,"releasedTo":{"name":true},"releasedAt":true},"carrierLookup":true,"verification":{"status":true,"fragments":{"type":true,"status":true,"reason":true}}}>
        | GraphQLRecursivePick<FederationTypes['BillOfLading'], {"titleStatus":true,"carrierLookup":true,"portLookup":true,"shipment":{"reference":true,"eblLocation":{"documentHash":true,"address":true,"chainId":true},"carrierReleaseRecord":{"status":true,"releasedTo":{"name":true},"releasedAt":true}},"registry":{"address":true,"chainId":true},"liveRegistries":{"address":true,"chainId":true},"endorsementRecord":{"action":true,"from":{"name":true,"address":true},"to":{"name":true,"address":true},"at":true},"verification":{"status":true,"fragments":{"type":true,"status":true,"reason":true}},"portReleaseRecords":{"status":true,"releasedTo":{"name":true},"releasedAt":true}}> ) );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"reference":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true}},"portEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEventLog":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierVoyageNumber":true,"portLookup":true,"carrierEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEventLog":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierReleaseRecord":{"status":true,"releasedAt":true},"portReleaseRecord":{"status":true,"releasedAt":true},"customsRecord":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BillOfLading: ResolverTypeWrapper<BillOfLadingRepresentationModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  BillVerdict: ResolverTypeWrapper<Omit<BillVerdict, 'integrity'> & { integrity: ResolversTypes['TitleIntegrity'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Caller: ResolverTypeWrapper<Omit<Caller, 'party'> & { party?: Maybe<ResolversTypes['PartyEntry']> }>;
  CargoRelease: ResolverTypeWrapper<Omit<CargoRelease, 'releasedTo' | 'source'> & { releasedTo?: Maybe<ResolversTypes['Party']>, source?: Maybe<ResolversTypes['Provenance']> }>;
  CrosswalkEntry: ResolverTypeWrapper<CrosswalkEntryParentModel>;
  CrosswalkIdentifier: ResolverTypeWrapper<CrosswalkIdentifier>;
  CrosswalkKind: CrosswalkKind;
  CustomsClearance: ResolverTypeWrapper<CustomsClearance>;
  CustomsDirection: CustomsDirection;
  CustomsStatus: CustomsStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DocumentVerification: ResolverTypeWrapper<DocumentVerification>;
  EblLocation: ResolverTypeWrapper<EblLocation>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Equipment: ResolverTypeWrapper<ReferenceOnlyModel>;
  EstimatedArrival: ResolverTypeWrapper<Omit<EstimatedArrival, 'location' | 'source'> & { location?: Maybe<ResolversTypes['Location']>, source: ResolversTypes['Provenance'] }>;
  EventClassifier: EventClassifier;
  EventType: EventType;
  Finality: Finality;
  FragmentType: FragmentType;
  Location: ResolverTypeWrapper<LocationModel>;
  LookupStatus: LookupStatus;
  NetworkKind: NetworkKind;
  Party: ResolverTypeWrapper<PartyRefModel>;
  PartyEntry: ResolverTypeWrapper<PartyEntryModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PartyKind: PartyKind;
  Provenance: ResolverTypeWrapper<ProvenanceModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReleaseStatus: ReleaseStatus;
  Shipment: ResolverTypeWrapper<ShipmentRepresentationModel>;
  ShipmentStatus: ShipmentStatus;
  TitleAction: TitleAction;
  TitleConflict: ResolverTypeWrapper<ConflictParentModel>;
  TitleConflictKind: TitleConflictKind;
  TitleIntegrity: ResolverTypeWrapper<Omit<TitleIntegrity, 'conflicts'> & { conflicts: Array<ResolversTypes['TitleConflict']> }>;
  TitleRegistry: ResolverTypeWrapper<TitleRegistry>;
  TitleStatus: TitleStatus;
  TitleTransfer: ResolverTypeWrapper<Omit<TitleTransfer, 'from' | 'to'> & { from?: Maybe<ResolversTypes['Party']>, to?: Maybe<ResolversTypes['Party']> }>;
  TrackingEvent: ResolverTypeWrapper<TimelineEventModel>;
  VerdictCheck: ResolverTypeWrapper<VerdictCheck>;
  VerdictCheckName: VerdictCheckName;
  VerdictCheckStatus: VerdictCheckStatus;
  VerificationFragment: ResolverTypeWrapper<VerificationFragment>;
  VerificationStatus: VerificationStatus;
  Vessel: ResolverTypeWrapper<VesselRefModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BillOfLading: BillOfLadingRepresentationModel;
  String: Scalars['String']['output'];
  BillVerdict: Omit<BillVerdict, 'integrity'> & { integrity: ResolversParentTypes['TitleIntegrity'] };
  Boolean: Scalars['Boolean']['output'];
  Caller: Omit<Caller, 'party'> & { party?: Maybe<ResolversParentTypes['PartyEntry']> };
  CargoRelease: Omit<CargoRelease, 'releasedTo' | 'source'> & { releasedTo?: Maybe<ResolversParentTypes['Party']>, source?: Maybe<ResolversParentTypes['Provenance']> };
  CrosswalkEntry: CrosswalkEntryParentModel;
  CrosswalkIdentifier: CrosswalkIdentifier;
  CustomsClearance: CustomsClearance;
  DateTime: Scalars['DateTime']['output'];
  DocumentVerification: DocumentVerification;
  EblLocation: EblLocation;
  Int: Scalars['Int']['output'];
  Equipment: ReferenceOnlyModel;
  EstimatedArrival: Omit<EstimatedArrival, 'location' | 'source'> & { location?: Maybe<ResolversParentTypes['Location']>, source: ResolversParentTypes['Provenance'] };
  Location: LocationModel;
  Party: PartyRefModel;
  PartyEntry: PartyEntryModel;
  ID: Scalars['ID']['output'];
  Provenance: ProvenanceModel;
  Query: Record<PropertyKey, never>;
  Shipment: ShipmentRepresentationModel;
  TitleConflict: ConflictParentModel;
  TitleIntegrity: Omit<TitleIntegrity, 'conflicts'> & { conflicts: Array<ResolversParentTypes['TitleConflict']> };
  TitleRegistry: TitleRegistry;
  TitleTransfer: Omit<TitleTransfer, 'from' | 'to'> & { from?: Maybe<ResolversParentTypes['Party']>, to?: Maybe<ResolversParentTypes['Party']> };
  TrackingEvent: TimelineEventModel;
  VerdictCheck: VerdictCheck;
  VerificationFragment: VerificationFragment;
  Vessel: VesselRefModel;
}>;

export type BillOfLadingResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['BillOfLading'] = ResolversParentTypes['BillOfLading'], FederationReferenceType extends FederationReferenceTypes['BillOfLading'] = FederationReferenceTypes['BillOfLading']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BillOfLading']> | FederationReferenceType, FederationReferenceType, ContextType>;
  documentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleIntegrity?: Resolver<Maybe<ResolversTypes['TitleIntegrity']>, ParentType, ContextType>;
  verdict?: Resolver<Maybe<ResolversTypes['BillVerdict']>, ParentType, ContextType>;
}>;

export type BillVerdictResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['BillVerdict'] = ResolversParentTypes['BillVerdict']> = ResolversObject<{
  checks?: Resolver<Array<ResolversTypes['VerdictCheck']>, ParentType, ContextType>;
  integrity?: Resolver<ResolversTypes['TitleIntegrity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VerificationStatus'], ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type CallerResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Caller'] = ResolversParentTypes['Caller']> = ResolversObject<{
  party?: Resolver<Maybe<ResolversTypes['PartyEntry']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CargoReleaseResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['CargoRelease'] = ResolversParentTypes['CargoRelease']> = ResolversObject<{
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedTo?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReleaseStatus'], ParentType, ContextType>;
}>;

export type CrosswalkEntryResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['CrosswalkEntry'] = ResolversParentTypes['CrosswalkEntry']> = ResolversObject<{
  canonical?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  equipment?: Resolver<Maybe<ResolversTypes['Equipment']>, ParentType, ContextType>;
  identifiers?: Resolver<Array<ResolversTypes['CrosswalkIdentifier']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CrosswalkKind'], ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
}>;

export type CrosswalkIdentifierResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['CrosswalkIdentifier'] = ResolversParentTypes['CrosswalkIdentifier']> = ResolversObject<{
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scheme?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EquipmentResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Equipment'] = ResolversParentTypes['Equipment']> = ResolversObject<{
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EstimatedArrivalResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['EstimatedArrival'] = ResolversParentTypes['EstimatedArrival']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventClassifier?: Resolver<ResolversTypes['EventClassifier'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = ResolversObject<{
  facilityCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unLocationCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PartyEntryResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['PartyEntry'] = ResolversParentTypes['PartyEntry']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PartyKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ports?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProvenanceResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = ResolversObject<{
  blockNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finality?: Resolver<ResolversTypes['Finality'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  crosswalk?: Resolver<Maybe<ResolversTypes['CrosswalkEntry']>, ParentType, ContextType, RequireFields<QueryCrosswalkArgs, 'identifier'>>;
  me?: Resolver<ResolversTypes['Caller'], ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['PartyEntry']>, ParentType, ContextType, Partial<QueryPartiesArgs>>;
}>;

export type ShipmentResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  currentLocation?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  eta?: Resolver<Maybe<ResolversTypes['EstimatedArrival']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['TrackingEvent']>, ParentType, ContextType, Partial<ShipmentEventsArgs>>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['ShipmentStatus']>, ParentType, ContextType>;
  statusSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type TitleConflictResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['TitleConflict'] = ResolversParentTypes['TitleConflict']> = ResolversObject<{
  at?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TitleConflictKind'], ParentType, ContextType>;
  networks?: Resolver<Array<ResolversTypes['NetworkKind']>, ParentType, ContextType>;
}>;

export type TitleIntegrityResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['TitleIntegrity'] = ResolversParentTypes['TitleIntegrity']> = ResolversObject<{
  conflicts?: Resolver<Array<ResolversTypes['TitleConflict']>, ParentType, ContextType>;
  consistent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type TrackingEventResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['TrackingEvent'] = ResolversParentTypes['TrackingEvent']> = ResolversObject<{
  carrierVoyageNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  equipmentReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventClassifier?: Resolver<ResolversTypes['EventClassifier'], ParentType, ContextType>;
  eventDateTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventID?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  mapped?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nativeCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['Provenance']>, ParentType, ContextType>;
  vessel?: Resolver<Maybe<ResolversTypes['Vessel']>, ParentType, ContextType>;
}>;

export type VerdictCheckResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['VerdictCheck'] = ResolversParentTypes['VerdictCheck']> = ResolversObject<{
  name?: Resolver<ResolversTypes['VerdictCheckName'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VerdictCheckStatus'], ParentType, ContextType>;
}>;

export type VesselResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Vessel'] = ResolversParentTypes['Vessel']> = ResolversObject<{
  imoNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = InteropSubgraphContext> = ResolversObject<{
  BillOfLading?: BillOfLadingResolvers<ContextType>;
  BillVerdict?: BillVerdictResolvers<ContextType>;
  Caller?: CallerResolvers<ContextType>;
  CargoRelease?: CargoReleaseResolvers<ContextType>;
  CrosswalkEntry?: CrosswalkEntryResolvers<ContextType>;
  CrosswalkIdentifier?: CrosswalkIdentifierResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Equipment?: EquipmentResolvers<ContextType>;
  EstimatedArrival?: EstimatedArrivalResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PartyEntry?: PartyEntryResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  TitleConflict?: TitleConflictResolvers<ContextType>;
  TitleIntegrity?: TitleIntegrityResolvers<ContextType>;
  TrackingEvent?: TrackingEventResolvers<ContextType>;
  VerdictCheck?: VerdictCheckResolvers<ContextType>;
  Vessel?: VesselResolvers<ContextType>;
}>;

