import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentPage } from '../../../analytics/queries.ts';
import type { AnalyticsSubgraphContext } from '../context.ts';
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

export type Distribution = {
  __typename?: 'Distribution';
  count: Scalars['Int']['output'];
  mean?: Maybe<Scalars['Float']['output']>;
  p50?: Maybe<Scalars['Float']['output']>;
  p95?: Maybe<Scalars['Float']['output']>;
};

/** A network's height as the read model had indexed it. */
export type IndexedHeight = {
  __typename?: 'IndexedHeight';
  height: Scalars['String']['output'];
  /** When the read model reached this height. */
  indexedAt: Scalars['DateTime']['output'];
  network: Scalars['String']['output'];
};

export type LaneStatistics = {
  __typename?: 'LaneStatistics';
  /** Share of shipments arriving within 24 hours of their first ETA (the carrier's plan). */
  onTimeShare?: Maybe<Scalars['Float']['output']>;
  portOfDischarge: Scalars['String']['output'];
  portOfLoading: Scalars['String']['output'];
  shipments: Scalars['Int']['output'];
  /** Hours from departure to arrival. */
  transitHours: Distribution;
};

/** A network as the eBL subgraph reports it; the read model adds how far it trails. */
export type NetworkStatus = {
  __typename?: 'NetworkStatus';
  height?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** How far the analysts' read model trails this network; null when the read model does not index it. */
  readModel?: Maybe<ReadModelLag>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PortStatisticsGroup = {
  __typename?: 'PortStatisticsGroup';
  containerMoves: Scalars['Int']['output'];
  /** Hours from a container's discharge to its gate-out at the port. */
  dwellHours: Distribution;
  /** The carrier's SCAC, the month (YYYY-MM), or ALL. */
  key: Scalars['String']['output'];
  /** Hours from the vessel's arrival to the cargo's release. */
  releaseLeadHours: Distribution;
  shipments: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Per port pair, for shipments departed in the window (at most 366 days): transit time and on-time share. */
  laneStatistics: Array<LaneStatistics>;
  /** Dwell and release lead time at a port (UN/LOCODE) over a window of at most 366 days. */
  portStatistics: Array<PortStatisticsGroup>;
  /**
   * The heights each network had been indexed to at asOf (or now): ask it beside portStatistics or
   * laneStatistics with the same asOf to learn what their figures reflect. asOf may not be in the future
   * or before the read model's history begins (BAD_USER_INPUT).
   */
  readModelCut: ReadModelCut;
  /** Shipments from the read model, in B/L order with stable cursors. At most 500 per page. */
  shipments: ShipmentConnection;
  /** For eBLs issued in the window (at most 366 days): transfers before surrender, time from issue to surrender. */
  titleStatistics: TitleStatistics;
};


export type QueryLaneStatisticsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from: Scalars['DateTime']['input'];
  port?: InputMaybe<Scalars['String']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QueryPortStatisticsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from: Scalars['DateTime']['input'];
  groupBy?: InputMaybe<StatisticsGroup>;
  port: Scalars['String']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryReadModelCutArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryShipmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  filter?: InputMaybe<ShipmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTitleStatisticsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

/** Which heights an answer reflects: each network's, as indexed at asOf (or now when asOf is null). */
export type ReadModelCut = {
  __typename?: 'ReadModelCut';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  heights: Array<IndexedHeight>;
};

export type ReadModelLag = {
  __typename?: 'ReadModelLag';
  /** When the read model reached that height. */
  indexedAt: Scalars['DateTime']['output'];
  /** The height the read model fully reflects. */
  indexedHeight: Scalars['String']['output'];
  /** Blocks the network is ahead of the read model; null when the network's height is unknown (it is down). */
  lagBlocks?: Maybe<Scalars['Int']['output']>;
  /** 0 when caught up; otherwise how long the read model has stood at its height (an upper bound of staleness). */
  lagSeconds?: Maybe<Scalars['Float']['output']>;
};

export type Shipment = {
  __typename?: 'Shipment';
  reference: Scalars['String']['output'];
};

export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  /** The heights this page reflects. */
  cut: ReadModelCut;
  edges: Array<ShipmentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  cursor: Scalars['String']['output'];
  /** Resolves through every network's fields like any other shipment (live, whatever the page's asOf). */
  node: Shipment;
  /** The shipment's row in the read model at the page's cut: what the filter matched. */
  state: ShipmentState;
};

export type ShipmentFilter = {
  arrivedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  arrivedTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** SCAC, e.g. COSU */
  carrier?: InputMaybe<Scalars['String']['input']>;
  departedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  departedTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** UN/LOCODE */
  portOfDischarge?: InputMaybe<Scalars['String']['input']>;
  /** UN/LOCODE */
  portOfLoading?: InputMaybe<Scalars['String']['input']>;
  /** Cargo released (by the carrier or the port, whichever first) in [releasedFrom, releasedTo). */
  releasedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  releasedTo?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<ShipmentStatus>;
  /** The eBL's title state (negotiable B/Ls only). */
  titleStatus?: InputMaybe<TitleStatus>;
};

/** A shipment as the read model held it at a cut. */
export type ShipmentState = {
  __typename?: 'ShipmentState';
  arrivedAt?: Maybe<Scalars['DateTime']['output']>;
  carrier: Scalars['String']['output'];
  departedAt?: Maybe<Scalars['DateTime']['output']>;
  portOfDischarge?: Maybe<Scalars['String']['output']>;
  portOfLoading?: Maybe<Scalars['String']['output']>;
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<ShipmentStatus>;
  titleStatus?: Maybe<TitleStatus>;
  /** Title transfers so far (before surrender, once surrendered). */
  titleTransfers?: Maybe<Scalars['Int']['output']>;
};

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

export type StatisticsGroup =
  | 'CARRIER'
  | 'MONTH';

export type TitleStatistics = {
  __typename?: 'TitleStatistics';
  /** The heights these figures reflect. */
  cut: ReadModelCut;
  /** eBLs issued in the window. */
  ebls: Scalars['Int']['output'];
  /** Hours from issue to surrender. */
  issueToSurrenderHours: Distribution;
  /** Title transfers before surrender, over the eBLs surrendered. */
  transfersBeforeSurrender: Distribution;
};

export type TitleStatus =
  | 'ACCOMPLISHED'
  | 'ISSUED'
  | 'RETURNED_TO_ISSUER';

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
  NetworkStatus: NetworkStatus;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  NetworkStatus:
    ( { __typename: 'NetworkStatus' }
    & GraphQLRecursivePick<FederationTypes['NetworkStatus'], {"name":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['NetworkStatus'], {"height":true}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Distribution: ResolverTypeWrapper<Distribution>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  IndexedHeight: ResolverTypeWrapper<IndexedHeight>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  LaneStatistics: ResolverTypeWrapper<LaneStatistics>;
  NetworkStatus: ResolverTypeWrapper<NetworkStatus>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PortStatisticsGroup: ResolverTypeWrapper<PortStatisticsGroup>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReadModelCut: ResolverTypeWrapper<ReadModelCut>;
  ReadModelLag: ResolverTypeWrapper<ReadModelLag>;
  Shipment: ResolverTypeWrapper<Shipment>;
  ShipmentConnection: ResolverTypeWrapper<ShipmentPage>;
  ShipmentEdge: ResolverTypeWrapper<ShipmentEdge>;
  ShipmentFilter: ShipmentFilter;
  ShipmentState: ResolverTypeWrapper<ShipmentState>;
  ShipmentStatus: ShipmentStatus;
  StatisticsGroup: StatisticsGroup;
  TitleStatistics: ResolverTypeWrapper<TitleStatistics>;
  TitleStatus: TitleStatus;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Distribution: Distribution;
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  IndexedHeight: IndexedHeight;
  String: Scalars['String']['output'];
  LaneStatistics: LaneStatistics;
  NetworkStatus: NetworkStatus | FederationReferenceTypes['NetworkStatus'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PortStatisticsGroup: PortStatisticsGroup;
  Query: Record<PropertyKey, never>;
  ReadModelCut: ReadModelCut;
  ReadModelLag: ReadModelLag;
  Shipment: Shipment;
  ShipmentConnection: ShipmentPage;
  ShipmentEdge: ShipmentEdge;
  ShipmentFilter: ShipmentFilter;
  ShipmentState: ShipmentState;
  TitleStatistics: TitleStatistics;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DistributionResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['Distribution'] = ResolversParentTypes['Distribution']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  p50?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  p95?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type IndexedHeightResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['IndexedHeight'] = ResolversParentTypes['IndexedHeight']> = ResolversObject<{
  height?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  indexedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type LaneStatisticsResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['LaneStatistics'] = ResolversParentTypes['LaneStatistics']> = ResolversObject<{
  onTimeShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  portOfDischarge?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  portOfLoading?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipments?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  transitHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
}>;

export type NetworkStatusResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['NetworkStatus'] = ResolversParentTypes['NetworkStatus'], FederationReferenceType extends FederationReferenceTypes['NetworkStatus'] = FederationReferenceTypes['NetworkStatus']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['NetworkStatus']> | FederationReferenceType, FederationReferenceType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readModel?: Resolver<Maybe<ResolversTypes['ReadModelLag']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PortStatisticsGroupResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['PortStatisticsGroup'] = ResolversParentTypes['PortStatisticsGroup']> = ResolversObject<{
  containerMoves?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dwellHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releaseLeadHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
  shipments?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  laneStatistics?: Resolver<Array<ResolversTypes['LaneStatistics']>, ParentType, ContextType, RequireFields<QueryLaneStatisticsArgs, 'from' | 'to'>>;
  portStatistics?: Resolver<Array<ResolversTypes['PortStatisticsGroup']>, ParentType, ContextType, RequireFields<QueryPortStatisticsArgs, 'from' | 'port' | 'to'>>;
  readModelCut?: Resolver<ResolversTypes['ReadModelCut'], ParentType, ContextType, Partial<QueryReadModelCutArgs>>;
  shipments?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, RequireFields<QueryShipmentsArgs, 'first'>>;
  titleStatistics?: Resolver<ResolversTypes['TitleStatistics'], ParentType, ContextType, RequireFields<QueryTitleStatisticsArgs, 'from' | 'to'>>;
}>;

export type ReadModelCutResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ReadModelCut'] = ResolversParentTypes['ReadModelCut']> = ResolversObject<{
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  heights?: Resolver<Array<ResolversTypes['IndexedHeight']>, ParentType, ContextType>;
}>;

export type ReadModelLagResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ReadModelLag'] = ResolversParentTypes['ReadModelLag']> = ResolversObject<{
  indexedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  indexedHeight?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lagBlocks?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lagSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ShipmentResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment']> = ResolversObject<{
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShipmentConnectionResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = ResolversObject<{
  cut?: Resolver<ResolversTypes['ReadModelCut'], ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ShipmentEdgeResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ShipmentState'], ParentType, ContextType>;
}>;

export type ShipmentStateResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ShipmentState'] = ResolversParentTypes['ShipmentState']> = ResolversObject<{
  arrivedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  carrier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  departedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  portOfDischarge?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  portOfLoading?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['ShipmentStatus']>, ParentType, ContextType>;
  titleStatus?: Resolver<Maybe<ResolversTypes['TitleStatus']>, ParentType, ContextType>;
  titleTransfers?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type TitleStatisticsResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['TitleStatistics'] = ResolversParentTypes['TitleStatistics']> = ResolversObject<{
  cut?: Resolver<ResolversTypes['ReadModelCut'], ParentType, ContextType>;
  ebls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  issueToSurrenderHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
  transfersBeforeSurrender?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AnalyticsSubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Distribution?: DistributionResolvers<ContextType>;
  IndexedHeight?: IndexedHeightResolvers<ContextType>;
  LaneStatistics?: LaneStatisticsResolvers<ContextType>;
  NetworkStatus?: NetworkStatusResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PortStatisticsGroup?: PortStatisticsGroupResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReadModelCut?: ReadModelCutResolvers<ContextType>;
  ReadModelLag?: ReadModelLagResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  ShipmentState?: ShipmentStateResolvers<ContextType>;
  TitleStatistics?: TitleStatisticsResolvers<ContextType>;
}>;

