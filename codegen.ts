import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Resolver types per subgraph (Federation-aware, mapped onto the canonical model) and typed documents
 * for the README's queries against the composed API schema. `npm run codegen`; a test fails when stale.
 */
const config: CodegenConfig = {
  overwrite: true,
  generates: {
    "subgraphs/evm/__generated__/resolvers.ts": {
      schema: "subgraphs/evm/schema.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useTypeImports: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: "../context.ts#EvmSubgraphContext",
        mapperTypeSuffix: "Model",
        scalars: { DateTime: "Date", JSON: "unknown" },
        mappers: {
          BillOfLading: "../parents.ts#BillOfLadingParent",
          TitleTransfer: "../../../domain/model.ts#TitleTransfer",
          Party: "../../../domain/model.ts#PartyRef",
          Provenance: "../../../domain/model.ts#Provenance",
          DocumentVerification: "../../../domain/model.ts#DocumentVerification",
          NetworkStatus: "../../../domain/model.ts#NetworkStatus",
          TitleRegistry: "../../../domain/model.ts#TitleRegistryRef",
        },
      },
    },
    "subgraphs/fabric/__generated__/resolvers.ts": {
      schema: "subgraphs/fabric/schema.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useTypeImports: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: "../context.ts#FabricSubgraphContext",
        mapperTypeSuffix: "Model",
        scalars: { DateTime: "Date" },
        mappers: {
          Shipment: "../parents.ts#ShipmentParent",
          BillOfLading: "../parents.ts#BillOfLadingParent",
          Equipment: "../parents.ts#EquipmentParent",
          TrackingEvent: "../../../domain/model.ts#TrackingEvent",
          CargoRelease: "../../../domain/model.ts#CargoRelease",
          Party: "../../../domain/model.ts#PartyRef",
          Provenance: "../../../domain/model.ts#Provenance",
          Location: "../../../domain/model.ts#Location",
          Vessel: "../../../domain/model.ts#VesselRef",
        },
      },
    },
    "subgraphs/antchain/__generated__/resolvers.ts": {
      schema: "subgraphs/antchain/schema.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useTypeImports: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: "../context.ts#AntchainSubgraphContext",
        mapperTypeSuffix: "Model",
        scalars: { DateTime: "Date" },
        mappers: {
          Shipment: "../parents.ts#ReferenceParent",
          Equipment: "../parents.ts#ReferenceParent",
          TrackingEvent: "../../../domain/model.ts#TrackingEvent",
          CargoRelease: "../../../domain/model.ts#CargoRelease",
          PortCall: "../../../domain/model.ts#PortCall",
          CustomsClearance: "../../../domain/model.ts#CustomsClearance",
          CustomsStep: "../../../domain/model.ts#CustomsStep",
          PortFee: "../../../domain/model.ts#PortFee",
          Party: "../../../domain/model.ts#PartyRef",
          Provenance: "../../../domain/model.ts#Provenance",
          Location: "../../../domain/model.ts#Location",
          Vessel: "../../../domain/model.ts#VesselRef",
        },
      },
    },
    "subgraphs/interop/__generated__/resolvers.ts": {
      schema: "subgraphs/interop/schema.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useTypeImports: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: "../context.ts#InteropSubgraphContext",
        mapperTypeSuffix: "Model",
        scalars: { DateTime: "Date" },
        mappers: {
          Shipment: "../parents.ts#ShipmentRepresentation",
          BillOfLading: "../parents.ts#BillOfLadingRepresentation",
          CrosswalkEntry: "../parents.ts#CrosswalkEntryParent",
          Equipment: "../parents.ts#ReferenceOnly",
          TitleConflict: "../parents.ts#ConflictParent",
          PartyEntry: "../../../access/partyDirectory.ts#PartyEntry",
          TrackingEvent: "../../../interop/timeline.ts#TimelineEvent",
          Provenance: "../../../domain/model.ts#Provenance",
          Location: "../../../domain/model.ts#Location",
          Vessel: "../../../domain/model.ts#VesselRef",
          Party: "../../../domain/model.ts#PartyRef",
        },
      },
    },
    "subgraphs/analytics/__generated__/resolvers.ts": {
      schema: "subgraphs/analytics/schema.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useTypeImports: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: "../context.ts#AnalyticsSubgraphContext",
        scalars: { DateTime: "Date" },
        mappers: { ShipmentConnection: "../../../analytics/queries.ts#ShipmentPage" },
      },
    },
    "schema/generated/operations.ts": {
      schema: "schema/api.graphql",
      documents: "schema/operations/*.graphql",
      plugins: ["typescript-operations", "typed-document-node"],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", JSON: "unknown" } },
    },
  },
};

export default config;
