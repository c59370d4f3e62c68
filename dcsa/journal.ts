/**
 * The channel the read model's indexer NOTIFYs when it journals new DCSA events; delivery workers
 * LISTEN on it (and poll too, so a notification lost while a worker reconnects only delays).
 */
export const DCSA_JOURNAL_CHANNEL = "tradegraph_dcsa_journal";
