import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BillOfLadingParent as BillOfLadingParentModel } from '../parents.ts';
import type { TitleTransfer as TitleTransferModel, PartyRef as PartyRefModel, Provenance as ProvenanceModel, DocumentVerification as DocumentVerificationModel, NetworkStatus as NetworkStatusModel, TitleRegistryRef as TitleRegistryRefModel } from '../../../domain/model.ts';
import type { EvmSubgraphContext } from '../context.ts';
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
  /** RFC 3339 date-time, always UTC (e.g. 2026-11-20T11:00:00.000Z). */
  DateTime: { input: Date; output: Date; }
  /** Arbitrary JSON, e.g. a wrapped OpenAttestation document. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An electronic bill of lading. `documentHash` is the OpenAttestation merkle root, which is the tokenId. */
export type BillOfLading = {
  __typename?: 'BillOfLading';
  beneficiary?: Maybe<Party>;
  documentHash: Scalars['String']['output'];
  /** Title actions, oldest first, from the indexed escrow events. */
  endorsementChain?: Maybe<Array<TitleTransfer>>;
  /** The endorsement chain, for the interop subgraph's derived fields only (never served to callers). */
  endorsementRecord?: Maybe<Array<TitleTransfer>>;
  holder?: Maybe<Party>;
  /** Every registry on which a token for this document is live (ISSUED); more than one is a conflict. */
  liveRegistries?: Maybe<Array<TitleRegistry>>;
  nominee?: Maybe<Party>;
  registry?: Maybe<TitleRegistry>;
  /** Where the title state was read (block, finality). */
  titleSource?: Maybe<Provenance>;
  titleStatus?: Maybe<TitleStatus>;
  /** DOCUMENT_STATUS and ISSUER_IDENTITY of this title; integrity needs the document (see verifyDocument). */
  verification?: Maybe<DocumentVerification>;
};

export type DocumentVerification = {
  __typename?: 'DocumentVerification';
  /** The eBL chain's height the DOCUMENT_STATUS reflects (the block it was read at). */
  asOfHeight?: Maybe<Scalars['String']['output']>;
  /** True when DOCUMENT_STATUS came from the Redis cache. */
  cached: Scalars['Boolean']['output'];
  checkedAt: Scalars['DateTime']['output'];
  /** Every OpenAttestation fragment, SKIPPED ones included, in OpenAttestation's order. */
  fragments: Array<VerificationFragment>;
  source?: Maybe<Provenance>;
  /** True when served from the cache while the eBL chain is unreachable: the status is as of asOfHeight, not now. */
  stale: Scalars['Boolean']['output'];
  status: VerificationStatus;
  valid: Scalars['Boolean']['output'];
};

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

export type NetworkKind =
  | 'ANTCHAIN'
  | 'EVM'
  | 'FABRIC';

export type NetworkStatus = {
  __typename?: 'NetworkStatus';
  /** Verification cache: UP, DOWN: <reason>, or DISABLED. */
  cache?: Maybe<Scalars['String']['output']>;
  health: NetworkHealth;
  height?: Maybe<Scalars['String']['output']>;
  /** Height the event follower has processed. */
  indexedHeight?: Maybe<Scalars['String']['output']>;
  kind: NetworkKind;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
};

/** A party as a network knows it; `name` comes from the configured address book. */
export type Party = {
  __typename?: 'Party';
  address?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

/** Where a fact was read: network, block, transaction, and whether it is final. */
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
  /** Many bills of lading, in the order asked; null for a hash no registry knows. At most 1000. */
  billsOfLading: Array<Maybe<BillOfLading>>;
  networks: Array<NetworkStatus>;
  /** Verifies a wrapped OpenAttestation v2 document: integrity, status on its registry or store, issuer. */
  verifyDocument: DocumentVerification;
};


export type QueryBillsOfLadingArgs = {
  documentHashes: Array<Scalars['String']['input']>;
};


export type QueryVerifyDocumentArgs = {
  document: Scalars['JSON']['input'];
};

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

export type TitleRegistry = {
  __typename?: 'TitleRegistry';
  address: Scalars['String']['output'];
  chainId: Scalars['Int']['output'];
  network: Scalars['String']['output'];
};

export type TitleStatus =
  /** Shredded: the token was burned and the title is spent. */
  | 'ACCOMPLISHED'
  /** The token sits in its title escrow: the title is live. */
  | 'ISSUED'
  /** Surrendered: the registry holds the token. */
  | 'RETURNED_TO_ISSUER';

export type TitleTransfer = {
  __typename?: 'TitleTransfer';
  action: TitleAction;
  at: Scalars['DateTime']['output'];
  from?: Maybe<Party>;
  source: Provenance;
  to?: Maybe<Party>;
};

/**
 * One fragment of an OpenAttestation verification, named, coded and worded as OpenAttestation's verifier
 * (tt-verify / oa-verify) reports it: OpenAttestationHash, OpenAttestationEthereumTokenRegistryStatus,
 * OpenAttestationEthereumDocumentStoreStatus, OpenAttestationDidSignedDocumentStatus,
 * OpenAttestationDnsTxtIdentityProof, OpenAttestationDnsDidIdentityProof (and
 * TradegraphTrustListIdentityProof where identity is configured from a trust list).
 */
export type VerificationFragment = {
  __typename?: 'VerificationFragment';
  /** OpenAttestation's reason code (e.g. 1 with codeString DOCUMENT_NOT_MINTED). */
  code?: Maybe<Scalars['Int']['output']>;
  codeString?: Maybe<Scalars['String']['output']>;
  /** The fragment's data as OpenAttestation's verifier reports it (e.g. which registry minted, each issuer's DNS record). */
  data?: Maybe<Scalars['JSON']['output']>;
  name: Scalars['String']['output'];
  /** The reason's message (null when VALID). */
  reason?: Maybe<Scalars['String']['output']>;
  /** VALID, INVALID, SKIPPED or ERROR */
  status: Scalars['String']['output'];
  type: FragmentType;
};

export type VerificationStatus =
  | 'ERROR'
  | 'INVALID'
  | 'VALID';

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
  NetworkStatus: NetworkStatus;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  BillOfLading:
    ( { __typename: 'BillOfLading' }
    & GraphQLRecursivePick<FederationTypes['BillOfLading'], {"documentHash":true}> );
  NetworkStatus:
    ( { __typename: 'NetworkStatus' }
    & GraphQLRecursivePick<FederationTypes['NetworkStatus'], {"name":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BillOfLading: ResolverTypeWrapper<BillOfLadingParentModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DocumentVerification: ResolverTypeWrapper<DocumentVerificationModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Finality: Finality;
  FragmentType: FragmentType;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  NetworkHealth: NetworkHealth;
  NetworkKind: NetworkKind;
  NetworkStatus: ResolverTypeWrapper<NetworkStatusModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Party: ResolverTypeWrapper<PartyRefModel>;
  Provenance: ResolverTypeWrapper<ProvenanceModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TitleAction: TitleAction;
  TitleRegistry: ResolverTypeWrapper<TitleRegistryRefModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  TitleStatus: TitleStatus;
  TitleTransfer: ResolverTypeWrapper<TitleTransferModel>;
  VerificationFragment: ResolverTypeWrapper<VerificationFragment>;
  VerificationStatus: VerificationStatus;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BillOfLading: BillOfLadingParentModel;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  DocumentVerification: DocumentVerificationModel;
  Boolean: Scalars['Boolean']['output'];
  JSON: Scalars['JSON']['output'];
  NetworkStatus: NetworkStatusModel;
  Float: Scalars['Float']['output'];
  Party: PartyRefModel;
  Provenance: ProvenanceModel;
  Query: Record<PropertyKey, never>;
  TitleRegistry: TitleRegistryRefModel;
  Int: Scalars['Int']['output'];
  TitleTransfer: TitleTransferModel;
  VerificationFragment: VerificationFragment;
}>;

export type BillOfLadingResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['BillOfLading'] = ResolversParentTypes['BillOfLading'], FederationReferenceType extends FederationReferenceTypes['BillOfLading'] = FederationReferenceTypes['BillOfLading']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BillOfLading']> | FederationReferenceType, FederationReferenceType, ContextType>;
  beneficiary?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  documentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endorsementChain?: Resolver<Maybe<Array<ResolversTypes['TitleTransfer']>>, ParentType, ContextType>;
  endorsementRecord?: Resolver<Maybe<Array<ResolversTypes['TitleTransfer']>>, ParentType, ContextType>;
  holder?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  liveRegistries?: Resolver<Maybe<Array<ResolversTypes['TitleRegistry']>>, ParentType, ContextType>;
  nominee?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  registry?: Resolver<Maybe<ResolversTypes['TitleRegistry']>, ParentType, ContextType>;
  titleSource?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  titleStatus?: Resolver<Maybe<ResolversTypes['TitleStatus']>, ParentType, ContextType>;
  verification?: Resolver<Maybe<ResolversTypes['DocumentVerification']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DocumentVerificationResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['DocumentVerification'] = ResolversParentTypes['DocumentVerification']> = ResolversObject<{
  asOfHeight?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fragments?: Resolver<Array<ResolversTypes['VerificationFragment']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VerificationStatus'], ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type NetworkStatusResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['NetworkStatus'] = ResolversParentTypes['NetworkStatus'], FederationReferenceType extends FederationReferenceTypes['NetworkStatus'] = FederationReferenceTypes['NetworkStatus']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['NetworkStatus']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cache?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['NetworkHealth'], ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indexedHeight?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProvenanceResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = ResolversObject<{
  blockNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finality?: Resolver<ResolversTypes['Finality'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NetworkKind'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proven?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  billsOfLading?: Resolver<Array<Maybe<ResolversTypes['BillOfLading']>>, ParentType, ContextType, RequireFields<QueryBillsOfLadingArgs, 'documentHashes'>>;
  networks?: Resolver<Array<ResolversTypes['NetworkStatus']>, ParentType, ContextType>;
  verifyDocument?: Resolver<ResolversTypes['DocumentVerification'], ParentType, ContextType, RequireFields<QueryVerifyDocumentArgs, 'document'>>;
}>;

export type TitleRegistryResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['TitleRegistry'] = ResolversParentTypes['TitleRegistry']> = ResolversObject<{
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chainId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TitleTransferResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['TitleTransfer'] = ResolversParentTypes['TitleTransfer']> = ResolversObject<{
  action?: Resolver<ResolversTypes['TitleAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
}>;

export type VerificationFragmentResolvers<ContextType = EvmSubgraphContext, ParentType extends ResolversParentTypes['VerificationFragment'] = ResolversParentTypes['VerificationFragment']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  codeString?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['FragmentType'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = EvmSubgraphContext> = ResolversObject<{
  BillOfLading?: BillOfLadingResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DocumentVerification?: DocumentVerificationResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  NetworkStatus?: NetworkStatusResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TitleRegistry?: TitleRegistryResolvers<ContextType>;
  TitleTransfer?: TitleTransferResolvers<ContextType>;
  VerificationFragment?: VerificationFragmentResolvers<ContextType>;
}>;

