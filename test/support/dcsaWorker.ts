import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** The delivery worker in a process of its own, as `npm start` runs it, so a test can kill -9 it. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr. */
  errors: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `dcsa/deliveryMain.ts` with `env` and waits for its READY line (at most `timeoutMs`). */
export async function startWorkerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "dcsa/deliveryMain.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker not ready in ${timeoutMs} ms: ${errors.join("")}`)),
      timeoutMs,
    );
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before READY: ${errors.join("")}`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("READY ")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, errors, exited };
}
