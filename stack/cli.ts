/**
 * Runs the local contact-centre stack in the foreground for humans and demos:
 *
 *   node --import tsx stack/cli.ts start [--echo|--no-echo] [--sip-trace] [--manual-answer] [--port-offset N]
 *
 * Prints the WebSocket URL, the users and the PIDs, keeps running until
 * Ctrl-C / SIGTERM, then stops every process it started. On the host (outside
 * e2e/run.sh's namespace) the default ports 5060/8088/2223/... must be free;
 * --port-offset N shifts them all.
 */
import { DEFAULT_PORTS, ECHO_TEST_USER, LocalStack, readUsers, type StackPorts } from './stack';
import { CUSTOMER_MIC_SECONDS } from './audio';

const USAGE = 'usage: node --import tsx stack/cli.ts start [--echo|--no-echo] [--sip-trace] [--manual-answer] [--port-offset N]';

interface CliOptions {
  echo: boolean;
  sipTrace: boolean;
  manualAnswer: boolean;
  portOffset: number;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'start') throw new Error(USAGE);
  const options: CliOptions = { echo: true, sipTrace: false, manualAnswer: false, portOffset: 0 };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--echo') options.echo = true;
    else if (arg === '--no-echo') options.echo = false;
    else if (arg === '--sip-trace') options.sipTrace = true;
    else if (arg === '--manual-answer') options.manualAnswer = true;
    else if (arg === '--port-offset') options.portOffset = Number(rest[++i]);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(options.portOffset) || options.portOffset < 0) throw new Error(`--port-offset needs a whole number\n${USAGE}`);
  return options;
}

function shiftedPorts(offset: number): StackPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(ports) as Array<keyof StackPorts>) ports[key] += offset;
  // The highest port in use: the last phone's RTP range (phones + echo test).
  const highest = ports.baresipRtpBase + 200 * 8;
  if (highest > 65535) throw new Error(`--port-offset ${offset} is too large (ports would exceed 65535)`);
  return ports;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const answerMode = options.manualAnswer ? 'manual' : 'auto';
  const customers = readUsers().filter((user) => user.role === 'customer');
  const stack = new LocalStack({
    ports: shiftedPorts(options.portOffset),
    echoTest: options.echo,
    sipTrace: options.sipTrace,
    phones: customers.map(({ user }) => ({ user, answerMode })),
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    console.log(`\n${reason}: stopping the stack...`);
    stopping = stack.stop().then(
      () => {
        console.log('stopped.');
        process.exit(reason === 'crash' ? 1 : 0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  stack.onUnexpectedExit((name, description, logPath) => {
    console.error(`\n${name} ${description} unexpectedly; see ${logPath}`);
    shutdown('crash');
  });
  await stack.start();
  const pids = stack.pids();
  const lines = [
    'Hearthline local stack is running.',
    '',
    `  SIP over WebSocket  ${stack.wsUrl}`,
    `  SIP over UDP        sip:${stack.domain}:${stack.ports.sip}`,
    `  domain / realm      ${stack.domain}`,
    '',
    '  users (password):',
    ...stack.users
      .filter((user) => user.role !== 'service' || (options.echo && user.user === ECHO_TEST_USER))
      .map((user) => {
        const what =
          user.role === 'agent'
            ? 'agent: register your softphone'
            : user.user === ECHO_TEST_USER
              ? 'echo test: call it to hear yourself'
              : `customer: baresip, answer mode ${answerMode}, pid ${pids.phones[user.user] ?? '-'}`;
        return `    ${user.user.padEnd(6)} ${user.password.padEnd(14)} ${what}`;
      }),
    '',
    `  rtpengine pid ${pids.rtpengine}, kamailio pid ${pids.kamailio}`,
    `  run dir (logs, configs, recordings): ${stack.runDir}`,
    `  customers play a ${CUSTOMER_MIC_SECONDS} s tone; baresip ends a call when it runs out.`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
