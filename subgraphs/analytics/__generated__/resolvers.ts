import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
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
  /** Shipments from the read model, in B/L order with stable cursors. At most 500 per page. */
  shipments: ShipmentConnection;
  /** For eBLs issued in the window (at most 366 days): transfers before surrender, time from issue to surrender. */
  titleStatistics: TitleStatistics;
};


export type QueryLaneStatisticsArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryPortStatisticsArgs = {
  from: Scalars['DateTime']['input'];
  groupBy?: InputMaybe<StatisticsGroup>;
  port: Scalars['String']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryShipmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ShipmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTitleStatisticsArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type Shipment = {
  __typename?: 'Shipment';
  reference: Scalars['String']['output'];
};

export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  edges: Array<ShipmentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  cursor: Scalars['String']['output'];
  /** Resolves through every network's fields like any other shipment. */
  node: Shipment;
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
  status?: InputMaybe<ShipmentStatus>;
  /** The eBL's title state (negotiable B/Ls only). */
  titleStatus?: InputMaybe<TitleStatus>;
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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Distribution: ResolverTypeWrapper<Distribution>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  LaneStatistics: ResolverTypeWrapper<LaneStatistics>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PortStatisticsGroup: ResolverTypeWrapper<PortStatisticsGroup>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Shipment: ResolverTypeWrapper<Shipment>;
  ShipmentConnection: ResolverTypeWrapper<ShipmentConnection>;
  ShipmentEdge: ResolverTypeWrapper<ShipmentEdge>;
  ShipmentFilter: ShipmentFilter;
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
  LaneStatistics: LaneStatistics;
  String: Scalars['String']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PortStatisticsGroup: PortStatisticsGroup;
  Query: Record<PropertyKey, never>;
  Shipment: Shipment;
  ShipmentConnection: ShipmentConnection;
  ShipmentEdge: ShipmentEdge;
  ShipmentFilter: ShipmentFilter;
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

export type LaneStatisticsResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['LaneStatistics'] = ResolversParentTypes['LaneStatistics']> = ResolversObject<{
  onTimeShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  portOfDischarge?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  portOfLoading?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipments?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  transitHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
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
  shipments?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, RequireFields<QueryShipmentsArgs, 'first'>>;
  titleStatistics?: Resolver<ResolversTypes['TitleStatistics'], ParentType, ContextType, RequireFields<QueryTitleStatisticsArgs, 'from' | 'to'>>;
}>;

export type ShipmentResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment']> = ResolversObject<{
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShipmentConnectionResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ShipmentEdgeResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
}>;

export type TitleStatisticsResolvers<ContextType = AnalyticsSubgraphContext, ParentType extends ResolversParentTypes['TitleStatistics'] = ResolversParentTypes['TitleStatistics']> = ResolversObject<{
  ebls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  issueToSurrenderHours?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
  transfersBeforeSurrender?: Resolver<ResolversTypes['Distribution'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AnalyticsSubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Distribution?: DistributionResolvers<ContextType>;
  LaneStatistics?: LaneStatisticsResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PortStatisticsGroup?: PortStatisticsGroupResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  TitleStatistics?: TitleStatisticsResolvers<ContextType>;
}>;

