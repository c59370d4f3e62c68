import { createSocket, type RemoteInfo } from "node:dgram";
import * as dnsPacket from "dns-packet";

/** One TXT record a zone serves (`data` is the record's text; split into 255-byte strings on the wire). */
export interface TxtRecord {
  name: string;
  data: string;
  /** Seconds. @default 300 */
  ttl?: number;
}

export interface DnsServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Zones this server is authoritative for: names under them with no record answer NXDOMAIN. */
  zones: readonly string[];
  records: readonly TxtRecord[];
}

export interface RunningDnsServer {
  host: string;
  port: number;
  /** `host:port`, as Node's `Resolver.setServers` takes it. */
  address: string;
  /** Queries answered so far. */
  readonly queries: number;
  close(): Promise<void>;
}

// RFC 1035 §4.1.1 response codes, in the header's low four bits.
const NOERROR = 0;
const SERVFAIL = 2;
const NXDOMAIN = 3;
const REFUSED = 5;

const normalise = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * A small authoritative DNS server over UDP (RFC 1035) for the local world's zones, so issuer identity
 * is proven the way OpenAttestation's DNS-TXT method proves it: a verifier resolves the issuer's domain
 * and finds `openatts net=ethereum netId=<chain> addr=<registry>` there. TXT questions for a served name
 * get its records; any other type for a served name gets an empty answer (NOERROR, NODATA); an
 * unknown name in a served zone gets NXDOMAIN; names outside every zone are REFUSED (it is not a
 * recursive resolver). Answers are small, so UDP without truncation is enough.
 */
export function startDnsServer(options: DnsServerOptions): Promise<RunningDnsServer> {
  const byName = new Map<string, TxtRecord[]>();
  for (const r of options.records) {
    const name = normalise(r.name);
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const zones = options.zones.map(normalise);
  const inZone = (name: string) => zones.some((z) => name === z || name.endsWith(`.${z}`));
  const socket = createSocket(options.host.includes(":") ? "udp6" : "udp4");
  let queries = 0;

  const answer = (query: dnsPacket.Packet): Buffer => {
    const question = query.questions?.[0];
    const header = (rcode: number) =>
      dnsPacket.AUTHORITATIVE_ANSWER | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | rcode;
    if (!question || query.questions!.length !== 1)
      return dnsPacket.encode({
        type: "response",
        id: query.id,
        flags: header(SERVFAIL),
        questions: query.questions,
      });
    const name = normalise(question.name);
    if (!inZone(name))
      return dnsPacket.encode({
        type: "response",
        id: query.id,
        flags: header(REFUSED),
        questions: [question],
      });
    const records = byName.get(name);
    if (!records)
      return dnsPacket.encode({
        type: "response",
        id: query.id,
        flags: header(NXDOMAIN),
        questions: [question],
      });
    return dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: header(NOERROR),
      questions: [question],
      answers:
        question.type === "TXT" || question.type === "ANY"
          ? records.map((r) => ({
              type: "TXT",
              name: question.name,
              ttl: r.ttl ?? 300,
              // A TXT record is a list of character-strings of at most 255 bytes each (RFC 1035 §3.3.14).
              data: r.data.match(/[\s\S]{1,255}/g) ?? [""],
            }))
          : [],
    });
  };

  socket.on("message", (message: Buffer, peer: RemoteInfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: a server drops what it cannot parse
    }
    if (query.type !== "query") return;
    queries++;
    socket.send(answer(query), peer.port, peer.address);
  });

  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port, options.host, () => {
      socket.off("error", reject);
      const { port } = socket.address();
      const host = options.host;
      resolve({
        host,
        port,
        address: host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`,
        get queries() {
          return queries;
        },
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
