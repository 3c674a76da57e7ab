import type { StrategyNode } from './types.ts';

/** All items of a tree, flattened (for the parent select). */
export function flatten(nodes: StrategyNode[]): StrategyNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
