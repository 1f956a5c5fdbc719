import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { loadMetricsConfig, metricsHostProblem } from './metrics-config.js';

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

  it('listen on --metrics-host, loopback by default', () => {
    expect(loadMetricsConfig({ metricsPort: 0, metricsHost: '::1' }, {})).toMatchObject({ host: '::1', port: 0 });
    expect(loadMetricsConfig({ metricsPort: 0, metricsHost: '[::1]' }, {})).toMatchObject({ host: '::1' });
    expect(loadMetricsConfig({ metricsPort: 0, metricsHost: 'localhost' }, {})).toMatchObject({ host: 'localhost' });
    expect(loadMetricsConfig({ metricsPort: 0, metricsHost: '0.0.0.0', allowRemote: true }, {})).toMatchObject({ host: '0.0.0.0' });
    expect(loadMetricsConfig({ metricsHost: '127.0.0.1' }, { TICKETSIM_METRICS_PORT: '9464' })).toMatchObject({ host: '127.0.0.1', port: 9464 });
  });

  it('refuse a host off loopback without --allow-remote, in one line', () => {
    expect(() => loadMetricsConfig({ metricsPort: 9464, metricsHost: '0.0.0.0' }, {})).toThrow(
      new UsageError('--metrics-host 0.0.0.0 is not a loopback address; metrics are served only on 127.0.0.1/localhost/::1 unless --allow-remote is given too'),
    );
    expect(() => loadMetricsConfig({ metricsPort: 9464, metricsHost: '' }, {})).toThrow(/--metrics-host needs an address/);
    expect(() => loadMetricsConfig({ metricsHost: '127.0.0.1' }, {})).toThrow(/--metrics-host needs --metrics-port/);
  });

  it('take 127.0.0.0/8, ::1 and localhost as loopback, and nothing else unless allowed', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LOCALHOST']) expect(metricsHostProblem(host, false)).toBeUndefined();
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '128.0.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io']) {
      expect(metricsHostProblem(host, false)).toMatch(/is not a loopback address/);
      expect(metricsHostProblem(host, true)).toBeUndefined();
    }
    expect(metricsHostProblem(' ', true)).toMatch(/needs an address/);
  });
});
