// The run dashboard: header, progress, counters and latency histogram while running; with the
// final RunResult also the checks table and verdict. Pure props → frame, sized to stay within
// `height` lines (default 22, so it fits an 80×24 terminal) by limiting histogram rows; at the end
// the checks and the verdict, wrapped to the width and never cut, get the room first and the
// other parts give way to them (see frame-budget.ts).
import { Box, Text } from 'ink';
import type { LatencyOverview, RunResult, RunSnapshot } from '../../result.js';
import { formatCount, primaryOperation } from '../../report/format.js';
import { sqlLiveLine } from '../../report/sql.js';
import { behindLiveLine } from '../../report/behind.js';
import { faultsLiveLine } from '../../report/faults.js';
import { recentLine } from '../../report/load.js';
import { baselineLiveLine } from '../../report/baseline.js';
import { fitFrame } from '../frame-budget.js';
import { ChecksTable, tableLines } from './ChecksTable.js';
import { Counters } from './Counters.js';
import { Header } from './Header.js';
import { LatencyHistogram, OperationLine } from './LatencyHistogram.js';
import { ProgressBar } from './ProgressBar.js';
import { Verdict, verdictLines } from './Verdict.js';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
  /** The latest snapshot (after the run, the one pulled once the result arrived). */
  snapshot: RunSnapshot;
  /** Shown before the run's own title, e.g. `compare 2/4`. */
  title?: string | undefined;
  /** The finished run: when present, counts and latency come from it and checks + verdict show. */
  result?: RunResult | undefined;
  /** Ctrl-C was pressed: in-flight attempts are finishing. */
  stopping?: boolean;
  color: boolean;
  /** Columns to lay out in; default 80. */
  width?: number;
  /** Most lines the frame may take; default 22. */
  height?: number;
}

function ErrorCauseLine({ result, color }: { result: RunResult; color: boolean }): React.JSX.Element | null {
  const [top, ...rest] = result.errorCauses;
  if (!top) return null;
  const more = rest.length > 0 ? ` (+${rest.length} more cause${rest.length === 1 ? '' : 's'})` : '';
  return <Text color={color ? 'red' : undefined} wrap="truncate-end">{`errors: ${formatCount(top.count)} × ${top.cause}${more}`}</Text>;
}

/** What the status line says in the phases where nothing is counted yet or any more. */
const STATUS: Partial<Record<RunSnapshot['phase'], string>> = {
  connecting: 'connecting to the services…',
  setup: 'setting up: the sale, and when writing behind the topic and the workers…',
  draining: 'draining: the workers are writing what Kafka acknowledged…',
  checking: 'checking the invariants…',
};

function StatusLine({ snapshot, stopping, color }: { snapshot: RunSnapshot; stopping: boolean; color: boolean }): React.JSX.Element {
  if (stopping) {
    return (
      <Text color={color ? 'yellow' : undefined} wrap="truncate-end">
        stopping: in-flight attempts finish, then the checks run (ctrl-c again quits at once)
      </Text>
    );
  }
  const text = STATUS[snapshot.phase] ?? 'ctrl-c stops the run; the checks still run on what happened';
  return <Text color={color ? 'gray' : undefined} wrap="truncate-end">{text}</Text>;
}

/** The operation drawn as a histogram, then the others (one percentile line each). */
function operationsOf(snapshot: RunSnapshot, result: RunResult | undefined): { name: string; latency: LatencyOverview }[] {
  if (!result) return snapshot.operations.map(({ operation, latency }) => ({ name: operation, latency }));
  const first = primaryOperation(Object.keys(result.latency));
  const names = Object.keys(result.latency).sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
  return names.map((name) => ({ name, latency: result.latency[name]! }));
}

/** What the phase slot says: `running`, or `storm 2/2 · running` when the run has several phases. */
function phaseText(snapshot: RunSnapshot, result: RunResult | undefined): string {
  const phase = result ? (result.interrupted ? 'interrupted' : 'done') : snapshot.phase;
  const stage = snapshot.stage;
  if (result || stage === undefined || stage.of < 2 || snapshot.phase !== 'running') return phase;
  return `${stage.name} ${stage.index + 1}/${stage.of} · ${phase}`;
}

/** The p99 of `operation` and the throughput, live or (at the end) the result's, to show beside the baseline's. */
function liveFigures(snapshot: RunSnapshot, result: RunResult | undefined, operation: string): { p99Us: number | undefined; throughput: number } {
  if (result) return { p99Us: result.latency[operation]?.p99, throughput: result.throughput };
  const live = snapshot.operations.find((entry) => entry.operation === operation)?.latency;
  return { p99Us: live === undefined || live.count === 0 ? undefined : live.p99, throughput: snapshot.ratePerSec };
}

/** Lines of the final frame's tail: the checks table, the top error cause and the verdict. */
function finalTail(result: RunResult, width: number, wrapPassing: boolean): number {
  const table = result.checks.length > 0 ? tableLines(result.checks, width, wrapPassing).length : 1;
  return table + (result.errorCauses.length > 0 ? 1 : 0) + verdictLines(result, width).lines.length;
}

/** The whole dashboard frame. */
export function Dashboard(props: DashboardProps): React.JSX.Element {
  const { snapshot, result, color } = props;
  const width = props.width ?? 80;
  const height = props.height ?? 22;
  const [main, ...operations] = operationsOf(snapshot, result);
  const extras = {
    others: operations.length,
    sql: snapshot.sql ? 1 : 0,
    recent: snapshot.recent.length > 1 ? 1 : 0,
    behind: snapshot.writeBehind ? 1 : 0,
    faults: snapshot.faults !== undefined && snapshot.faults.length > 0 ? 1 : 0,
    baseline: snapshot.baseline ? 1 : 0,
  };
  // While running the tail is the status line. At the end, passing rows are wrapped too when the
  // frame still fits and no other part loses its place for it (only histogram rows).
  const tight = fitFrame(height, { tail: result ? finalTail(result, width, false) : 1, extras, final: result !== undefined });
  const roomy = result && fitFrame(height, { tail: finalTail(result, width, true), extras, final: true });
  const wrapPassing = roomy !== undefined && roomy.lines <= height && roomy.keep.size === tight.keep.size;
  const { keep, rows } = wrapPassing ? roomy : tight;
  const gap = keep.has('gaps') ? 1 : 0;
  const others = keep.has('others') ? operations : [];
  const sql = keep.has('sql') ? snapshot.sql : undefined;
  const recent = keep.has('recent') ? snapshot.recent : [];
  const writeBehind = keep.has('behind') ? snapshot.writeBehind : undefined;
  const faults = keep.has('faults') ? snapshot.faults : undefined;
  const baseline = keep.has('baseline') ? snapshot.baseline : undefined;
  return (
    <Box flexDirection="column" width={width}>
      {keep.has('title') ? (
        <Header
          title={props.title}
          scenario={snapshot.scenario}
          strategy={snapshot.strategy}
          infra={result?.infra ?? snapshot.infra}
          infraReason={result?.infraReason ?? snapshot.infraReason}
          params={snapshot.params}
          target={snapshot.target !== undefined}
          phase={phaseText(snapshot, result)}
          titleOnly={!keep.has('params')}
          color={color}
        />
      ) : null}
      {keep.has('progress') ? (
        <Box marginTop={gap}>
          <ProgressBar
            done={snapshot.done}
            total={snapshot.total}
            ratePerSec={result ? result.throughput : snapshot.ratePerSec}
            elapsedMs={result ? result.durationMs : snapshot.elapsedMs}
            width={width}
            color={color}
          />
        </Box>
      ) : null}
      {keep.has('counters') ? (
        <Counters
          counts={result ? result.counts : snapshot.counts}
          guards={result ? result.guards : snapshot.guards}
          inFlight={result ? 0 : snapshot.inFlight}
          target={snapshot.target !== undefined}
          color={color}
        />
      ) : null}
      {keep.has('latency') ? (
        <Box marginTop={gap}>
          <LatencyHistogram
            title={main ? `latency · ${main.name}${result ? '' : ' so far'}` : 'latency'}
            latency={main?.latency}
            maxRows={rows}
            width={width}
            color={color}
          />
        </Box>
      ) : null}
      {others.map(({ name, latency }) => (
        <OperationLine key={name} operation={name} latency={latency} color={color} />
      ))}
      {sql ? (
        <Text color={color && sql.slow > 0 ? 'yellow' : undefined} wrap="truncate-end">
          {sqlLiveLine(sql)}
        </Text>
      ) : null}
      {recent.length > 0 ? (
        <Text color={color ? 'gray' : undefined} wrap="truncate-end">
          {recentLine(recent)}
        </Text>
      ) : null}
      {writeBehind ? (
        <Text color={color && writeBehind.behind > 0 ? 'yellow' : undefined} wrap="truncate-end">
          {behindLiveLine(writeBehind)}
        </Text>
      ) : null}
      {faults ? (
        <Text color={color && faults.some((fault) => fault.fired > 0) ? 'magenta' : undefined} wrap="truncate-end">
          {faultsLiveLine(faults)}
        </Text>
      ) : null}
      {baseline ? (
        <Text color={color ? 'cyan' : undefined} wrap="truncate-end">
          {baselineLiveLine(baseline, liveFigures(snapshot, result, baseline.operation))}
        </Text>
      ) : null}
      {result ? (
        <Box flexDirection="column" marginTop={gap}>
          <ChecksTable checks={result.checks} width={width} wrapPassing={wrapPassing} color={color} />
          <ErrorCauseLine result={result} color={color} />
          <Verdict result={result} width={width} color={color} />
        </Box>
      ) : (
        <Box marginTop={gap}>
          <StatusLine snapshot={snapshot} stopping={props.stopping ?? false} color={color} />
        </Box>
      )}
    </Box>
  );
}
