export { signalRoutes } from './signals.routes.ts';
export {
  scheduleSignalDetection,
  detectSignals,
  type DetectionScope,
  type DetectionResult,
} from './signals.service.ts';
export { DETECTION } from './signals.detect.ts';
