import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One notification as a subscriber received it: headers and the exact body bytes. */
export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: Buffer;
  receivedAt: number;
  /** When the sender gave up on an answer that never came (hanging receivers only). */
  abandonedAt?: number;
}

/** How the receiver answers: a status after a delay, or never (it holds the request open). */
export interface ReceiverBehaviour {
  status: number;
  delayMs: number;
  hang: boolean;
}

export interface Receiver {
  url: string;
  posts: ReceivedPost[];
  behaviour: ReceiverBehaviour;
  close(): Promise<void>;
}

/** A subscriber's endpoint on 127.0.0.1: records every POST, answers as told. */
export async function startReceiver(behaviour: Partial<ReceiverBehaviour> = {}): Promise<Receiver> {
  const self: Receiver = {
    url: "",
    posts: [],
    behaviour: { status: 204, delayMs: 0, hang: false, ...behaviour },
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const post: ReceivedPost = {
        headers: req.headers,
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      self.posts.push(post);
      const { status, delayMs, hang } = self.behaviour;
      if (hang) {
        res.on("close", () => (post.abandonedAt = Date.now()));
        return;
      }
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dcsa/notifications`;
  self.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return self;
}
