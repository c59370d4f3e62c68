/** Shipments and containers are known to this subgraph by their key alone; records load per request. */
export interface ReferenceParent {
  reference: string;
}
