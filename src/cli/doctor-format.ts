// Pure text rendering of `ticketsim doctor` results.
import type { ProbeResult } from '../engine/health/probe.js';

/** One block per service: ✓/✗, address, version, round trip, then details, error and hint. */
export function formatDoctor(results: readonly ProbeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const head = [r.ok ? '✓' : '✗', r.service.padEnd(6), r.address];
    if (r.version) head.push(`version ${r.version}`);
    if (r.rttMs !== undefined) head.push(`rtt ${r.rttMs} ms`);
    lines.push(head.join('  '));
    for (const detail of r.details) lines.push(`    ${detail}`);
    if (r.error) lines.push(`    error: ${r.error}`);
    if (r.hint) lines.push(`    hint: ${r.hint}`);
  }
  const failed = results.filter((r) => !r.ok).map((r) => r.service);
  lines.push(failed.length === 0 ? 'all services healthy' : `unhealthy: ${failed.join(', ')}`);
  return lines.join('\n');
}
