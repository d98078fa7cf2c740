/**
 * The explicit command map oclif loads (package.json `oclif.commands`: strategy `explicit`,
 * identifier `commands`). Each command module imports only @oclif/core at load time and
 * loads its real work lazily in `run()`, so `thaiyyal --version` and `--help` stay fast.
 */
import ApprovalsCheck from './approvals/check.js';
import ApprovalsPolicy from './approvals/policy.js';
import Diff from './diff.js';
import Graph from './graph.js';
import Import from './import.js';
import Init from './init.js';
import Lint from './lint.js';
import Nodes from './nodes.js';
import Optimize from './optimize.js';
import Run from './run.js';
import Release from './release.js';
import Replay from './replay.js';
import Rollback from './rollback.js';
import RunsDiff from './runs/diff.js';
import RunsList from './runs/list.js';
import RunsPrune from './runs/prune.js';
import RunsShow from './runs/show.js';
import Validate from './validate.js';
import VersionCheck from './version/check.js';
import Versions from './versions.js';

/** Command id → command class. */
export const commands = {
  'approvals:check': ApprovalsCheck,
  'approvals:policy': ApprovalsPolicy,
  diff: Diff,
  graph: Graph,
  import: Import,
  init: Init,
  lint: Lint,
  nodes: Nodes,
  optimize: Optimize,
  release: Release,
  replay: Replay,
  rollback: Rollback,
  run: Run,
  // Topic commands are keyed by their colon id; with topicSeparator ' ' users type `runs list`.
  'runs:diff': RunsDiff,
  'runs:list': RunsList,
  'runs:prune': RunsPrune,
  'runs:show': RunsShow,
  validate: Validate,
  'version:check': VersionCheck,
  versions: Versions,
};
