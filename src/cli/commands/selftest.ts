// `ticketsim selftest [--infra memory|real]`: runs the detection matrix (scenarios/selftest.ts),
// one run after another, printing each row as it ends, then the whole matrix; exits 0 only when
// every planted anomaly was caught by its check and every correct strategy held; --junit writes the
// rows as JUnit test cases.
import type { CommandModule } from 'yargs';
import { DEFAULTS, INFRA_MODES } from '../../config/defaults.js';
import { WORKLOAD_OPTIONS } from '../../config/workload-options.js';
import type { SelftestResult } from '../../result.js';
import { EXIT } from '../exit-codes.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { checkBeforeLoad, junitHelp } from '../run-options.js';

interface SelftestArgs {
  infra: string;
  seed: number;
  json: boolean;
  junit?: string;
  redisUrl?: string;
  mysqlUrl?: string;
  kafkaBrokers?: string;
}

export const selftestCommand: CommandModule<object, SelftestArgs> = {
  command: 'selftest',
  describe: 'prove the checks can fail: plant each anomaly and see it caught by its check, and the correct strategies hold',
  builder: (yargs) =>
    withJsonOption(withServiceOptions(yargs), 'print only { ok, rows } as JSON on stdout')
      .option('infra', { type: 'string', default: DEFAULTS.infra, describe: `${INFRA_MODES.join(' | ')} — where the matrix runs` })
      .option('seed', { type: 'number', default: WORKLOAD_OPTIONS.seed.default, describe: 'seed for the in-process infrastructure' })
      .option('junit', { type: 'string', describe: junitHelp('each row of the matrix a test case, one that did not end as the matrix says a failure') })
      .example('$0 selftest --infra memory', 'the whole matrix in process, in seconds')
      .example('$0 selftest --infra real', 'the same on Redis, MariaDB and Kafka') as never,
  handler: async (args) => {
    const startedAt = new Date().toISOString();
    const [{ MATRIX, rowConfig, judgeRow }, { startRun }, { workerLauncher }, { formatMatrix, formatRowLine }, { chooseRenderMode }, { onInterrupt }] = await Promise.all([
      import('../../scenarios/selftest.js'),
      import('../../runner/run.js'),
      import('../workers.js'),
      import('../../report/selftest.js'),
      import('../../ui/render-mode.js'),
      import('../../ui/interrupt.js'),
    ]);
    const base = { infra: args.infra, seed: args.seed, redisUrl: args.redisUrl, mysqlUrl: args.mysqlUrl, kafkaBrokers: args.kafkaBrokers };
    // Every row's config first, and every service the rows need: a bad flag or a missing service
    // fails before any load is sent.
    const configs = MATRIX.map((row) => rowConfig(row, base));
    await checkBeforeLoad(configs, args.junit);
    const { color } = chooseRenderMode(process.env, process.stdout);
    const result: SelftestResult = { ok: true, rows: [] };
    let stopped = false;
    let current: { abort(): void } | undefined;
    const stop = () => {
      stopped = true;
      current?.abort();
    };
    // Ctrl-C stops the matrix after the current run (a second quits at once); so do SIGTERM and SIGHUP.
    const stopListening = onInterrupt(stop);
    const stopSignals = ['SIGTERM', 'SIGHUP'] as const;
    for (const signal of stopSignals) process.on(signal, stop);
    try {
      for (const [index, row] of MATRIX.entries()) {
        if (stopped) break;
        const run = startRun(configs[index]!, workerLauncher(configs[index]!.services));
        current = run;
        const verdict = judgeRow(row, await run.result);
        result.rows.push(verdict);
        if (!args.json) process.stdout.write(`${formatRowLine(verdict, index, MATRIX.length, color)}\n`);
      }
    } finally {
      stopListening();
      for (const signal of stopSignals) process.off(signal, stop);
    }
    result.ok = !stopped && result.rows.every((row) => row.ok);
    process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `\n${formatMatrix(result, color)}`);
    const verdict = stopped ? EXIT.interrupted : result.ok ? EXIT.ok : EXIT.checkFailed;
    if (args.junit === undefined) process.exitCode = verdict;
    else {
      const [{ renderSelftestJunit }, { junitMeta, saveJunit }] = await Promise.all([import('../../report/junit.js'), import('../junit-file.js')]);
      const xml = renderSelftestJunit(result, { startedAt, seed: args.seed, planned: MATRIX.length }, junitMeta());
      process.exitCode = await saveJunit(args.junit, xml, verdict);
    }
  },
};
