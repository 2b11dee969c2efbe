/**
 * The values of the schema's enums at runtime, for pickers and guards.
 *
 * Each record must name every member of its generated type and nothing else, so a value added or
 * dropped on the server fails the typecheck here instead of going missing from a picker.
 */
import type { PortType, RunStatus } from './models';

const portTypes: Record<PortType, true> = { dataframe: true, model: true, file: true, folder: true, json: true };
export const PORT_TYPES = Object.keys(portTypes) as readonly PortType[];

const runStatuses: Record<RunStatus, true> = { queued: true, running: true, completed: true, failed: true, canceled: true };
export const RUN_STATUSES = Object.keys(runStatuses) as readonly RunStatus[];
