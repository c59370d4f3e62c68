/**
 * A progress bar with counts and an ETA for a streamed report, drawn in place on a terminal; silent
 * when stderr is a file or a pipe, where carriage returns would only litter a log.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, width = 30) {
  const started = Date.now();
  let drawn = false;
  return {
    update(written: number, total: number): void {
      if (!stream.isTTY) return;
      const elapsed = (Date.now() - started) / 1000;
      const eta = written > 0 ? ((total - written) * elapsed) / written : 0;
      const done = total > 0 ? Math.min(width, Math.round((written / total) * width)) : width;
      stream.write(
        `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${written}/${total} rows, ETA ${eta.toFixed(0)} s `,
      );
      drawn = true;
    },
    /** Ends the bar's line so what follows starts on its own. */
    finish(): void {
      if (drawn) stream.write("\n");
    },
  };
}
