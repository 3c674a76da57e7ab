export { strategyRoutes } from './strategies.routes.ts';
export {
  strategyProgress,
  rollupChildren,
  rollupNode,
  ROLLUP_STATUS_ORDER,
  type NodeDto,
  type Rollup,
  type StrategyDto,
} from './strategies.service.ts';
export { loadStrategiesDemo, EU_DRUGS_STRATEGY } from './demo.ts';
