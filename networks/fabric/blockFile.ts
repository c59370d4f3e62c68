import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  fstatSync,
  ftruncateSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/** Where a line is in the file (its newline excluded), to read it again. */
export interface LineAt {
  offset: number;
  length: number;
}

/** What opening the file found: how many lines were kept, and the torn tail dropped, if any. */
export interface BlockFileRecovery {
  lines: number;
  /** Bytes after the last complete line that were cut off (a write torn by a crash); 0 when none. */
  droppedBytes: number;
}

export class CorruptBlockFile extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(
      `${file}: line ${line} is corrupt (${reason}); the lines after it were committed, so it cannot be dropped`,
    );
  }
}

/**
 * An append-only file of one JSON record per line, durable line by line: `append` returns once the line
 * is on disk (fsync), so a caller may promise what the line records. Opening it replays every complete
 * line; a last line without its newline, or that does not parse, is what a crash mid-append leaves, and is
 * cut off (nothing was promised for it: the promise comes after the fsync of the whole line). A bad line
 * followed by good ones is corruption, not a torn write, and is refused rather than skipped.
 */
export class BlockFile {
  private fd: number | null = null;

  constructor(readonly file: string) {}

  /**
   * Replays the file through `apply` (which may throw to refuse a line; it learns where the line is),
   * repairs a torn tail, opens for append.
   */
  open(apply: (record: unknown, line: number, at: LineAt) => void): BlockFileRecovery {
    mkdirSync(dirname(this.file), { recursive: true });
    let kept = 0;
    let goodBytes = 0;
    let size = 0;
    if (existsSync(this.file)) {
      const bytes = readFileSync(this.file);
      size = bytes.length;
      let start = 0;
      let line = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(0x0a, start);
        line++;
        const last = end === -1 || bytes.subarray(end + 1).every((b) => b === 0x0a || b === 0x20);
        if (end === -1) break; // no newline: the append never finished
        const text = bytes.subarray(start, end).toString("utf8");
        if (text.trim()) {
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (error) {
            if (last) break; // a torn last line (e.g. zero-filled after a power cut)
            throw new CorruptBlockFile(this.file, line, (error as Error).message);
          }
          apply(record, line, { offset: start, length: end - start });
          kept++;
        }
        start = end + 1;
        goodBytes = start;
      }
    }
    const created = !existsSync(this.file);
    this.fd = openSync(this.file, "a+");
    if (created) {
      // A new file's directory entry must be durable too, or a power cut can lose the whole file.
      const dir = openSync(dirname(this.file), "r");
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    const droppedBytes = size - goodBytes;
    if (droppedBytes > 0) {
      ftruncateSync(this.fd, goodBytes);
      fsyncSync(this.fd);
    }
    return { lines: kept, droppedBytes };
  }

  /** Appends one record as a line and returns once it is on disk, with where it is. */
  append(record: unknown): LineAt {
    if (this.fd === null) throw new Error(`${this.file} is not open`);
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
    const offset = fstatSync(this.fd).size;
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    fsyncSync(this.fd);
    return { offset, length: bytes.length - 1 };
  }

  /** Reads a line back from where `open` or `append` said it is. */
  read(at: LineAt): unknown {
    if (this.fd === null) throw new Error(`${this.file} is not open`);
    const bytes = Buffer.alloc(at.length);
    let read = 0;
    while (read < at.length) read += readSync(this.fd, bytes, read, at.length - read, at.offset + read);
    return JSON.parse(bytes.toString("utf8")) as unknown;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
