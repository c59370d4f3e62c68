import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ReferenceParent as ReferenceParentModel } from '../parents.ts';
import type { TrackingEvent as TrackingEventModel, CargoRelease as CargoReleaseModel, PortCall as PortCallModel, CustomsClearance as CustomsClearanceModel, CustomsStep as CustomsStepModel, PortFee as PortFeeModel, PartyRef as PartyRefModel, Provenance as ProvenanceModel, Location as LocationModel, VesselRef as VesselRefModel } from '../../../domain/model.ts';
import type { AntchainSubgraphContext } from '../context.ts';
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
  portLookup?: Maybe<LookupStatus>;
  portReleaseRecords?: Maybe<Array<CargoRelease>>;
  reference: Scalars['String']['output'];
};

export type CargoRelease = {
  __typename?: 'CargoRelease';
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  releasedTo?: Maybe<Party>;
  source?: Maybe<Provenance>;
  status: ReleaseStatus;
};

export type CustomsClearance = {
  __typename?: 'CustomsClearance';
  clearedAt?: Maybe<Scalars['DateTime']['output']>;
  declarationReference: Scalars['String']['output'];
  declaredAt?: Maybe<Scalars['DateTime']['output']>;
  direction: CustomsDirection;
  heldAt?: Maybe<Scalars['DateTime']['output']>;
  history: Array<CustomsStep>;
  inspectedAt?: Maybe<Scalars['DateTime']['output']>;
  location?: Maybe<Location>;
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

export type CustomsStep = {
  __typename?: 'CustomsStep';
  at?: Maybe<Scalars['DateTime']['output']>;
  /** The port system's own status code (SB, CY, KL, FX). */
  nativeCode: Scalars['String']['output'];
  source: Provenance;
  status: CustomsStatus;
};

export type Equipment = {
  __typename?: 'Equipment';
  reference: Scalars['String']['output'];
  /** Terminal moves of this container, oldest first. */
  terminalEvents?: Maybe<Array<TrackingEvent>>;
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

export type Location = {
  __typename?: 'Location';
  facilityCode?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  unLocationCode: Scalars['String']['output'];
};

/** Whether a network has a record for a key: null (with an error) when the network could not be asked. */
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

/** A vessel's call at a port, as the port community system records it. */
export type PortCall = {
  __typename?: 'PortCall';
  actualArrival?: Maybe<Scalars['DateTime']['output']>;
  actualDeparture?: Maybe<Scalars['DateTime']['output']>;
  berth?: Maybe<Scalars['String']['output']>;
  callReference: Scalars['String']['output'];
  carrierVoyageNumber?: Maybe<Scalars['String']['output']>;
  estimatedArrival?: Maybe<Scalars['DateTime']['output']>;
  location?: Maybe<Location>;
  source: Provenance;
  vessel?: Maybe<Vessel>;
};

export type PortFee = {
  __typename?: 'PortFee';
  amount: Scalars['String']['output'];
  currency: Scalars['String']['output'];
  feeType: Scalars['String']['output'];
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  source: Provenance;
};

export type Provenance = {
  __typename?: 'Provenance';
  blockNumber?: Maybe<Scalars['String']['output']>;
  finality: Finality;
  kind: NetworkKind;
  network: Scalars['String']['output'];
  /** True once the adapter checked the fact's receipt against its block's Merkle root (null where a network offers no such proof). */
  proven?: Maybe<Scalars['Boolean']['output']>;
  recordedAt?: Maybe<Scalars['DateTime']['output']>;
  transactionId?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Proves that a port network transaction's receipt sits in its block (Merkle path to the block's receipt root). */
  portReceiptProof: ReceiptProof;
};


export type QueryPortReceiptProofArgs = {
  transactionId: Scalars['String']['input'];
};

export type ReceiptProof = {
  __typename?: 'ReceiptProof';
  blockNumber: Scalars['String']['output'];
  /** True when the receipt's Merkle path leads to its block's receipt root. */
  proven: Scalars['Boolean']['output'];
  receiptHash: Scalars['String']['output'];
  receiptRoot: Scalars['String']['output'];
  transactionId: Scalars['String']['output'];
};

export type ReleaseStatus =
  | 'NOT_REQUESTED'
  | 'REFUSED'
  | 'RELEASED'
  | 'REQUESTED';

export type Shipment = {
  __typename?: 'Shipment';
  /** The import clearance at a Chinese port of discharge, else the export clearance at the port of loading. */
  customs?: Maybe<CustomsClearance>;
  /** Every customs declaration the port network holds for this B/L. */
  customsDeclarations?: Maybe<Array<CustomsClearance>>;
  customsRecord?: Maybe<CustomsClearance>;
  portCalls?: Maybe<Array<PortCall>>;
  /** The port network's full record, for the interop subgraph's derived fields only (never served to callers). */
  portEventLog?: Maybe<Array<TrackingEvent>>;
  /** The port network's events in DCSA form: port call ARRI/DEPA, terminal DISC/LOAD/GTIN/GTOT, inspections (INSP). */
  portEvents?: Maybe<Array<TrackingEvent>>;
  portFees?: Maybe<Array<PortFee>>;
  /** Whether the port network records this B/L (null when it cannot be reached). */
  portLookup?: Maybe<LookupStatus>;
  /** The terminal's release order (the latest). */
  portRelease?: Maybe<CargoRelease>;
  portReleaseRecord?: Maybe<CargoRelease>;
  portReleaseRecords?: Maybe<Array<CargoRelease>>;
  /** Every release order the port network holds for this B/L, oldest first. */
  portReleases?: Maybe<Array<CargoRelease>>;
  reference: Scalars['String']['output'];
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
  /** Every network that reported this event (one here; several once timelines are merged). */
  sources: Array<Provenance>;
  vessel?: Maybe<Vessel>;
};

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
  Equipment: Equipment;
  Shipment: Shipment;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  BillOfLading:
    ( { __typename: 'BillOfLading' }
    & GraphQLRecursivePick<FederationTypes['BillOfLading'], {"reference":true}> );
  Equipment:
    ( { __typename: 'Equipment' }
    & GraphQLRecursivePick<FederationTypes['Equipment'], {"reference":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"reference":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BillOfLading: ResolverTypeWrapper<Omit<BillOfLading, 'portReleaseRecords'> & { portReleaseRecords?: Maybe<Array<ResolversTypes['CargoRelease']>> }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CargoRelease: ResolverTypeWrapper<CargoReleaseModel>;
  CustomsClearance: ResolverTypeWrapper<CustomsClearanceModel>;
  CustomsDirection: CustomsDirection;
  CustomsStatus: CustomsStatus;
  CustomsStep: ResolverTypeWrapper<CustomsStepModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Equipment: ResolverTypeWrapper<ReferenceParentModel>;
  EventClassifier: EventClassifier;
  EventType: EventType;
  Finality: Finality;
  Location: ResolverTypeWrapper<LocationModel>;
  LookupStatus: LookupStatus;
  NetworkKind: NetworkKind;
  Party: ResolverTypeWrapper<PartyRefModel>;
  PortCall: ResolverTypeWrapper<PortCallModel>;
  PortFee: ResolverTypeWrapper<PortFeeModel>;
  Provenance: ResolverTypeWrapper<ProvenanceModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReceiptProof: ResolverTypeWrapper<ReceiptProof>;
  ReleaseStatus: ReleaseStatus;
  Shipment: ResolverTypeWrapper<ReferenceParentModel>;
  TrackingEvent: ResolverTypeWrapper<TrackingEventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Vessel: ResolverTypeWrapper<VesselRefModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BillOfLading: Omit<BillOfLading, 'portReleaseRecords'> & { portReleaseRecords?: Maybe<Array<ResolversParentTypes['CargoRelease']>> } | FederationReferenceTypes['BillOfLading'];
  String: Scalars['String']['output'];
  CargoRelease: CargoReleaseModel;
  CustomsClearance: CustomsClearanceModel;
  CustomsStep: CustomsStepModel;
  DateTime: Scalars['DateTime']['output'];
  Equipment: ReferenceParentModel;
  Location: LocationModel;
  Party: PartyRefModel;
  PortCall: PortCallModel;
  PortFee: PortFeeModel;
  Provenance: ProvenanceModel;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  ReceiptProof: ReceiptProof;
  Shipment: ReferenceParentModel;
  TrackingEvent: TrackingEventModel;
  ID: Scalars['ID']['output'];
  Vessel: VesselRefModel;
}>;

export type BillOfLadingResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['BillOfLading'] = ResolversParentTypes['BillOfLading'], FederationReferenceType extends FederationReferenceTypes['BillOfLading'] = FederationReferenceTypes['BillOfLading']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BillOfLading']> | FederationReferenceType, FederationReferenceType, ContextType>;
  portLookup?: Resolver<Maybe<ResolversTypes['LookupStatus']>, ParentType, ContextType>;
  portReleaseRecords?: Resolver<Maybe<Array<ResolversTypes['CargoRelease']>>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CargoReleaseResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['CargoRelease'] = ResolversParentTypes['CargoRelease']> = ResolversObject<{
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedTo?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReleaseStatus'], ParentType, ContextType>;
}>;

export type CustomsClearanceResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['CustomsClearance'] = ResolversParentTypes['CustomsClearance']> = ResolversObject<{
  clearedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  declarationReference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  declaredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['CustomsDirection'], ParentType, ContextType>;
  heldAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['CustomsStep']>, ParentType, ContextType>;
  inspectedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CustomsStatus'], ParentType, ContextType>;
}>;

export type CustomsStepResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['CustomsStep'] = ResolversParentTypes['CustomsStep']> = ResolversObject<{
  at?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  nativeCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CustomsStatus'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EquipmentResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Equipment'] = ResolversParentTypes['Equipment'], FederationReferenceType extends FederationReferenceTypes['Equipment'] = FederationReferenceTypes['Equipment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Equipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  terminalEvents?: Resolver<Maybe<Array<ResolversTypes['TrackingEvent']>>, ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = ResolversObject<{
  facilityCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unLocationCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PortCallResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['PortCall'] = ResolversParentTypes['PortCall']> = ResolversObject<{
  actualArrival?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  actualDeparture?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  berth?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  callReference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  carrierVoyageNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  estimatedArrival?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  vessel?: Resolver<Maybe<ResolversTypes['Vessel']>, ParentType, ContextType>;
}>;

export type PortFeeResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['PortFee'] = ResolversParentTypes['PortFee']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  feeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
}>;

export type ProvenanceResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = ResolversObject<{
  blockNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finality?: Resolver<ResolversTypes['Finality'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  portReceiptProof?: Resolver<ResolversTypes['ReceiptProof'], ParentType, ContextType, RequireFields<QueryPortReceiptProofArgs, 'transactionId'>>;
}>;

export type ReceiptProofResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['ReceiptProof'] = ResolversParentTypes['ReceiptProof']> = ResolversObject<{
  blockNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  receiptHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receiptRoot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShipmentResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  customs?: Resolver<Maybe<ResolversTypes['CustomsClearance']>, ParentType, ContextType>;
  customsDeclarations?: Resolver<Maybe<Array<ResolversTypes['CustomsClearance']>>, ParentType, ContextType>;
  customsRecord?: Resolver<Maybe<ResolversTypes['CustomsClearance']>, ParentType, ContextType>;
  portCalls?: Resolver<Maybe<Array<ResolversTypes['PortCall']>>, ParentType, ContextType>;
  portEventLog?: Resolver<Maybe<Array<ResolversTypes['TrackingEvent']>>, ParentType, ContextType>;
  portEvents?: Resolver<Maybe<Array<ResolversTypes['TrackingEvent']>>, ParentType, ContextType>;
  portFees?: Resolver<Maybe<Array<ResolversTypes['PortFee']>>, ParentType, ContextType>;
  portLookup?: Resolver<Maybe<ResolversTypes['LookupStatus']>, ParentType, ContextType>;
  portRelease?: Resolver<Maybe<ResolversTypes['CargoRelease']>, ParentType, ContextType>;
  portReleaseRecord?: Resolver<Maybe<ResolversTypes['CargoRelease']>, ParentType, ContextType>;
  portReleaseRecords?: Resolver<Maybe<Array<ResolversTypes['CargoRelease']>>, ParentType, ContextType>;
  portReleases?: Resolver<Maybe<Array<ResolversTypes['CargoRelease']>>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TrackingEventResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['TrackingEvent'] = ResolversParentTypes['TrackingEvent']> = ResolversObject<{
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

export type VesselResolvers<ContextType = AntchainSubgraphContext, ParentType extends ResolversParentTypes['Vessel'] = ResolversParentTypes['Vessel']> = ResolversObject<{
  imoNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AntchainSubgraphContext> = ResolversObject<{
  BillOfLading?: BillOfLadingResolvers<ContextType>;
  CargoRelease?: CargoReleaseResolvers<ContextType>;
  CustomsClearance?: CustomsClearanceResolvers<ContextType>;
  CustomsStep?: CustomsStepResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Equipment?: EquipmentResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PortCall?: PortCallResolvers<ContextType>;
  PortFee?: PortFeeResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReceiptProof?: ReceiptProofResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  TrackingEvent?: TrackingEventResolvers<ContextType>;
  Vessel?: VesselResolvers<ContextType>;
}>;

