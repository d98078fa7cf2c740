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
import Validate from './validate.js';

/** Command id → command class. */
export const commands = {
  graph: Graph,
  init: Init,
  lint: Lint,
  nodes: Nodes,
  run: Run,
  validate: Validate,
};
