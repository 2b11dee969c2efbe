/**
 * The values of the schema's enums at runtime, for pickers and guards.
 *
 * Each record must name every member of its generated type and nothing else, so a value added or
 * dropped on the server fails the typecheck here instead of going missing from a picker.
 */
import type { ApiTokenKind, CatchUp, Frequency, PortType, RunStatus, RunTriggerKind } from './models';

const portTypes: Record<PortType, true> = { dataframe: true, model: true, file: true, folder: true, json: true };
export const PORT_TYPES = Object.keys(portTypes) as readonly PortType[];

const runStatuses: Record<RunStatus, true> = { queued: true, running: true, completed: true, failed: true, canceled: true };
export const RUN_STATUSES = Object.keys(runStatuses) as readonly RunStatus[];

const runTriggerKinds: Record<RunTriggerKind, true> = { manual: true, endpoint: true, schedule: true, data: true };
export const RUN_TRIGGER_KINDS = Object.keys(runTriggerKinds) as readonly RunTriggerKind[];

const frequencies: Record<Frequency, true> = { minute: true, hour: true, day: true, week: true, month: true };
export const FREQUENCIES = Object.keys(frequencies) as readonly Frequency[];

const catchUps: Record<CatchUp, true> = { none: true, latest: true, all: true };
export const CATCH_UPS = Object.keys(catchUps) as readonly CatchUp[];

const tokenKinds: Record<ApiTokenKind, true> = { personal: true, service: true };
export const TOKEN_KINDS = Object.keys(tokenKinds) as readonly ApiTokenKind[];
