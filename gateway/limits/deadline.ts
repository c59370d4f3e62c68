import { setMaxListeners } from "node:events";
import { QueryLimitError } from "../../domain/errors.ts";

/**
 * Runs `work` under an overall deadline: once `ms` pass, the returned promise rejects with
 * `QueryLimitError("REQUEST_TIMEOUT")` and `signal` is aborted with that same error, so the subgraph
 * fetches given the signal stop instead of running on for an answer nobody will read (combine it with a
 * per-subgraph deadline: `AbortSignal.any([signal, AbortSignal.timeout(subgraphMs)])`). A per-subgraph
 * deadline alone does not bound a request: a plan runs several fetches one after another.
 * Whatever `work` settles to first (before the deadline) is what the promise settles to.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  // Every fetch of the plan listens to it (the analytics page makes ten): not a leak.
  setMaxListeners(0, controller.signal);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new QueryLimitError("REQUEST_TIMEOUT", `The request did not finish within ${ms} ms`, {
        max: ms,
        actual: Math.round(performance.now() - started),
      });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
