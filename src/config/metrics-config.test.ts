import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { loadMetricsConfig } from './metrics-config.js';

describe('metrics config', () => {
  it('serves nothing unless a port is asked for', () => {
    expect(loadMetricsConfig({}, {})).toBeUndefined();
  });

  it('takes the port from the flag, else from TICKETSIM_METRICS_PORT, on loopback', () => {
    expect(loadMetricsConfig({ metricsPort: 9465, metricsLinger: 10 }, { TICKETSIM_METRICS_PORT: '1' })).toEqual({ host: '127.0.0.1', port: 9465, lingerSeconds: 10 });
    expect(loadMetricsConfig({}, { TICKETSIM_METRICS_PORT: '0' })).toEqual({ host: '127.0.0.1', port: 0, lingerSeconds: 0 });
  });

  it('names every bad value at once', () => {
    const problems = (() => {
      try {
        loadMetricsConfig({ metricsPort: 70000, metricsLinger: -1 }, {});
      } catch (error) {
        return (error as UsageError).problems;
      }
    })();
    expect(problems).toEqual([expect.stringContaining('--metrics-port must be a port number'), expect.stringContaining('--metrics-linger must be')]);
    expect(() => loadMetricsConfig({}, { TICKETSIM_METRICS_PORT: 'abc' })).toThrow(/TICKETSIM_METRICS_PORT must be a port number/);
    expect(() => loadMetricsConfig({ metricsLinger: 5 }, {})).toThrow(/--metrics-linger needs --metrics-port/);
  });
});
