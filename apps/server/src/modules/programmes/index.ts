export { programmeRoutes } from './programmes.routes.ts';
export {
  programmesForArea,
  programmesForMeeting,
  type ProgrammeDto,
  type ProgrammeSummaryDto,
} from './programmes.service.ts';
export { loadProgrammesDemo, CADAP7 } from './demo.ts';
