import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentRepresentation as ShipmentRepresentationModel } from '../parents.ts';
import type { TimelineEvent as TimelineEventModel } from '../../../interop/timeline.ts';
import type { Provenance as ProvenanceModel, Location as LocationModel, VesselRef as VesselRefModel, PartyRef as PartyRefModel } from '../../../core/model.ts';
import type { InteropSubgraphContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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

export type Location = {
  __typename?: 'Location';
  facilityCode?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  unLocationCode: Scalars['String']['output'];
};

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
  proven?: Maybe<Scalars['Boolean']['output']>;
  recordedAt?: Maybe<Scalars['DateTime']['output']>;
  transactionId?: Maybe<Scalars['String']['output']>;
};

export type ReleaseStatus =
  | 'NOT_REQUESTED'
  | 'REFUSED'
  | 'RELEASED'
  | 'REQUESTED';

export type Shipment = {
  __typename?: 'Shipment';
  carrierEvents: Array<TrackingEvent>;
  carrierRelease?: Maybe<CargoRelease>;
  /** Where the shipment was last seen (the location of its latest actual event). */
  currentLocation?: Maybe<Location>;
  customs?: Maybe<CustomsClearance>;
  /** Latest estimated arrival at the port of discharge, with its source. */
  eta?: Maybe<EstimatedArrival>;
  /** Every network's events in DCSA form, oldest first; the same physical event reported by two networks is one event with every source. */
  events: Array<TrackingEvent>;
  portEvents?: Maybe<Array<TrackingEvent>>;
  portOfDischarge?: Maybe<Location>;
  portRelease?: Maybe<CargoRelease>;
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
  Shipment: Shipment;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"reference":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true}},"portEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portOfDischarge":{"unLocationCode":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}},"portEvents":{"eventID":true,"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"mapped":true,"nativeCode":true,"location":{"unLocationCode":true,"name":true,"facilityCode":true},"equipmentReference":true,"vessel":{"imoNumber":true,"name":true},"carrierVoyageNumber":true,"source":{"network":true,"kind":true,"blockNumber":true,"transactionId":true,"finality":true,"recordedAt":true,"proven":true}}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}>
        | GraphQLRecursivePick<FederationTypes['Shipment'], {"carrierEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portEvents":{"eventType":true,"eventClassifier":true,"eventDateTime":true,"code":true,"location":{"unLocationCode":true}},"portOfDischarge":{"unLocationCode":true},"carrierRelease":{"status":true,"releasedAt":true},"portRelease":{"status":true,"releasedAt":true},"customs":{"direction":true,"status":true,"clearedAt":true,"heldAt":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CargoRelease: ResolverTypeWrapper<Omit<CargoRelease, 'releasedTo' | 'source'> & { releasedTo?: Maybe<ResolversTypes['Party']>, source?: Maybe<ResolversTypes['Provenance']> }>;
  CustomsClearance: ResolverTypeWrapper<CustomsClearance>;
  CustomsDirection: CustomsDirection;
  CustomsStatus: CustomsStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EstimatedArrival: ResolverTypeWrapper<Omit<EstimatedArrival, 'location' | 'source'> & { location?: Maybe<ResolversTypes['Location']>, source: ResolversTypes['Provenance'] }>;
  EventClassifier: EventClassifier;
  EventType: EventType;
  Finality: Finality;
  Location: ResolverTypeWrapper<LocationModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  NetworkKind: NetworkKind;
  Party: ResolverTypeWrapper<PartyRefModel>;
  Provenance: ResolverTypeWrapper<ProvenanceModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ReleaseStatus: ReleaseStatus;
  Shipment: ResolverTypeWrapper<ShipmentRepresentationModel>;
  ShipmentStatus: ShipmentStatus;
  TrackingEvent: ResolverTypeWrapper<TimelineEventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Vessel: ResolverTypeWrapper<VesselRefModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CargoRelease: Omit<CargoRelease, 'releasedTo' | 'source'> & { releasedTo?: Maybe<ResolversParentTypes['Party']>, source?: Maybe<ResolversParentTypes['Provenance']> };
  CustomsClearance: CustomsClearance;
  DateTime: Scalars['DateTime']['output'];
  EstimatedArrival: Omit<EstimatedArrival, 'location' | 'source'> & { location?: Maybe<ResolversParentTypes['Location']>, source: ResolversParentTypes['Provenance'] };
  Location: LocationModel;
  String: Scalars['String']['output'];
  Party: PartyRefModel;
  Provenance: ProvenanceModel;
  Boolean: Scalars['Boolean']['output'];
  Shipment: ShipmentRepresentationModel;
  TrackingEvent: TimelineEventModel;
  ID: Scalars['ID']['output'];
  Vessel: VesselRefModel;
}>;

export type CargoReleaseResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['CargoRelease'] = ResolversParentTypes['CargoRelease']> = ResolversObject<{
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedTo?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReleaseStatus'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

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

export type ProvenanceResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = ResolversObject<{
  blockNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finality?: Resolver<ResolversTypes['Finality'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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

export type VesselResolvers<ContextType = InteropSubgraphContext, ParentType extends ResolversParentTypes['Vessel'] = ResolversParentTypes['Vessel']> = ResolversObject<{
  imoNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = InteropSubgraphContext> = ResolversObject<{
  CargoRelease?: CargoReleaseResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EstimatedArrival?: EstimatedArrivalResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  TrackingEvent?: TrackingEventResolvers<ContextType>;
  Vessel?: VesselResolvers<ContextType>;
}>;

