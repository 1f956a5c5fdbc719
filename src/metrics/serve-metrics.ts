// The metrics of `ticketsim serve`: requests by route and status (a counter) and their latency by
// route (a histogram), labelled with the served strategy and write mode. Routes are named by their
// pattern (`GET /sales/:sale/stock`), never by a sale or a user.
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS, seconds } from './buckets.js';

/** The labels every serve metric carries. */
export type ServeLabels = { strategy: string; write: string };

/** The serve metrics of one registry. */
export class ServeMetrics {
  private readonly requests: Counter;
  private readonly latency: Histogram;

  constructor(registry: Registry, private readonly labels: ServeLabels) {
    const registers = [registry];
    this.requests = new Counter({ name: 'ticketsim_serve_requests_total', help: 'Requests answered, by route and status', labelNames: ['strategy', 'write', 'route', 'status'], registers });
    this.latency = new Histogram({ name: 'ticketsim_serve_request_seconds', help: 'From a request\'s arrival to its reply sent, by route', labelNames: ['strategy', 'write', 'route'], buckets: [...LATENCY_BUCKETS], registers });
  }

  /** The server's hook: one reply went out. */
  readonly answered = (route: string, status: number, us: number): void => {
    this.requests.labels({ ...this.labels, route, status: String(status) }).inc();
    this.latency.labels({ ...this.labels, route }).observe(seconds(us));
  };
}
