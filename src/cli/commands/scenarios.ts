import { BUILTIN_SCENARIOS } from '../../scenarios/builtin/index';
import { CliError, type Command } from '../io';

// `mip-lab scenarios`: the built-in scenarios, in teaching order.
export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'list the built-in scenarios (id and title)',
  usage: 'mip-lab scenarios',
  help: [
    'Usage: mip-lab scenarios',
    '',
    'Lists the built-in scenarios in teaching order: the id to give `mip-lab run`,',
    'and the title. Each is a scenario file in src/scenarios/builtin/.',
  ].join('\n'),
  async run(args, io) {
    if (args.length > 0) throw new CliError(`takes no arguments, got ${JSON.stringify(args[0])}; see 'mip-lab scenarios --help'`);
    const width = Math.max(...BUILTIN_SCENARIOS.map((s) => s.id.length));
    io.stdout.write(BUILTIN_SCENARIOS.map((s) => `${s.id.padEnd(width)}  ${s.title}\n`).join(''));
    return 0;
  },
};
