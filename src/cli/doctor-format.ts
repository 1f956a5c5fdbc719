// Pure text rendering of `ticketsim doctor` results.
import type { ProbeResult } from '../engine/health/probe.js';
import type { TargetDiagnosis } from '../targets/http/target-doctor.js';

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

/** `doctor --target`: one line a probe, then the checks the file makes possible and those it skips. */
export function formatTargetDoctor(path: string, name: string, diagnosis: TargetDiagnosis): string {
  const { probes, checks } = diagnosis;
  const width = Math.max(...probes.map((probe) => probe.what.length));
  return [
    `target ${name} (${path})`,
    ...probes.map((probe) => `${probe.ok ? '✓' : '✗'}  ${probe.what.padEnd(width)}  ${probe.detail}`),
    `checks it makes possible: ${checks.possible.join(', ')}`,
    ...(checks.skipped.length === 0 ? [] : [`skipped (not mapped): ${checks.skipped.map((check) => `${check.name} (${check.why})`).join(', ')}`]),
    probes.every((probe) => probe.ok) ? 'ready for a run' : `not ready: ${probes.filter((probe) => !probe.ok).map((probe) => probe.what).join(', ')}`,
  ].join('\n');
}
