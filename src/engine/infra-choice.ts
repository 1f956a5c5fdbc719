// How --infra auto chooses where a run goes: the real services when every one the run needs
// accepts a connection; the in-process ones only when none of those was given an address (a flag
// or an environment variable), since an address the user gave is never quietly ignored. A given
// address that does not answer is exit 3; so is a default one that does not answer while another
// needed service was given an address: that run means the real services, and cannot mix.
import { formatEndpoint } from '../config/endpoints.js';
import type { Endpoint } from '../config/endpoints.js';
import { InfrastructureError } from '../errors.js';
import { START_SERVICES_HINT } from './hints.js';
import type { ServiceName } from './ports.js';

/** One service a run needs: where it is, what gave that address (undefined: the default), whether it answered. */
export interface ServiceAnswer {
  service: ServiceName;
  endpoint: Endpoint;
  givenBy: string | undefined;
  answered: boolean;
}

/** What auto chose, and the one-line reason the run's first line shows. */
export interface AutoChoice {
  infra: 'real' | 'memory';
  reason: string;
}

/** Chooses for --infra auto; throws an InfrastructureError (exit 3) naming a service it may not do without. */
export function chooseAuto(answers: readonly ServiceAnswer[]): AutoChoice {
  const given = answers.filter((answer) => answer.givenBy !== undefined);
  const silent = answers.filter((answer) => !answer.answered);
  if (silent.length === 0) {
    return { infra: 'real', reason: `auto: ${list(answers.map((answer) => answer.service))} answered${given.length === 0 ? '' : `; ${gave(given)}`}` };
  }
  const first = silent[0]!;
  if (given.length === 0) {
    return { infra: 'memory', reason: `auto: ${first.service} at ${formatEndpoint(first.endpoint)} unreachable, no service address given; --infra real requires the real services` };
  }
  const refused = silent.find((answer) => answer.givenBy !== undefined);
  if (refused !== undefined) {
    throw new InfrastructureError(
      refused.service,
      formatEndpoint(refused.endpoint),
      `does not accept connections, and ${refused.givenBy} gave this address: --infra auto runs in process only when no service address is given`,
      { hint: `start ${refused.service} there or correct ${refused.givenBy}; --infra memory runs in process` },
    );
  }
  throw new InfrastructureError(
    first.service,
    formatEndpoint(first.endpoint),
    `does not accept connections, and the run needs it: ${gave(given)}, so --infra auto runs on the real services`,
    { hint: START_SERVICES_HINT },
  );
}

/** `--redis-url gave redis's address, TICKETSIM_KAFKA_BROKERS gave kafka's address`. */
function gave(given: readonly ServiceAnswer[]): string {
  return given.map((answer) => `${answer.givenBy} gave ${answer.service}'s address`).join(', ');
}

/** `redis, mysql and kafka`. */
function list(names: readonly string[]): string {
  return names.join(', ').replace(/, (\w+)$/, ' and $1');
}
