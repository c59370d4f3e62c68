import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  base64url,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey, API_KEY_PATTERN } from "../../access/identity/apiKeys.ts";
import {
  authenticatorConfigShape,
  authenticatorOptionsFromConfig,
  createAuthenticator,
  type Authenticator,
  type AuthenticatorConfig,
} from "../../access/identity/authenticator.ts";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { VerifiedTokenCache } from "../../access/identity/tokenCache.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import { ConfigInvalidError, isTradegraphError, type TradegraphError } from "../../domain/errors.ts";
import { z } from "zod";

const ISSUER = "https://idp.example.test";
const AUDIENCE = "tradegraph";

const directory = new PartyDirectory([
  { id: "MAEU", name: "Maersk A/S", kind: "CARRIER", aliases: [], addresses: [], ports: [] },
  { id: "shp-saic", name: "SAIC Motor", kind: "SHIPPER", aliases: [], addresses: [], ports: [] },
]);

const tempDir = () => mkdtempSync(join(tmpdir(), "tg-identity-"));

interface SigningKey {
  key: CryptoKey;
  alg: "ES256" | "RS256";
  kid: string;
}

let es256: SigningKey;
let rs256: SigningKey;
/** Not in the JWKS: a token it signs must be refused. */
let stranger: SigningKey;
let jwks: { keys: JWK[] };
let jwksFile: string;

beforeAll(async () => {
  const pair = async (alg: "ES256" | "RS256", kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    return { signing: { key: privateKey, alg, kid }, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
  };
  const es = await pair("ES256", "es-1");
  const rs = await pair("RS256", "rs-1");
  es256 = es.signing;
  rs256 = rs.signing;
  stranger = (await pair("ES256", "stranger")).signing;
  jwks = { keys: [es.jwk, rs.jwk] };
  jwksFile = join(tempDir(), "jwks.json");
  writeFileSync(jwksFile, JSON.stringify(jwks));
});

const now = () => Math.floor(Date.now() / 1000);

/** A token as an identity provider would sign it; `overrides` replace (or with undefined, drop) claims. */
async function sign(
  claims: Record<string, unknown> = {},
  options: { with?: SigningKey; kid?: string } & Partial<
    Record<"iss" | "aud" | "sub", string | undefined>
  > & {
      exp?: number | undefined;
      nbf?: number;
    } = {},
): Promise<string> {
  const key = options.with ?? es256;
  const payload: JWTPayload = {
    iss: "iss" in options ? options.iss : ISSUER,
    aud: "aud" in options ? options.aud : AUDIENCE,
    sub: "sub" in options ? options.sub : "alice@maersk.example",
    iat: now(),
    exp: "exp" in options ? options.exp : now() + 600,
    ...(options.nbf !== undefined ? { nbf: options.nbf } : {}),
    party: "MAEU",
    ...claims,
  };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid }).sign(key.key);
}

const fromFile = (extra: Partial<Parameters<typeof createAuthenticator>[0]> = {}) =>
  createAuthenticator({ jwt: { issuer: ISSUER, audience: AUDIENCE, jwksFile }, directory, ...extra });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The error `authenticate` refused with, checked to be UNAUTHENTICATED and not to repeat the credential. */
async function refusal(
  authenticator: Authenticator,
  headers: Record<string, string | string[]>,
  credential?: string,
): Promise<TradegraphError> {
  const error: unknown = await authenticator.authenticate(headers).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isTradegraphError(error), String(error)).toBe(true);
  const refused = error as TradegraphError;
  expect(refused.code).toBe("UNAUTHENTICATED");
  if (credential) expect(refused.message).not.toContain(credential);
  return refused;
}

describe("bearer JWTs", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("accepts ES256 and RS256 tokens from a trusted key and reads sub, party and roles", async () => {
    const auth = fromFile();
    await expect(auth.authenticate(bearer(await sign({ roles: ["analyst"] })))).resolves.toEqual({
      subject: "alice@maersk.example",
      party: "MAEU",
      roles: ["analyst"],
    });
    await expect(
      auth.authenticate(bearer(await sign({ party: "shp-saic" }, { with: rs256, sub: "svc-42" }))),
    ).resolves.toEqual({ subject: "svc-42", party: "shp-saic", roles: [] });
    // The scheme is case-insensitive, header names too.
    await expect(auth.authenticate({ Authorization: `bearer ${await sign()}` })).resolves.toMatchObject({
      party: "MAEU",
    });
  });

  it("refuses expired and not-yet-valid tokens, beyond the clock tolerance only", async () => {
    const auth = fromFile();
    const expired = await sign({}, { exp: now() - 120 });
    expect((await refusal(auth, bearer(expired), expired)).shortMessage).toBe(
      "The bearer token has expired.",
    );
    const early = await sign({}, { nbf: now() + 120 });
    expect((await refusal(auth, bearer(early), early)).shortMessage).toBe(
      "The bearer token is not valid yet.",
    );
    // 10 s of skew is inside the default 30 s tolerance.
    await expect(auth.authenticate(bearer(await sign({}, { exp: now() - 10 })))).resolves.toBeTruthy();
    const strict = fromFile({
      jwt: { issuer: ISSUER, audience: AUDIENCE, jwksFile, clockToleranceSeconds: 0 },
    });
    await refusal(strict, bearer(await sign({}, { exp: now() - 10 })));
  });

  it("refuses a signature by a key outside the JWKS, and a forged key id", async () => {
    const auth = fromFile();
    const unknownKey = await sign({}, { with: stranger });
    expect((await refusal(auth, bearer(unknownKey), unknownKey)).shortMessage).toBe(
      "The bearer token is signed by a key this gateway does not trust.",
    );
    // Claims to be signed by the trusted key, is not.
    const forged = await sign({}, { with: stranger, kid: es256.kid });
    expect((await refusal(auth, bearer(forged), forged)).shortMessage).toBe(
      "The bearer token's signature does not verify.",
    );
    // A valid token with one claim changed after signing.
    const [header, payload, signature] = (await sign()).split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as JWTPayload;
    const tampered = [
      header,
      base64url.encode(JSON.stringify({ ...claims, party: "shp-saic" })),
      signature,
    ].join(".");
    expect((await refusal(auth, bearer(tampered), tampered)).shortMessage).toBe(
      "The bearer token's signature does not verify.",
    );
  });

  it("refuses the wrong issuer or audience, and tokens without sub or exp", async () => {
    const auth = fromFile();
    expect((await refusal(auth, bearer(await sign({}, { iss: "https://evil.example" })))).shortMessage).toBe(
      `The bearer token was not issued by ${ISSUER}.`,
    );
    expect((await refusal(auth, bearer(await sign({}, { aud: "another-api" })))).shortMessage).toBe(
      `The bearer token is not meant for audience ${AUDIENCE}.`,
    );
    expect((await refusal(auth, bearer(await sign({}, { sub: undefined })))).shortMessage).toBe(
      'The bearer token has no "sub" claim.',
    );
    expect((await refusal(auth, bearer(await sign({}, { exp: undefined })))).shortMessage).toBe(
      'The bearer token has no "exp" claim.',
    );
  });

  it("refuses alg none and HMAC, including HS256 keyed with the public JWK", async () => {
    const auth = fromFile();
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: "mallory", exp: now() + 600, party: "MAEU" };
    const unsigned = [
      base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" })),
      base64url.encode(JSON.stringify(claims)),
      "",
    ].join(".");
    const algorithm = "The bearer token's algorithm is not accepted; ES256 and RS256 are.";
    expect((await refusal(auth, bearer(unsigned), unsigned)).shortMessage).toBe(algorithm);
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: es256.kid })
      .sign(publicKeyAsSecret);
    expect((await refusal(auth, bearer(hmac), hmac)).shortMessage).toBe(algorithm);
  });

  it("refuses an unknown party, an unknown role, and no party without the operator role", async () => {
    const auth = fromFile();
    expect((await refusal(auth, bearer(await sign({ party: "ACME" })))).shortMessage).toBe(
      'The bearer token is refused: party "ACME" is not in the party directory.',
    );
    expect((await refusal(auth, bearer(await sign({ roles: ["analyst", "admin"] })))).shortMessage).toBe(
      'The bearer token is refused: role "admin" is not one of operator, analyst.',
    );
    expect((await refusal(auth, bearer(await sign({ roles: "analyst" })))).shortMessage).toMatch(
      /roles are not a list/,
    );
    expect(
      (await refusal(auth, bearer(await sign({ party: undefined, roles: ["analyst"] })))).shortMessage,
    ).toBe("The bearer token is refused: it names no party and does not carry the operator role.");
    await expect(
      auth.authenticate(bearer(await sign({ party: undefined, roles: ["operator"] }, { sub: "ops" }))),
    ).resolves.toEqual({ subject: "ops", party: null, roles: ["operator"] });
  });

  it("fetches the JWKS over HTTP once, and reports an unreachable identity provider as such", async () => {
    let fetches = 0;
    const server: Server = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      const auth = createAuthenticator({ jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl }, directory });
      for (const token of [await sign(), await sign({}, { with: rs256 }), await sign({ party: "shp-saic" })])
        await expect(auth.authenticate(bearer(token))).resolves.toHaveProperty(
          "subject",
          "alice@maersk.example",
        );
      expect(fetches).toBe(1);
      await refusal(auth, bearer(await sign({}, { with: stranger })));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    // The port is closed now: that is an outage to retry, not a bad token.
    const down = createAuthenticator({ jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl }, directory });
    await expect(down.authenticate(bearer(await sign()))).rejects.toMatchObject({
      code: "NETWORK_UNAVAILABLE",
      network: "identity-provider",
    });
  });

  it("answers a repeated token from the cache, and refuses it once past its exp all the same", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const auth = createAuthenticator({
      jwt: { issuer: ISSUER, audience: AUDIENCE, jwksFile, clockToleranceSeconds: 0 },
      directory,
    });
    const token = await sign({ roles: ["analyst"] }, { exp: now() + 60 });
    const first = await auth.authenticate(bearer(token));
    expect(await auth.authenticate(bearer(token))).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await refusal(auth, bearer(token), token)).shortMessage).toBe("The bearer token has expired.");
  });

  it("keeps the cache bounded, dropping the least recently used token first", () => {
    const cache = new VerifiedTokenCache({ maxEntries: 2 });
    const principal = { subject: "s", party: "MAEU", roles: [] };
    const later = Date.now() + 60_000;
    cache.set("a", principal, later);
    cache.set("b", principal, later);
    expect(cache.get("a", Date.now())).toBe(principal); // a is now the most recent
    cache.set("c", principal, later);
    expect(cache.size).toBe(2);
    expect(cache.get("b", Date.now())).toBeUndefined();
    expect(cache.get("a", Date.now())).toBe(principal);
    expect(cache.get("c", later)).toBeUndefined(); // at exp: gone
    expect(cache.size).toBe(1);
  });
});

describe("the authenticator's headers", () => {
  it("refuses no credentials, a malformed or repeated header, and a kind it is not configured for", async () => {
    const auth = fromFile();
    const token = await sign();
    expect((await refusal(auth, {})).shortMessage).toBe(
      "No credentials: send Authorization: Bearer <token> or an x-api-key header.",
    );
    for (const malformed of [`Basic ${token}`, "Bearer", `Bearer ${token} extra`, `Bearer${token}`, ""])
      expect((await refusal(auth, { authorization: malformed }, token)).shortMessage).toBe(
        "The Authorization header is not of the form Bearer <token>.",
      );
    expect((await refusal(auth, bearer("not.a.jwt"))).shortMessage).toBe(
      "The bearer token is not a well-formed signed JWT.",
    );
    expect(
      (await refusal(auth, { authorization: [`Bearer ${token}`, `Bearer ${token}`] }, token)).shortMessage,
    ).toBe("More than one authorization header; send one.");
    expect((await refusal(auth, { "x-api-key": "tg_0011223344556677_x" })).shortMessage).toBe(
      "This gateway does not accept API keys.",
    );
    const keysOnly = createAuthenticator({ apiKeysFile: join(tempDir(), "api-keys.json"), directory });
    expect((await refusal(keysOnly, bearer(token), token)).shortMessage).toBe(
      "This gateway does not accept bearer tokens.",
    );
  });

  it("takes a bearer token and an API key together only when they name the same party and roles", async () => {
    const apiKeysFile = join(tempDir(), "api-keys.json");
    const { key } = createApiKey(apiKeysFile, { party: "MAEU", roles: ["analyst"] });
    const auth = fromFile({ apiKeysFile });
    const same = await sign({ roles: ["analyst"] });
    await expect(auth.authenticate({ ...bearer(same), "x-api-key": key })).resolves.toMatchObject({
      subject: "alice@maersk.example",
      party: "MAEU",
    });
    const other = await sign({ party: "shp-saic" });
    const refused = await refusal(auth, { ...bearer(other), "x-api-key": key }, key);
    expect(refused.shortMessage).toBe(
      "The bearer token and the API key name different identities; send one of them.",
    );
    expect(refused.message).not.toContain(other);
  });
});

describe("API keys", () => {
  it("create, authenticate, revoke: refused within the reload interval, and never stored in plain", async () => {
    const file = join(tempDir(), "state", "api-keys.json");
    const auth = createAuthenticator({ apiKeysFile: file, directory });
    const { key, record } = createApiKey(file, { party: "shp-saic", roles: [], name: "nightly export" });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(key.startsWith(`tg_${record.id}_`)).toBe(true);

    // Created after the gateway started: the running authenticator picks the file up.
    await vi.waitFor(
      () =>
        expect(auth.authenticate({ "x-api-key": key })).resolves.toEqual({
          subject: `key:${record.id}`,
          party: "shp-saic",
          roles: [],
        }),
      { timeout: 5000, interval: 50 },
    );

    const stored = readFileSync(file, "utf8");
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(`tg_${record.id}_`.length));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(stored)).toEqual({
      keys: [
        {
          id: record.id,
          party: "shp-saic",
          roles: [],
          name: "nightly export",
          createdAt: record.createdAt,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ],
    });

    revokeApiKey(file, record.id);
    await vi.waitFor(
      async () =>
        expect((await refusal(auth, { "x-api-key": key }, key)).shortMessage).toBe(
          "The API key has been revoked.",
        ),
      { timeout: 5000, interval: 50 },
    );
  });

  it("refuses a malformed key, an unknown id, and a right id with the wrong secret", async () => {
    const file = join(tempDir(), "api-keys.json");
    const { key, record } = createApiKey(file, { party: "MAEU", roles: ["analyst"] });
    const auth = createAuthenticator({ apiKeysFile: file, directory });
    await expect(auth.authenticate({ "X-Api-Key": key })).resolves.toHaveProperty("party", "MAEU");
    expect((await refusal(auth, { "x-api-key": "hunter2" })).shortMessage).toBe(
      "The API key is malformed; keys look like tg_<id>_<secret>.",
    );
    const secret = key.slice(`tg_${record.id}_`.length);
    const wrongSecret = `tg_${record.id}_${secret.startsWith("A") ? "B" : "A"}${secret.slice(1)}`;
    const unknownId = `tg_${"0".repeat(16)}_${secret}`;
    for (const wrong of [wrongSecret, unknownId])
      expect((await refusal(auth, { "x-api-key": wrong }, wrong)).shortMessage).toBe(
        "The API key is not known.",
      );
  });
});

describe("the local issuer", () => {
  it("creates its key once, keeps it, and issues tokens the authenticator accepts", async () => {
    const stateDir = tempDir();
    const first = await ensureLocalIssuer(stateDir);
    const privateKey = readFileSync(first.privateKeyFile, "utf8");
    const second = await ensureLocalIssuer(stateDir);
    expect(second.kid).toBe(first.kid);
    expect(readFileSync(first.privateKeyFile, "utf8")).toBe(privateKey);
    expect(statSync(first.privateKeyFile).mode & 0o777).toBe(0o600);
    const published = JSON.parse(readFileSync(first.jwksFile, "utf8")) as { keys: JWK[] };
    expect(published.keys).toHaveLength(1);
    expect(published.keys[0]).toMatchObject({ kid: first.kid, alg: "ES256", kty: "EC" });
    expect(published.keys[0]).not.toHaveProperty("d");

    const auth = createAuthenticator({
      jwt: { issuer: first.issuer, audience: first.audience, jwksFile: first.jwksFile },
      directory,
    });
    const token = await second.issueToken({ party: "MAEU", roles: ["analyst"], ttlSeconds: 900 });
    await expect(auth.authenticate(bearer(token))).resolves.toEqual({
      subject: "MAEU",
      party: "MAEU",
      roles: ["analyst"],
    });
    const operator = await first.issueToken({ party: null, roles: ["operator"], ttlSeconds: 60 });
    await expect(auth.authenticate(bearer(operator))).resolves.toEqual({
      subject: "operator",
      party: null,
      roles: ["operator"],
    });
  });

  it("builds the gateway's options from its parsed env, defaulting under the state dir", async () => {
    const stateDir = tempDir();
    writeFileSync(
      join(stateDir, "parties.json"),
      JSON.stringify({ parties: [{ id: "MAEU", name: "Maersk A/S", kind: "CARRIER" }] }),
    );
    const parse = (env: Record<string, string>): AuthenticatorConfig =>
      z.object(authenticatorConfigShape).parse({ TRADEGRAPH_STATE_DIR: stateDir, ...env });

    const options = await authenticatorOptionsFromConfig(parse({}));
    expect(options.jwt).toEqual({
      issuer: "tradegraph-local",
      audience: "tradegraph",
      jwksFile: join(stateDir, "issuer", "jwks.json"),
    });
    expect(options.apiKeysFile).toBe(join(stateDir, "api-keys.json"));
    expect(options.directory.get("MAEU")?.name).toBe("Maersk A/S");
    const issuer = await ensureLocalIssuer(stateDir);
    const token = await issuer.issueToken({ party: "MAEU", roles: [], ttlSeconds: 60 });
    await expect(createAuthenticator(options).authenticate(bearer(token))).resolves.toHaveProperty(
      "party",
      "MAEU",
    );

    expect(
      (await authenticatorOptionsFromConfig(parse({ AUTH_JWKS_URL: "https://idp.example.test/jwks" }))).jwt,
    ).toEqual({
      issuer: "tradegraph-local",
      audience: "tradegraph",
      jwksUrl: "https://idp.example.test/jwks",
    });

    const invalid = await authenticatorOptionsFromConfig(
      parse({
        AUTH_JWKS_URL: "https://idp.example.test/jwks",
        AUTH_JWKS_FILE: "/etc/jwks.json",
        PARTIES_FILE: join(stateDir, "missing.json"),
      }),
    ).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ConfigInvalidError);
    expect((invalid as ConfigInvalidError).problems).toEqual([
      "AUTH_JWKS_FILE, AUTH_JWKS_URL: set one of them, not both",
      expect.stringMatching(/^PARTIES_FILE: cannot read the party directory .*missing\.json/),
    ]);
  });
});
