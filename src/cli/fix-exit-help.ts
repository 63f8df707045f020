// `palisade fix --help`'s exit codes: here, so that the help does not load the fix command (and the `yaml` and `diff` packages).
export const FIX_EXIT_HELP = `
Exit codes:
  0  every automatic fix it was to apply (the safe ones; with --all the review ones too)
     was applied, or there was none; review fixes left without --all and findings that
     need your input are listed but do not change the exit code ('palisade scan' is the gate)
  1  some automatic fix it was to apply was not applied: refused (Helm/Kustomize output, a
     file outside the given paths, an aliased YAML node, a file that does not parse) or
     still failing after the re-scan
  2  the invocation was wrong
  3  some input could not be read, or some file could not be written (permission denied,
     read-only file system, changed while fixing: run fix again); each is named, and
     everything else was fixed; wins over 1`;
