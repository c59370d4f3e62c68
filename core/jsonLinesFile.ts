import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/** A line before the last one does not parse: the file was damaged, not torn by a crash. */
export class CorruptJsonLinesError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
  ) {
    super(`${path}: line ${line} is not JSON; the file is damaged (not a torn last write)`);
  }
}

/**
 * An append-only file of JSON lines that survives kill -9 and power loss: a crash can only tear the
 * last line (a write in progress), so on open a last line that does not parse is cut off and
 * everything before it is kept; a damaged line anywhere else is an error, never skipped. `append` with
 * `sync` returns once the lines are on disk (fsync), for callers whose answer promises durability.
 */
export class JsonLinesFile<T> {
  private constructor(
    readonly path: string,
    private fd: number,
  ) {}

  static open<T>(path: string): { file: JsonLinesFile<T>; records: T[]; tornBytes: number } {
    mkdirSync(dirname(path), { recursive: true });
    const created = !existsSync(path);
    const content = created ? Buffer.alloc(0) : readFileSync(path);
    const records: T[] = [];
    let kept = 0;
    let offset = 0;
    let line = 0;
    while (offset < content.length) {
      const end = content.indexOf(0x0a, offset);
      const stop = end === -1 ? content.length : end;
      line++;
      const text = content.subarray(offset, stop).toString("utf8");
      const last = end === -1 || content.subarray(end + 1).every((b) => b === 0x0a);
      if (text.trim()) {
        try {
          records.push(JSON.parse(text) as T);
        } catch {
          if (!last) throw new CorruptJsonLinesError(path, line);
          break;
        }
      }
      offset = stop + 1;
      kept = Math.min(offset, content.length);
    }
    const fd = openSync(path, "a");
    const tornBytes = content.length - kept;
    if (tornBytes > 0) {
      ftruncateSync(fd, kept);
      fsyncSync(fd);
    }
    // A complete last record without its newline: finish the line so the next append starts a new one.
    if (kept > 0 && content[kept - 1] !== 0x0a) writeSync(fd, "\n");
    if (created) syncDirectory(dirname(path));
    return { file: new JsonLinesFile<T>(path, fd), records, tornBytes };
  }

  /** Appends records as lines in one write; with `sync`, returns once they are durable. */
  append(records: readonly T[], options: { sync: boolean }): void {
    if (records.length === 0) return;
    writeSync(this.fd, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    if (options.sync) fsyncSync(this.fd);
  }

  /** Empties the file durably. */
  clear(): void {
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** A new file's directory entry is durable only once its directory is synced. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
