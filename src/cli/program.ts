// The command line: parses arguments, wires the stages, prints, and sets the exit code.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../model/errors.js';
import { ClusterError } from '../sources/cluster/errors.js';
import { VERSION } from '../version.js';
import { runScan } from './scan-command.js';
import { runList, runExplain } from './info-commands.js';
import { runWhoCan } from './who-can-command.js';
import { FIX_EXIT_HELP } from './fix-exit-help.js';
import { runDocs } from './docs-command.js';
import { EXIT } from './exit-codes.js';
import { OUTPUT_FORMATS } from '../report/formats.js';
import { escapeMultiline } from '../report/safe-text.js';
import { writeLine } from './terminal.js';
import { SettingsErrors } from './validate.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** A repeatable flag whose values are kept whole (a `--helm-set` value may hold commas: helm splits it). */
function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Flags under a second, familiar name: --kube-context is --context; --no-annotation-exceptions
 * counts only when given (commander defaults a lone --no-x flag to true, which would hide the
 * config's annotationExceptions: false).
 */
function familiarNames(opts: Record<string, unknown>, command: Command): void {
  if (opts.kubeContext !== undefined) {
    if (opts.context !== undefined && opts.context !== opts.kubeContext) throw new UsageError('--context and --kube-context name different contexts: give one of them');
    if (!opts.cluster) throw new UsageError('--kube-context needs --cluster');
    opts.context = opts.kubeContext;
    delete opts.kubeContext;
  }
  if ('annotationExceptions' in opts && command.getOptionValueSource('annotationExceptions') !== 'cli') delete opts.annotationExceptions;
}

const CONFIG_HELP = 'config file (default: the nearest .palisade.yaml from the scanned paths up to the repository root, else from the current directory)';
const NO_ANNOTATIONS_HELP = 'do not honour palisade.dev/ignore annotations on resources (a warning counts them); the config\'s annotationExceptions: false';

export function buildProgram(): Command {
  const program = new Command('palisade')
    .description('Kubernetes security-posture scanner for the NSA/CISA Kubernetes Hardening Guidance')
    .version(VERSION, '-V, --version')
    .exitOverride()
    // "(Did you mean --namespace?)" after an unknown flag
    .showSuggestionAfterError(true)
    // commander's messages quote the arguments as given
    .configureOutput({ outputError: (str, write) => write(escapeMultiline(str)) })
    .showHelpAfterError(false);

  program
    .command('scan')
    .description('scan manifests (files, directories, charts, - for stdin), this host (--node) or a live cluster (--cluster) against a framework')
    .argument('[paths...]', 'files or directories to scan; - reads standard input', [])
    .option('--framework <ids>', 'frameworks to score against, comma-separated or repeated: nsa-cisa, mitre-attack (Kubescape\'s names: nsa, mitre), any case; the first one\'s scores are the summary\'s (default: the config\'s, else nsa-cisa; see palisade list frameworks)', collect)
    .option('--controls <ids>', 'only these controls: ids, Kubescape ids (C-0057) or names ("Privileged container"), comma-separated', collect)
    .option('--pss-version <version>', 'the Pod Security Standards version the pss-baseline and pss-restricted checks are judged at: v1.N or latest (default: the config\'s inputs.pssVersion, else with --cluster the server\'s version, else the newest implemented)')
    .option('--exclude-controls <ids>', 'leave out these controls', collect)
    .option('-n, --namespace <names>', 'only resources in these namespaces (repeatable, comma-separated)', collect)
    .option('--include-namespaces <names>', 'the same as --namespace', collect)
    .option('--exclude-namespaces <names>', 'leave out resources in these namespaces', collect)
    .option('--severity <severities>', 'show only findings of these severities, e.g. critical,high (--fail-on counts only these; scores count all)', collect)
    .addOption(new Option('--format <formats>', `output formats, comma-separated: ${[...OUTPUT_FORMATS.keys()].join(', ')}`).argParser(collect))
    .option('-o, --output <file>', 'write the report to a file instead of standard output; without --format, the extension picks it (.json, .sarif, .html, .xml, .prom, .yaml)')
    .option('--output-dir <dir>', 'write each format to its own file in this directory (needed for several formats)')
    .option('--sarif-root <dir>', 'SARIF URIs are relative to this directory (default: the repository root, the nearest directory with .git, of the first path)')
    .option('--fail-on <severity>', 'exit 1 when a failed finding or image vulnerability is at or above: low, medium, high, critical (a vulnerability of unknown severity never counts)')
    .option('--fail-on-path <severity>', 'exit 1 when an open attack path (see palisade explain path) is at or above: low, medium, high, critical; excepted paths never count')
    .option('--ignore-unfixed', 'image vulnerabilities: leave out those that have no fixed version')
    .option('--compliance-threshold <n>', 'exit 1 when a framework\'s compliance is below n (0-100): n for every framework scored, or per framework: nsa=80,mitre=60')
    .option('--min-coverage <n>', 'exit 1 when fewer than n% of a framework\'s controls could be evaluated (n, or per framework: nsa=90)')
    .option('--config <file>', CONFIG_HELP)
    .option('--no-config', 'use no config file')
    .option('--exceptions <file>', 'exceptions file: Palisade YAML or Kubescape posture-exception JSON')
    .option('--no-annotation-exceptions', NO_ANNOTATIONS_HELP)
    .option('--max-file-size <mib>', 'refuse files larger than this many MiB', '50')
    .option('--helm-values <file>', 'Helm charts: a values file for helm template (repeatable; later files win)', repeat)
    .option('--helm-set <key=value>', 'Helm charts: a value for helm template, as helm --set takes it (repeatable)', repeat)
    .option('--release-name <name>', 'Helm charts: the release name for helm template (default release-name)')
    .option('--helm-namespace <ns>', 'Helm charts: the release namespace for helm template')
    .option('--include-helm-tests', 'Helm charts: also scan test hooks (helm.sh/hook: test), which are not part of the release')
    .option('--node', 'also scan this host\'s Kubernetes components: processes, flags, config files, file modes')
    .option('--root <dir>', 'with --node: the host\'s root directory (default /)')
    .option('--cluster', 'also scan the live cluster of the kubeconfig\'s current context (read-only: list and get; Secrets as metadata only)')
    .option('--context <name>', 'with --cluster: the kubeconfig context to use')
    .option('--kube-context <name>', 'the same as --context')
    .option('--kubeconfig <file>', 'with --cluster: the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account)')
    .option('--request-timeout <seconds>', 'with --cluster: time limit of each API request (default 30)')
    .option('--image <ref>', 'also scan this image for known vulnerabilities (repeatable): a registry reference, docker-archive:FILE (docker save), oci:DIR[:TAG] or oci-archive:FILE[:TAG]', repeat)
    .option('--scan-images', 'also scan every image the scanned workloads run, each once')
    .option('--platform <os/arch>', 'images: the platform to read from a multi-platform image (default linux/amd64)')
    .option('--registry-username <name>', 'images: a user name for the registries of the --image references (default: ~/.docker/config.json and its credential helpers)')
    .option('--registry-password <password>', 'images: its password (or set PALISADE_REGISTRY_PASSWORD, which stays out of the process list)')
    .option('--insecure-registry <host>', 'images: a registry to reach over plain HTTP (repeatable; loopback registries always may)', repeat)
    .option('--db-dir <dir>', 'images: the vulnerability database (default: $PALISADE_CACHE_DIR/db, else ~/.cache/palisade/db; see palisade db)')
    .option('-v, --verbose', 'also show passed controls and results, and ignored documents')
    .option('-q, --quiet', 'print nothing but errors and tripped gates')
    .option('--no-color', 'no colours in pretty output')
    .action(async (paths: string[], opts, command: Command) => {
      familiarNames(opts, command);
      process.exitCode = await runScan(paths, opts);
    });

  program
    .command('list')
    .description('list controls or frameworks')
    .argument('<what>', 'controls | frameworks')
    .option('--format <format>', 'pretty or json', 'pretty')
    .option('--framework <id>', 'with controls: only this framework\'s')
    .action((what: string, opts) => {
      process.exitCode = runList(what, opts);
    });

  program
    .command('who-can')
    .description('RBAC: which subjects may do VERB on RESOURCE (or, with --subject, what a subject may do), from the input\'s bindings')
    .argument('[args...]', 'VERB RESOURCE [PATH...], or PATH... with --subject')
    .option('-n, --namespace <ns>', 'namespace the question is about (default: any)')
    .option('--subject <kind:name>', 'list what a subject may do: ServiceAccount:ns/name, User:name, Group:name')
    .option('--format <format>', 'pretty or json', 'pretty')
    .option('--cluster', 'answer from the live cluster\'s RBAC objects instead of files')
    .option('--context <name>', 'with --cluster: the kubeconfig context to use')
    .option('--kube-context <name>', 'the same as --context')
    .option('--kubeconfig <file>', 'with --cluster: the kubeconfig file')
    .option('--request-timeout <seconds>', 'with --cluster: time limit of each API request (default 30)')
    .action(async (args: string[], opts, command: Command) => {
      familiarNames(opts, command);
      process.exitCode = await runWhoCan(args, opts);
    });

  program
    .command('fix')
    .description('apply the safe automatic fixes of failed findings to the manifests in place, keeping comments and layout (review fixes with --all); --dry-run shows a diff')
    .argument('[paths...]', 'files or directories to fix (the same as scan; standard input cannot be fixed)', [])
    .option('--dry-run', 'print a unified diff of the changes and write nothing (the summary goes to standard error)')
    .option('--all', 'apply the review fixes too (they may change how the workload runs: a read-only root filesystem, a non-root user, namespace enforce labels); without it they are listed')
    .option('--framework <ids>', 'frameworks whose controls to fix, comma-separated (default: the config\'s, else nsa-cisa)', collect)
    .option('--controls <ids>', 'only fix findings of these controls (ids, Kubescape ids or names, comma-separated)', collect)
    .option('--exclude-controls <ids>', 'leave out these controls', collect)
    .option('--config <file>', CONFIG_HELP)
    .option('--no-config', 'use no config file')
    .option('--exceptions <file>', 'exceptions file: excepted findings are not fixed')
    .option('--no-annotation-exceptions', NO_ANNOTATIONS_HELP)
    .option('--max-file-size <mib>', 'refuse files larger than this many MiB', '50')
    .addHelpText('after', FIX_EXIT_HELP)
    .action(async (paths: string[], opts, command: Command) => {
      familiarNames(opts, command);
      // loaded here: only fix needs the `yaml` Document API and `diff`, and a scan should not pay for them
      const { runFix } = await import('./fix-command.js');
      process.exitCode = runFix(paths, opts);
    });

  program
    .command('docs')
    .description('write the control reference (one markdown page per control and an index) from the control metadata')
    .requiredOption('--out <dir>', 'directory to write into (the repository keeps it in docs/controls)')
    .option('--frameworks-out <dir>', 'also write a page per framework, with each item\'s mapping, into this directory (the repository keeps it in docs/frameworks)')
    .action((opts) => {
      process.exitCode = runDocs(opts);
    });

  program
    .command('explain')
    .description('explain a control: why it matters, what fails, how to fix it; `explain path`: how attack paths are built and scored')
    .argument('<control>', 'control id, Kubescape id or name, or path')
    .option('--format <format>', 'pretty or json', 'pretty')
    .action((name: string, opts) => {
      process.exitCode = runExplain(name, opts);
    });

  const db = program
    .command('db')
    .description('the offline vulnerability database (OSV records) that image scans match against: import, update, status');
  const dbDirHelp = 'the database directory (default: $PALISADE_CACHE_DIR/db, else $XDG_CACHE_HOME/palisade/db, else ~/.cache/palisade/db)';
  db.command('import')
    .description('load OSV records from directories (every *.json below), zip archives (osv.dev\'s all.zip) or .json files, replacing the ecosystems they hold')
    .argument('<paths...>', 'directories, zip archives or .json files of OSV records')
    .option('--db-dir <dir>', dbDirHelp)
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (paths: string[], opts) => {
      // loaded here: only db needs fflate and the importer
      const { runDbImport } = await import('./db-command.js');
      process.exitCode = await runDbImport(paths, opts);
    });
  db.command('update')
    .description('download the ecosystems\' all.zip archives from OSV and import them (the only command that uses the network)')
    .option('--base-url <url>', 'where the archives are: <url>/<ecosystem>/all.zip (default https://osv-vulnerabilities.storage.googleapis.com)')
    .option('--ecosystem <names>', 'ecosystems to download, e.g. Debian, Alpine, npm (repeatable, comma-separated; default: those in the database, else Debian, Alpine, Ubuntu, npm, PyPI, Go)', collect)
    .option('--max-download-size <mib>', 'refuse an archive larger than this many MiB (default 2048)')
    .option('--db-dir <dir>', dbDirHelp)
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (opts) => {
      const { runDbUpdate } = await import('./db-command.js');
      process.exitCode = await runDbUpdate(opts);
    });
  db.command('status')
    .description('show the database\'s ecosystems, record counts and age')
    .option('--format <format>', 'pretty or json', 'pretty')
    .option('--db-dir <dir>', dbDirHelp)
    .action(async (opts) => {
      const { runDbStatus } = await import('./db-command.js');
      process.exitCode = runDbStatus(opts);
    });

  const cache = program
    .command('cache')
    .description('the image blob cache (layers, configs and manifests of scanned images, by digest): status, prune');
  const cacheDirHelp = 'the cache directory, holding blobs/ and db/ (default: $PALISADE_CACHE_DIR, else $XDG_CACHE_HOME/palisade, else ~/.cache/palisade)';
  cache.command('status')
    .description('show where the blob cache is, its blobs, their size and oldest and newest use, and the vulnerability database\'s size')
    .option('--format <format>', 'pretty or json', 'pretty')
    .option('--cache-dir <dir>', cacheDirHelp)
    .action(async (opts) => {
      const { runCacheStatus } = await import('./cache-command.js');
      process.exitCode = runCacheStatus(opts);
    });
  cache.command('prune')
    .description('remove cached blobs not used for a while, or the least recently used down to a size (never the vulnerability database); temporary files a stopped scan left, older than an hour, go too')
    .option('--older-than <duration>', 'remove blobs not used by a scan for longer than this: a number and s, m, h, d or w (30d, 12h)')
    .option('--max-size <size>', 'then remove the least recently used blobs until the rest total at most this: bytes, or a number and B, KiB, MiB, GiB, TiB, KB, MB or GB (500MiB, 2GiB)')
    .option('--all', 'remove every cached blob')
    .option('--dry-run', 'remove nothing: list what would be removed and what would be left')
    .option('--cache-dir <dir>', cacheDirHelp)
    .addHelpText('after', [
      '',
      'At least one of --older-than, --max-size and --all is needed. A blob is "used" when a scan',
      'writes or reads it. Only regular files named by their sha256 digest in <cache>/blobs/sha256/',
      'are removed: symlinks, directories and other files are left alone and listed. Safe while a',
      'scan runs: a scan checks every blob against its digest and fetches again one that is gone.',
      '',
      'Examples:',
      '  palisade cache prune --older-than 30d --max-size 2GiB',
      '  palisade cache prune --all --dry-run',
    ].join('\n'))
    .action(async (opts) => {
      const { runCachePrune } = await import('./cache-command.js');
      process.exitCode = runCachePrune(opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof SettingsErrors) {
      // every error of a config or exceptions file, a line each, in file order
      for (const m of e.messages) writeLine(process.stderr, `palisade: ${m}`);
      return EXIT.USAGE;
    }
    if (e instanceof UsageError) {
      writeLine(process.stderr, `palisade: ${e.message}`);
      return EXIT.USAGE;
    }
    if (e instanceof ClusterError) {
      // a kubeconfig that cannot be used, a 401, a server that cannot be reached: one line, no credentials
      writeLine(process.stderr, `palisade: --cluster: ${e.message}`);
      return EXIT.INPUT;
    }
    process.stderr.write(escapeMultiline(`palisade: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`) + '\n');
    return EXIT.INTERNAL;
  }
}
