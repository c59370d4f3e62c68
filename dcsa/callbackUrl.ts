import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { promises as dns } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { BadUserInputError } from "../domain/errors.ts";

/**
 * Where callbacks may go. A subscriber names any URL, so without a check a subscription could make this
 * service POST into its own network (a database's HTTP port, a cloud metadata endpoint, an admin page on
 * loopback). Addresses outside the public internet are refused unless configuration allows them:
 * `loopback`, `private` (RFC 1918, CGNAT, IPv6 ULA), `link-local`, or CIDR ranges (`10.1.0.0/16`).
 * Unspecified, multicast, documentation and reserved ranges are always refused.
 */
export interface CallbackPolicy {
  allow: BlockList;
  /** What was allowed, for messages. */
  allowed: string[];
}

const RANGES: Record<"loopback" | "private" | "link-local" | "never", [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["100.64.0.0", 10, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
  "link-local": [
    ["169.254.0.0", 16, "ipv4"],
    ["fe80::", 10, "ipv6"],
  ],
  never: [
    ["0.0.0.0", 8, "ipv4"],
    ["192.0.0.0", 24, "ipv4"],
    ["192.0.2.0", 24, "ipv4"],
    ["198.18.0.0", 15, "ipv4"],
    ["198.51.100.0", 24, "ipv4"],
    ["203.0.113.0", 24, "ipv4"],
    ["224.0.0.0", 4, "ipv4"],
    ["240.0.0.0", 4, "ipv4"],
    ["::", 128, "ipv6"],
    ["100::", 64, "ipv6"],
    ["2001:db8::", 32, "ipv6"],
    ["ff00::", 8, "ipv6"],
  ],
};

const NON_PUBLIC = new BlockList();
for (const ranges of Object.values(RANGES))
  for (const [address, prefix, family] of ranges) NON_PUBLIC.addSubnet(address, prefix, family);
const NEVER = new BlockList();
for (const [address, prefix, family] of RANGES.never) NEVER.addSubnet(address, prefix, family);

/**
 * The policy from configuration: a comma-separated list of `loopback`, `private`, `link-local` and
 * CIDR ranges. `npm start` allows `loopback`, so the local world's receivers work.
 * @throws Error naming an entry it does not understand.
 */
export function callbackPolicy(allowed: string): CallbackPolicy {
  const allow = new BlockList();
  const entries = allowed
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (entry === "loopback" || entry === "private" || entry === "link-local") {
      for (const [address, prefix, family] of RANGES[entry]) allow.addSubnet(address, prefix, family);
      continue;
    }
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
      throw new Error(`"${entry}" is not loopback, private, link-local or a CIDR range`);
    allow.addSubnet(address!, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { allow, allowed: entries };
}

/**
 * IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64
 * `64:ff9b::/96`) would smuggle any IPv4 address past the IPv4 ranges: always refused. (Not in a
 * BlockList: Node matches IPv4 addresses against an IPv4-mapped rule, which would refuse them all.)
 */
function embedsIpv4(address: string): boolean {
  const text = new URL(`http://[${address}]`).hostname.slice(1, -1);
  return (
    text.startsWith("::ffff:") || text.startsWith("64:ff9b::") || /^::[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(text)
  );
}

/** Whether the policy lets a callback connect to this IP address. */
export function addressAllowed(policy: CallbackPolicy, address: string): boolean {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  if (family === "ipv6" && embedsIpv4(address)) return false;
  if (NEVER.check(address, family)) return false;
  return !NON_PUBLIC.check(address, family) || policy.allow.check(address, family);
}

/** The URL's host as an IP literal or a name (brackets of an IPv6 literal removed). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Checks a callback URL when a subscription is created or changed: http(s), no credentials in it, and
 * every address its host resolves to allowed (a name resolving to one public and one private address is
 * refused). Delivery checks again at connect time (`pinnedLookup`), since DNS can change in between.
 * @throws BadUserInputError saying why.
 */
export async function checkCallbackUrl(policy: CallbackPolicy, text: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BadUserInputError("callbackUrl: not an absolute URL", "callbackUrl");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new BadUserInputError("callbackUrl: must be http or https", "callbackUrl");
  if (url.username || url.password)
    throw new BadUserInputError("callbackUrl: credentials do not belong in the URL", "callbackUrl");
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new BadUserInputError(`callbackUrl: ${host} does not resolve`, "callbackUrl");
    }
  }
  const refused = addresses.find((a) => !addressAllowed(policy, a));
  if (refused)
    throw new BadUserInputError(
      `callbackUrl: ${host}${host === refused ? "" : ` resolves to ${refused}, which`} is outside the public internet; ` +
        `callbacks may reach public addresses${policy.allowed.length ? ` and ${policy.allowed.join(", ")}` : ""} (DCSA_CALLBACK_ALLOW)`,
      "callbackUrl",
    );
  return url;
}

/**
 * A `lookup` for `http.request` that resolves the host and connects only to an allowed address, so the
 * address checked is the address connected to (a DNS answer that changed since the subscription was
 * made, to point inside, is refused at connect time).
 */
export function pinnedLookup(policy: CallbackPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = (found as unknown as LookupAddress[]).filter((a) =>
        addressAllowed(policy, a.address),
      );
      if (addresses.length === 0) {
        const refused = Object.assign(
          new Error(`callback address of ${hostname} refused by DCSA_CALLBACK_ALLOW`),
          {
            code: "ECALLBACKREFUSED",
          },
        );
        return callback(refused, "", 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
