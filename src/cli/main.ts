/**
 * @module cli/main
 * Entry point of `bin/lawline`. Sub-commands: ask, classify, eligibility, search, calculate (JSON lines on stdin →
 * JSON lines on stdout, in order), chat (interactive). Logs go to stderr; stdout carries only results.
 */
import { createLawline } from '../assistant/lawline.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { lineHandlers } from './commands.js';
import { runJsonLines } from './json-lines.js';

const LINE_COMMANDS = ['ask', 'classify', 'eligibility', 'search'];

const USAGE = `usage: lawline <command>
  ask           JSON lines {"id","text"} on stdin → answers with citations, cases, guides
  classify      JSON lines {"id","text"} → {"id","intent","domain","confidence","domainConfidence","risk","entities","alternatives"}
  eligibility   JSON lines of legal-aid eligibility inputs → decisions
  search        JSON lines {"id","text","kind"?,"limit"?} → ranked documents
  calculate     JSON lines {"id","kind",…inputs} → {"id","kind","result","steps","basis","assumptions","missing"} (as POST /api/v1/calculate)
  chat          interactive chat in the terminal
  serve         the HTTP server (as npm start): serve [--workers N]; N > 1 shares state through LAWLINE_DATABASE_URL
  user add      add a staff account: --role agent|lawyer|admin|… --username <name> --password <password>
  user passwd   set a new password (ends the account's logins at once): --username <name> --password <password>
  user disable  disable an account (ends its logins at once): --username <name>
  roster import replace the duty-lawyer roster from a CSV file (columns: username,name,licence,firm,topics,counties,languages,capacity,shifts)
  laws show     an article in force with its paragraphs (款) and items (项) numbered: laws show 民法典 1084
  laws diff     what changed between two versions of a statute: laws diff 仲裁法 [--from <version>] [--to <version>]
  laws stale    guides, cases and bank entries whose review predates the law in force
  laws reviewed record that you re-read these content files against the law in force today
  qa check      check question-bank entries (files or folders; all when none given)
  knowledge export DIR  write the knowledge edits staff made in the workspace as files in the repository layout under DIR
  backup FILE   copy the state database (accounts, pre-applications, tickets, transcripts) while the server runs
  restore FILE  put a backup back (refused while a server uses the database)`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  // Staff accounts: state database only, no assistant start-up.
  // The bot framework and the state stores load only for the commands that use them, so ask/classify start fast.
  if (command === 'user') {
    const { runUserCommand } = await import('./user-command.js');
    return runUserCommand(argv.slice(1), config, (line) => process.stdout.write(`${line}\n`));
  }
  // Duty roster (hand-off): state database only, no assistant start-up.
  if (command === 'roster') {
    const { runRosterCommand } = await import('./roster-command.js');
    return runRosterCommand(argv.slice(1), config, (line) => process.stdout.write(`${line}\n`));
  }
  // Backups of the state database: no assistant start-up.
  if (command === 'backup' || command === 'restore') {
    const { runBackupCommand } = await import('./backup-command.js');
    return runBackupCommand(command, argv.slice(1), config, (line) => process.stdout.write(`${line}\n`));
  }
  // The server, in one or more worker processes.
  if (command === 'serve') {
    const { runServeCommand } = await import('./serve-command.js');
    return runServeCommand(argv.slice(1), config, createLogger(config.LAWLINE_LOG_LEVEL));
  }
  // Knowledge upkeep's edits, from the state database: no assistant start-up.
  if (command === 'knowledge') {
    const { runKnowledgeCommand } = await import('./knowledge-command.js');
    return runKnowledgeCommand(argv.slice(1), config, (line) => process.stdout.write(`${line}\n`));
  }
  // Statutes and curated content only: no index, no models.
  if (command === 'laws' || command === 'qa') {
    const { runLawsCommand } = await import('./laws-command.js');
    return runLawsCommand(command, argv.slice(1), (line) => process.stdout.write(`${line}\n`));
  }
  // Calculators: local figures and the holiday calendar only, no assistant start-up.
  if (command === 'calculate') {
    const { calculateLineHandler } = await import('./calculate-command.js');
    const { ok, failed } = await runJsonLines(calculateLineHandler());
    if (failed > 0) process.stderr.write(`lawline calculate: ${ok} lines answered, ${failed} lines rejected\n`);
    return 0;
  }
  // Quiet by default on the CLI: stdout is data, and stderr should show only problems.
  const log = createLogger(process.env.LAWLINE_LOG_LEVEL ? config.LAWLINE_LOG_LEVEL : 'warn');
  if (command === 'chat') {
    const lawline = createLawline({ config, log });
    const { runChat } = await import('./chat.js');
    await runChat(lawline);
    lawline.close();
    return 0;
  }
  if (!LINE_COMMANDS.includes(command)) {
    process.stderr.write(`unknown command: ${command}\n${USAGE}\n`);
    return 2;
  }
  const handler = lineHandlers(createLawline({ config, log }))[command]!;
  // Bad lines are answered with an error line each; the run itself succeeds so callers keep the other answers.
  const { ok, failed } = await runJsonLines(handler);
  if (failed > 0) process.stderr.write(`lawline ${command}: ${ok} lines answered, ${failed} lines rejected\n`);
  return 0;
}

// A reader that stops early (`lawline laws diff 仲裁法 | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`lawline: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
