/**
 * The explicit command map oclif loads (package.json `oclif.commands`: strategy `explicit`,
 * identifier `commands`). Each command module imports only @oclif/core at load time and
 * loads its real work lazily in `run()`, so `thaiyyal --version` and `--help` stay fast.
 */
import Graph from './graph.js';
import Init from './init.js';
import Lint from './lint.js';
import Nodes from './nodes.js';
import Run from './run.js';
import RunsList from './runs/list.js';
import RunsShow from './runs/show.js';
import Validate from './validate.js';

/** Command id → command class. */
export const commands = {
  graph: Graph,
  init: Init,
  lint: Lint,
  nodes: Nodes,
  run: Run,
  // Topic commands are keyed by their colon id; with topicSeparator ' ' users type `runs list`.
  'runs:list': RunsList,
  'runs:show': RunsShow,
  validate: Validate,
};
