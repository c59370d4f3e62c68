import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/** Debian's Chromium, where `apt-get install chromium` puts it; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const INSTALL = ["install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=120", "chromium"];

/**
 * The path of a headless Chromium for the HTML report tests. When Debian's `chromium` is missing it is
 * installed with apt-get (as root, as on CI), running `apt-get update` first only if the install fails
 * without package lists; not root, the run fails saying how to install it. Every step has a deadline, so
 * a stuck mirror fails the run instead of hanging it.
 */
export async function ensureChromium(deadlineMs = 540_000): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH is set to ${CHROMIUM_PATH}, which does not exist.`);
  if (process.getuid?.() !== 0)
    throw new Error(
      `The HTML report tests need headless Chromium at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  const until = Date.now() + deadlineMs;
  const install = await run("apt-get", INSTALL, until);
  if (install.code !== 0) {
    const update = await run("apt-get", ["update"], until);
    if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output}`);
    const retry = await run("apt-get", INSTALL, until);
    if (retry.code !== 0) throw new Error(`apt-get install chromium failed:\n${retry.output}`);
  }
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium, but there is no ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}

function run(command: string, args: string[], until: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(
      () => {
        child.kill("SIGKILL");
        reject(new Error(`${command} ${args.join(" ")} did not finish in time:\n${output}`));
      },
      Math.max(1, until - Date.now()),
    );
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}
