import { describe, expect, it } from 'vitest';
import type { JsonValue, PipelineGraph } from '../../api/models';
import cases from './paramCheckCases.json';
import { checkNodeLimit, checkParamValue, checkRunValues, conditionalProblems, isBlank, NODE_LIMITS, requiredBy, type CheckSpec } from './paramCheck';

// The same table tests/kernel/test_param_check_agreement.py runs against the kernel.
describe('the parameter check agrees with the kernel', () => {
  it.each(cases.values.map((c) => [JSON.stringify(c), c] as const))('%s', (_name, c) => {
    const problem = checkParamValue(c.param as CheckSpec, c.value);
    expect(problem === null).toBe(c.fits);
  });

  it.each(cases.required_if.map((c) => [JSON.stringify(c), c] as const))('required_if %s', (_name, c) => {
    const spec: CheckSpec = { type: 'column', optional: true, required_if: c.rule as unknown as Record<string, JsonValue[]> };
    expect(requiredBy(spec, c.values)).toEqual(c.required_by);
  });

  it.each(cases.blank.map((c) => [JSON.stringify(c), c] as const))('blank %s', (_name, c) => {
    expect(isBlank(c.value)).toBe(c.blank);
  });
});

const SPLIT: Record<string, CheckSpec> = {
  fraction: { type: 'number', default: 0.7, min: 0, max: 1 },
  mode: { type: 'enum', values: ['random', 'stratified', 'expression'], default: 'random' },
  expression: { type: 'string', optional: true, required_if: { mode: ['expression'] } },
  stratify: { type: 'column', optional: true, required_if: { mode: ['stratified'] }, label_fallback: true },
};

const graph = (params: Record<string, unknown>): PipelineGraph =>
  ({ nodes: [{ id: 'split', component: 'split_data@1.1.0', params }], edges: [] }) as unknown as PipelineGraph;

describe('checkRunValues', () => {
  const specsOf = (ref: string) => (ref === 'split_data@1.1.0' ? SPLIT : undefined);

  it('checks a run value against the node field bound to it', () => {
    const parameters = { share: { type: 'number' as const, default: 0.5 } };
    const drawn = graph({ fraction: { $param: 'share' } });
    expect(checkRunValues(drawn, parameters, {}, specsOf)).toEqual({});
    expect(checkRunValues(drawn, parameters, { share: 1.7 }, specsOf)).toEqual({ share: ['split.fraction: Must be at most 1'] });
  });

  it('names the run value that makes another field required', () => {
    const parameters = { how: { type: 'string' as const, default: 'random' } };
    const drawn = graph({ mode: { $param: 'how' } });
    expect(checkRunValues(drawn, parameters, { how: 'expression' }, specsOf)).toEqual({
      how: ["split.expression: Needs a value when mode is 'expression'"],
    });
    expect(checkRunValues(drawn, parameters, { how: 'sideways' }, specsOf)).toEqual({
      how: ['split.mode: Choose one of random, stratified, expression'],
    });
  });
});

describe('conditionalProblems', () => {
  it('leaves a label fallback to the server, which knows what is upstream', () => {
    expect(conditionalProblems(SPLIT, { mode: 'stratified' })).toEqual({});
    expect(conditionalProblems(SPLIT, { mode: 'expression', expression: ' ' })).toEqual({
      expression: "Needs a value when mode is 'expression'",
    });
  });
});

describe('a node’s timeout and retries', () => {
  it('has the kernel’s bounds', () => {
    expect(NODE_LIMITS.timeout.min).toBe(cases.node_limits.timeout[0]);
    expect(NODE_LIMITS.timeout.max).toBe(cases.node_limits.timeout[1]);
    expect(NODE_LIMITS.max_retries.min).toBe(cases.node_limits.max_retries[0]);
    expect(NODE_LIMITS.max_retries.max).toBe(cases.node_limits.max_retries[1]);
  });

  it('refuses what the kernel refuses', () => {
    expect(checkNodeLimit('max_retries', 11)).toBe('Must be at most 10');
    expect(checkNodeLimit('max_retries', 1.5)).toBe('Enter a whole number');
    expect(checkNodeLimit('timeout', 0)).toBe('Must be at least 1');
    expect(checkNodeLimit('timeout', 600)).toBeNull();
  });
});
