import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Binds `server` to host and port (0: a free one); resolves with the port bound, rejects when it cannot bind. */
export async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Stops accepting, ends every connection (idle keep-alive ones too), resolves once the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
