import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentParent as ShipmentParentModel, BillOfLadingParent as BillOfLadingParentModel, EquipmentParent as EquipmentParentModel } from '../parents.ts';
import type { TrackingEvent as TrackingEventModel, CargoRelease as CargoReleaseModel, PartyRef as PartyRefModel, Provenance as ProvenanceModel, Location as LocationModel, VesselRef as VesselRefModel } from '../../../domain/model.ts';
import type { FabricSubgraphContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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
  /** Whether the carrier network records this document (null when it cannot be reached). */
  carrierLookup?: Maybe<LookupStatus>;
  documentHash: Scalars['String']['output'];
  /** Transport document reference (B/L number), from the carrier's record. */
  reference?: Maybe<Scalars['String']['output']>;
  shipment?: Maybe<Shipment>;
};

export type CargoRelease = {
  __typename?: 'CargoRelease';
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  releasedTo?: Maybe<Party>;
  source?: Maybe<Provenance>;
  status: ReleaseStatus;
};

export type Carrier = {
  __typename?: 'Carrier';
  name?: Maybe<Scalars['String']['output']>;
  /** Standard Carrier Alpha Code, e.g. COSU */
  scac: Scalars['String']['output'];
};

export type DocumentKind =
  | 'NEGOTIABLE_EBL'
  | 'PAPER_BL'
  | 'SEA_WAYBILL';

export type EblLocation = {
  __typename?: 'EblLocation';
  address: Scalars['String']['output'];
  chainId: Scalars['Int']['output'];
  documentHash: Scalars['String']['output'];
  /** TOKEN_REGISTRY (negotiable eBL) or DOCUMENT_STORE (sea waybill) */
  kind: Scalars['String']['output'];
};

/** A container, by its ISO 6346 number. */
export type Equipment = {
  __typename?: 'Equipment';
  isoEquipmentCode?: Maybe<Scalars['String']['output']>;
  reference: Scalars['String']['output'];
  /** Shipments this container travelled under, per the carrier network. */
  shipments: Array<Shipment>;
};

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

export type Finality =
  | 'FINAL'
  | 'PENDING';

export type Location = {
  __typename?: 'Location';
  facilityCode?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** UN/LOCODE, e.g. CNSHA */
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
  /** An electronic bill of lading by B/L number (the carrier's record gives its document hash) or by document hash. */
  billOfLading?: Maybe<BillOfLading>;
  /** A container by ISO 6346 number. */
  equipment?: Maybe<Equipment>;
  /** A shipment by B/L number or carrier booking reference. */
  shipment?: Maybe<Shipment>;
  /** Many shipments by B/L number, in the order asked; null for a number the carrier does not know. At most 1000. */
  shipmentsByReference: Array<Maybe<Shipment>>;
};


export type QueryBillOfLadingArgs = {
  documentHash?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEquipmentArgs = {
  reference: Scalars['String']['input'];
};


export type QueryShipmentArgs = {
  carrierBookingReference?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
};


export type QueryShipmentsByReferenceArgs = {
  references: Array<Scalars['String']['input']>;
};

export type ReleaseStatus =
  | 'NOT_REQUESTED'
  | 'REFUSED'
  | 'RELEASED'
  | 'REQUESTED';

export type Shipment = {
  __typename?: 'Shipment';
  /** The electronic B/L, when the carrier issued one (title and verification come from the eBL network). */
  billOfLading?: Maybe<BillOfLading>;
  carrier?: Maybe<Carrier>;
  carrierBookingReference?: Maybe<Scalars['String']['output']>;
  /** The carrier's full event log, for the interop subgraph's derived fields only (never served to callers). */
  carrierEventLog?: Maybe<Array<TrackingEvent>>;
  /** The carrier network's events, oldest first. */
  carrierEvents?: Maybe<Array<TrackingEvent>>;
  carrierRelease?: Maybe<CargoRelease>;
  /** The carrier's release, for the interop subgraph's derived fields only. */
  carrierReleaseRecord?: Maybe<CargoRelease>;
  /** Where the carrier's record was read. */
  carrierSource?: Maybe<Provenance>;
  carrierVoyageNumber?: Maybe<Scalars['String']['output']>;
  consignee?: Maybe<Party>;
  documentKind?: Maybe<DocumentKind>;
  /** Where the carrier says it issued this B/L's electronic document (registry or store, chain, hash). */
  eblLocation?: Maybe<EblLocation>;
  equipment?: Maybe<Array<Equipment>>;
  /** The party the carrier notifies on arrival. */
  notifyParty?: Maybe<Party>;
  portOfDischarge?: Maybe<Location>;
  portOfLoading?: Maybe<Location>;
  /** Transport document reference (B/L number). */
  reference: Scalars['String']['output'];
  shipper?: Maybe<Party>;
  vessel?: Maybe<Vessel>;
};

/**
 * One event in DCSA form. `code` is the DCSA event type code (shipment RECE DRFT PENA PENU REJE APPR ISSU
 * SURR SUBM VOID CONF RELS HOLD; transport ARRI DEPA; equipment LOAD DISC GTIN GTOT STUF STRP INSP);
 * when the network's code has no DCSA equivalent, `mapped` is false and `code` is the native code.
 */
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
  /** The code as the network wrote it. */
  nativeCode: Scalars['String']['output'];
  source: Provenance;
  /** Every network that reported this event (one here; several once timelines are merged). */
  sources: Array<Provenance>;
  vessel?: Maybe<Vessel>;
};

export type Vessel = {
  __typename?: 'Vessel';
  /** IMO number (7 digits, check digit valid) */
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
    & GraphQLRecursivePick<FederationTypes['BillOfLading'], {"documentHash":true}> );
  Equipment:
    ( { __typename: 'Equipment' }
    & GraphQLRecursivePick<FederationTypes['Equipment'], {"reference":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"reference":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BillOfLading: ResolverTypeWrapper<BillOfLadingParentModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CargoRelease: ResolverTypeWrapper<CargoReleaseModel>;
  Carrier: ResolverTypeWrapper<Carrier>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DocumentKind: DocumentKind;
  EblLocation: ResolverTypeWrapper<EblLocation>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Equipment: ResolverTypeWrapper<EquipmentParentModel>;
  EventClassifier: EventClassifier;
  EventType: EventType;
  Finality: Finality;
  Location: ResolverTypeWrapper<LocationModel>;
  LookupStatus: LookupStatus;
  NetworkKind: NetworkKind;
  Party: ResolverTypeWrapper<PartyRefModel>;
  Provenance: ResolverTypeWrapper<ProvenanceModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReleaseStatus: ReleaseStatus;
  Shipment: ResolverTypeWrapper<ShipmentParentModel>;
  TrackingEvent: ResolverTypeWrapper<TrackingEventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Vessel: ResolverTypeWrapper<VesselRefModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BillOfLading: BillOfLadingParentModel;
  String: Scalars['String']['output'];
  CargoRelease: CargoReleaseModel;
  Carrier: Carrier;
  DateTime: Scalars['DateTime']['output'];
  EblLocation: EblLocation;
  Int: Scalars['Int']['output'];
  Equipment: EquipmentParentModel;
  Location: LocationModel;
  Party: PartyRefModel;
  Provenance: ProvenanceModel;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Shipment: ShipmentParentModel;
  TrackingEvent: TrackingEventModel;
  ID: Scalars['ID']['output'];
  Vessel: VesselRefModel;
}>;

export type BillOfLadingResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['BillOfLading'] = ResolversParentTypes['BillOfLading'], FederationReferenceType extends FederationReferenceTypes['BillOfLading'] = FederationReferenceTypes['BillOfLading']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BillOfLading']> | FederationReferenceType, FederationReferenceType, ContextType>;
  carrierLookup?: Resolver<Maybe<ResolversTypes['LookupStatus']>, ParentType, ContextType>;
  documentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
}>;

export type CargoReleaseResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['CargoRelease'] = ResolversParentTypes['CargoRelease']> = ResolversObject<{
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedTo?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReleaseStatus'], ParentType, ContextType>;
}>;

export type CarrierResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Carrier'] = ResolversParentTypes['Carrier']> = ResolversObject<{
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scac?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EblLocationResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['EblLocation'] = ResolversParentTypes['EblLocation']> = ResolversObject<{
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chainId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  documentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EquipmentResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Equipment'] = ResolversParentTypes['Equipment'], FederationReferenceType extends FederationReferenceTypes['Equipment'] = FederationReferenceTypes['Equipment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Equipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  isoEquipmentCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = ResolversObject<{
  facilityCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unLocationCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProvenanceResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = ResolversObject<{
  blockNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finality?: Resolver<ResolversTypes['Finality'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  billOfLading?: Resolver<Maybe<ResolversTypes['BillOfLading']>, ParentType, ContextType, Partial<QueryBillOfLadingArgs>>;
  equipment?: Resolver<Maybe<ResolversTypes['Equipment']>, ParentType, ContextType, RequireFields<QueryEquipmentArgs, 'reference'>>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, Partial<QueryShipmentArgs>>;
  shipmentsByReference?: Resolver<Array<Maybe<ResolversTypes['Shipment']>>, ParentType, ContextType, RequireFields<QueryShipmentsByReferenceArgs, 'references'>>;
}>;

export type ShipmentResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  billOfLading?: Resolver<Maybe<ResolversTypes['BillOfLading']>, ParentType, ContextType>;
  carrier?: Resolver<Maybe<ResolversTypes['Carrier']>, ParentType, ContextType>;
  carrierBookingReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  carrierEventLog?: Resolver<Maybe<Array<ResolversTypes['TrackingEvent']>>, ParentType, ContextType>;
  carrierEvents?: Resolver<Maybe<Array<ResolversTypes['TrackingEvent']>>, ParentType, ContextType>;
  carrierRelease?: Resolver<Maybe<ResolversTypes['CargoRelease']>, ParentType, ContextType>;
  carrierReleaseRecord?: Resolver<Maybe<ResolversTypes['CargoRelease']>, ParentType, ContextType>;
  carrierSource?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  carrierVoyageNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  consignee?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  documentKind?: Resolver<Maybe<ResolversTypes['DocumentKind']>, ParentType, ContextType>;
  eblLocation?: Resolver<Maybe<ResolversTypes['EblLocation']>, ParentType, ContextType>;
  equipment?: Resolver<Maybe<Array<ResolversTypes['Equipment']>>, ParentType, ContextType>;
  notifyParty?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  portOfDischarge?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  portOfLoading?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipper?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  vessel?: Resolver<Maybe<ResolversTypes['Vessel']>, ParentType, ContextType>;
}>;

export type TrackingEventResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['TrackingEvent'] = ResolversParentTypes['TrackingEvent']> = ResolversObject<{
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

export type VesselResolvers<ContextType = FabricSubgraphContext, ParentType extends ResolversParentTypes['Vessel'] = ResolversParentTypes['Vessel']> = ResolversObject<{
  imoNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = FabricSubgraphContext> = ResolversObject<{
  BillOfLading?: BillOfLadingResolvers<ContextType>;
  CargoRelease?: CargoReleaseResolvers<ContextType>;
  Carrier?: CarrierResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EblLocation?: EblLocationResolvers<ContextType>;
  Equipment?: EquipmentResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  TrackingEvent?: TrackingEventResolvers<ContextType>;
  Vessel?: VesselResolvers<ContextType>;
}>;

