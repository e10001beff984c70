// Shapes of untyped packages the tools use (no @types package exists for them). Only the
// parts tools/ calls are declared.

declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** The request as setupRequest receives and returns it. */
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    /**
     * One entry of `requests`: a template, optionally rebuilt per request and checked per
     * response. `context` is the connection's own object, kept across its requests: a script
     * declares what it keeps there (methods, so a narrower context type is accepted).
     */
    interface RequestTemplate extends Request {
      setupRequest?(
        request: Request,
        context: Record<string, unknown>,
      ): Request;
      onResponse?(
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string | string[]>,
      ): void;
    }

    interface Options extends Request {
      url: string;
      connections?: number;
      /** seconds */
      duration?: number;
      /** total requests, instead of a duration */
      amount?: number;
      /** seconds */
      timeout?: number;
      requests?: RequestTemplate[];
    }

    /** Statistics over one quantity (latency in ms, requests or bytes per second). */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      latency: Histogram;
      requests: Histogram & { sent: number };
      throughput: Histogram;
      /** seconds */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface Instance extends EventEmitter {
      on(
        event: 'response',
        listener: (
          client: unknown,
          status: number,
          bytes: number,
          responseTime: number,
        ) => void,
      ): this;
      on(
        event: 'reqError',
        listener: (error: NodeJS.ErrnoException) => void,
      ): this;
      stop(): void;
    }
  }

  /** Without a callback the instance is also a promise of the result. */
  function autocannon(
    options: autocannon.Options,
  ): autocannon.Instance & PromiseLike<autocannon.Result>;
  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
