import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { createApiKeyVerifier } from "../../access/identity/apiKeyVerifier.ts";
import { API_KEY_PATTERN } from "../../access/identity/apiKeys.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** `npx tradegraph ...` as a user runs it, in a fresh state dir with a small party directory. */
function run(
  stateDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Without the caller's settings, so that only --state-dir decides where state is.
  const env = { ...process.env };
  for (const name of ["TRADEGRAPH_STATE_DIR", "PARTIES_FILE", "API_KEYS_FILE"]) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/tradegraph.mjs", ...args, "--state-dir", stateDir], {
      cwd: root,
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const PARTIES = {
  parties: [
    { id: "MAEU", name: "Maersk A/S", kind: "CARRIER" },
    { id: "shp-saic", name: "SAIC Motor Corporation", kind: "SHIPPER" },
    { id: "bnk-boc", name: "Bank of China", kind: "BANK" },
  ],
};

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tg-identity-cli-"));
  writeFileSync(join(dir, "parties.json"), JSON.stringify(PARTIES));
  return dir;
}

async function verifyLocal(dir: string, token: string) {
  const jwks = JSON.parse(readFileSync(join(dir, "issuer", "jwks.json"), "utf8")) as JSONWebKeySet;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: "tradegraph-local",
    audience: "tradegraph",
    algorithms: ["ES256"],
  });
  return payload;
}

describe("tradegraph token", () => {
  it("prints exactly one token that verifies against the generated JWKS, and keeps the key", async () => {
    const dir = stateDir();
    const analyst = await run(dir, ["token", "--party", "MAEU", "--role", "analyst"]);
    expect(analyst).toMatchObject({ code: 0, stderr: "" });
    expect(analyst.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = analyst.stdout.trim();
    const claims = await verifyLocal(dir, token);
    expect(claims).toMatchObject({ sub: "MAEU", party: "MAEU", roles: ["analyst"] });
    expect(claims.exp! - claims.iat!).toBe(3600);

    const operator = await run(dir, ["token", "--role", "operator", "--ttl", "15m"]);
    expect(operator.code).toBe(0);
    const operatorClaims = await verifyLocal(dir, operator.stdout.trim());
    expect(operatorClaims).toMatchObject({ sub: "operator", roles: ["operator"] });
    expect(operatorClaims).not.toHaveProperty("party");
    expect(operatorClaims.exp! - operatorClaims.iat!).toBe(900);
    // The second run signed with the key the first one created.
    expect(decodeProtectedHeader(operator.stdout.trim()).kid).toBe(decodeProtectedHeader(token).kid);
  });

  it("exits 2 with a message for an unknown party, a missing party, or a bad role or ttl", async () => {
    const dir = stateDir();
    const cases: [string[], string][] = [
      [["token", "--party", "ACME"], 'party "ACME" is not in the party directory'],
      [["token", "--role", "analyst"], "give --party ID, or --role operator"],
      [["token", "--party", "MAEU", "--role", "admin"], '--role must be operator or analyst; got "admin"'],
      [["token", "--party", "MAEU", "--ttl", "forever"], "--ttl must be a number and a unit"],
    ];
    const results = await Promise.all(cases.map(([args]) => run(dir, args)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]![0].join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(cases[i]![1]);
      expect(result.stderr).toContain("usage: tradegraph token");
    });
  });
});

describe("tradegraph keys", () => {
  it("create, list and revoke round trip; the list never shows a key or a hash", async () => {
    const dir = stateDir();
    const created = await run(dir, [
      "keys",
      "create",
      "--party",
      "bnk-boc",
      "--role",
      "analyst",
      "--name",
      "LC desk",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^tg_\S+\n$/);
    const key = created.stdout.trim();
    const id = API_KEY_PATTERN.exec(key)![1]!;
    expect(created.stderr).toContain(`created API key ${id}`);

    const verifier = createApiKeyVerifier({
      file: join(dir, "api-keys.json"),
      directory: PartyDirectory.fromFile(join(dir, "parties.json")),
      reloadIntervalMs: 0,
    });
    expect(verifier.verify(key)).toEqual({ subject: `key:${id}`, party: "bnk-boc", roles: ["analyst"] });

    const listed = await run(dir, ["keys", "list"]);
    expect(listed.code).toBe(0);
    const [line, ...others] = listed.stdout.trimEnd().split("\n");
    expect(others).toEqual([]);
    expect(line!.split("\t")).toEqual([id, "bnk-boc", "analyst", "LC desk", expect.any(String), "-"]);
    const { sha256 } = (
      JSON.parse(readFileSync(join(dir, "api-keys.json"), "utf8")) as { keys: { sha256: string }[] }
    ).keys[0]!;
    expect(listed.stdout).not.toContain(key.slice(`tg_${id}_`.length));
    expect(listed.stdout).not.toContain(sha256);

    const revoked = await run(dir, ["keys", "revoke", id]);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`revoked ${id}`) });
    const after = await run(dir, ["keys", "list"]);
    expect(after.stdout.trimEnd().split("\t")[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(() => verifier.verify(key)).toThrow("The API key has been revoked.");
  });

  it("exits 2 for an unknown id, an unknown subcommand, or options that do not apply", async () => {
    const dir = stateDir();
    const results = await Promise.all([
      run(dir, ["keys", "revoke", "0011223344556677"]),
      run(dir, ["keys", "rotate"]),
      run(dir, ["keys", "list", "--party", "MAEU"]),
      run(dir, ["keys", "create", "--party", "ACME"]),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("usage: tradegraph keys");
    }
    expect(results.map((r) => r.stderr.split("\n")[0])).toEqual([
      `tradegraph keys: no API key has id "0011223344556677" in ${join(dir, "api-keys.json")}`,
      'tradegraph keys: unknown keys command "rotate"',
      "tradegraph keys: --party applies to keys create only",
      `tradegraph keys: party "ACME" is not in the party directory (${join(dir, "parties.json")})`,
    ]);
  });
});
