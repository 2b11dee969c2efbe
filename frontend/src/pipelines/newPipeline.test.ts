import { describe, expect, it } from 'vitest';
import { checkNewPipeline, NAME_MAX, newPipelineBody } from './newPipeline';

describe('the new pipeline form', () => {
  it('needs a name', () => {
    expect(checkNewPipeline({ name: '   ', description: '' }).name).toMatch(/name/);
    expect(checkNewPipeline({ name: 'Churn', description: '' })).toEqual({});
  });

  it('refuses a name or a description that is too long', () => {
    expect(checkNewPipeline({ name: 'x'.repeat(NAME_MAX + 1), description: '' }).name).toMatch(/At most 200/);
    expect(checkNewPipeline({ name: 'ok', description: 'x'.repeat(2001) }).description).toMatch(/At most 2000/);
  });

  it('sends the trimmed name and description with an empty graph', () => {
    expect(newPipelineBody({ name: ' Churn ', description: ' Predicts churn. ' })).toEqual({
      name: 'Churn',
      description: 'Predicts churn.',
      graph: { nodes: [], edges: [] },
      parameters: {},
    });
  });
});
