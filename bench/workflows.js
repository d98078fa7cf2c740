// Generators of the benchmark workflows (YAML text plus what the baselines need).

const header = (name) => `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\nnodes:\n`;

/**
 * n transform nodes; node i depends on one or two earlier nodes (a deterministic
 * pseudo-random DAG), each computing a small arithmetic expression.
 */
export function transformDag(n) {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const order = [];
  let yaml = header('transform-dag');
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    let expression;
    if (i === 0) expression = '1';
    else {
      const a = Math.floor(rand() * i);
      const b = Math.floor(rand() * i);
      expression = `(nodes.n${a}.output + nodes.n${b}.output) % 1000`;
    }
    order.push({ id, expression });
    yaml += `  ${id}:\n    type: transform\n    expression: "${expression}"\n`;
  }
  return { yaml, order };
}

/** A chain of n transforms (start-up benchmark). */
export function transformChain(n) {
  let yaml = header('small');
  for (let i = 0; i < n; i++) {
    yaml += `  t${i}:\n    type: transform\n    expression: "${i === 0 ? '1' : `nodes.t${i - 1}.output + 1`}"\n`;
  }
  return `${yaml}outputs:\n  last: \${{ nodes.t${n - 1}.output }}\n`;
}

/** `total` delay nodes arranged so the longest chain has `depth` nodes. */
export function delayDag(total, depth, ms) {
  let yaml = header('delay-dag');
  const width = Math.ceil(total / depth);
  let made = 0;
  for (let level = 0; level < depth; level++) {
    for (let j = 0; j < width && made < total; j++, made++) {
      yaml += `  d${level}_${j}:\n    type: delay\n    duration: ${ms}\n`;
      if (level > 0) yaml += `    needs: [d${level - 1}_${j % width}]\n`;
    }
  }
  return yaml;
}

/** The 20-node DAG of perf-baselines.md §2c: 4 roots, three fan-in-2 layers, then a chain. */
export function execDag20() {
  const deps = {};
  const roots = ['n01', 'n02', 'n03', 'n04'];
  for (const r of roots) deps[r] = [];
  let prev = roots;
  let k = 5;
  for (const width of [4, 4, 4]) {
    const layer = [];
    for (let j = 0; j < width; j++) {
      const id = `n${String(k++).padStart(2, '0')}`;
      deps[id] = [prev[j % prev.length], prev[(j + 1) % prev.length]];
      layer.push(id);
    }
    prev = layer;
  }
  // n17, n18 come from the last layer; n19 needs both; n20 needs n19 and n01.
  deps.n17 = [prev[0], prev[1]];
  deps.n18 = [prev[2], prev[3]];
  deps.n19 = ['n17', 'n18'];
  deps.n20 = ['n19', 'n01'];
  let yaml = header('exec-dag');
  for (const [id, d] of Object.entries(deps)) {
    yaml += `  ${id}:\n    type: exec\n    command: "true"\n`;
    if (d.length) yaml += `    needs: [${d.join(', ')}]\n`;
  }
  return { yaml, deps };
}
