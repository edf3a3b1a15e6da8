import http from 'http';
import { AddressInfo } from 'net';

/** A started {@link startDelayingProxy}. */
export interface DelayingProxy {
  /** The proxy's origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** The number of requests received so far, held ones included. */
  readonly requestCount: number;
  /** Forwards the held requests and every later one, each after the delay. */
  open(): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of another loopback server. It
 * keeps every request waiting until `open()` is called, then forwards each one after
 * `delayMs`, so that a refresh through it takes a predictable time.
 */
export async function startDelayingProxy(options: {
  target: string;
  delayMs: number;
}): Promise<DelayingProxy> {
  const target = new URL(options.target);
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  let requestCount = 0;

  const server = http.createServer(async (request, response) => {
    requestCount += 1;
    await opened;
    await new Promise(resolve => setTimeout(resolve, options.delayMs));

    // The client may have died while its request was held: a killed backend.
    if (request.socket.destroyed) {
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      upstreamResponse => {
        response.writeHead(
          upstreamResponse.statusCode ?? 502,
          upstreamResponse.headers,
        );
        upstreamResponse.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requestCount() {
      return requestCount;
    },
    open,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
