// Dashboard header: what is running (scenario, strategy, infra and why) and with which parameters.
import { Box, Text } from 'ink';
import type { InfraKind, RunResult } from '../../result.js';
import { formatConcurrency, formatCount } from '../../report/format.js';
import { formatUsers } from '../../report/text.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  /** Shown after `ticketsim`, e.g. `compare 2/4`. */
  title?: string | undefined;
  scenario: string;
  strategy: string;
  infra: InfraKind | 'connecting';
  /** e.g. `auto: redis and mysql answered`; shown after the infra when known. */
  infraReason?: string | undefined;
  params: RunResult['params'];
  /** Against someone's own service: the engine's own parameters (its MySQL pool) are left out. */
  target?: boolean;
  /** What the run is doing: a RunPhase, or `interrupted` at the end of a stopped run. */
  phase: string;
  /** The title line only, without the parameters and phase (a final frame short of room). */
  titleOnly?: boolean;
  color: boolean;
}

/** Two lines: `ticketsim oversell · lua · infra real (…)` and the parameters with the phase. */
export function Header(props: HeaderProps): React.JSX.Element {
  const { params, color } = props;
  const memory = props.infra === 'memory';
  const reason = props.infraReason ? ` (${props.infraReason})` : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold={color} color={color ? 'cyan' : undefined}>ticketsim</Text>
        {props.title === undefined ? '' : ' '}
        {props.title === undefined ? null : <Text bold={color}>{props.title}</Text>}
        {` ${props.scenario} · strategy `}
        <Text bold={color}>{props.strategy}</Text>
        {' · infra '}
        <Text color={color && memory ? 'yellow' : undefined}>{`${props.infra}${reason}`}</Text>
      </Text>
      {props.titleOnly === true ? null : (
        <Box justifyContent="space-between">
          <Text wrap="truncate-end">
            {`${formatUsers(params)} · stock ${formatCount(params.stock)} · ` +
              `concurrency ${formatConcurrency(params.concurrency)}${props.target === true ? '' : ` · pool ${formatCount(params.poolSize)}`}`}
          </Text>
          <Box marginLeft={1} flexShrink={0}>
            <Text color={color ? 'gray' : undefined}>{props.phase}</Text>
          </Box>
        </Box>
      )}
    </Box>
  );
}
