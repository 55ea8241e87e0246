// mip-lab: the lab's headless entry points. Every command prints a clear line
// on bad input and exits 1 — never a stack trace (brief: "bad input gets a
// clear, specific error").

import { checkCommand } from './commands/check';
import { decodeCommand } from './commands/decode';
import { lessonCommand } from './commands/lesson';
import { lessonsCommand } from './commands/lessons';
import { runCommand } from './commands/run';
import { sampleCaptureCommand } from './commands/sample-capture';
import { scenariosCommand } from './commands/scenarios';
import { WorkLimitExceeded } from '../scenarios/work';
import { CliError, type CliIo, type Command } from './io';
import { escapingStream } from './terminal-text';

const COMMANDS: readonly Command[] = [decodeCommand, sampleCaptureCommand, scenariosCommand, runCommand, lessonsCommand, lessonCommand, checkCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'mip-lab — Route Optimization Lab on the command line',
    '',
    'Usage: mip-lab <command> [arguments]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `mip-lab <command> --help` for the arguments of a command.',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], terminal: CliIo): Promise<number> {
  const io: CliIo = { stdout: escapingStream(terminal.stdout), stderr: escapingStream(terminal.stderr) };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const asked = name === 'help' ? rest[0] : undefined;
    if (asked === undefined) {
      io.stdout.write(overview());
      return 0;
    }
    const topic = COMMANDS.find((c) => c.name === asked);
    // Fix: `help <no such command>` used to print the overview and exit 0, as if the command existed.
    if (topic === undefined) return unknownCommand(asked, io);
    io.stdout.write(`${topic.help}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) return unknownCommand(name, io);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // A run stopped for its work is the input's doing, not a bug: it says so without "internal error".
    const message = e instanceof CliError || e instanceof WorkLimitExceeded ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr.write(`mip-lab ${command.name}: ${message}\n`);
    return 1;
  }
}

function unknownCommand(name: string, io: CliIo): number {
  io.stderr.write(`mip-lab: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try 'mip-lab --help'.\n`);
  return 1;
}
