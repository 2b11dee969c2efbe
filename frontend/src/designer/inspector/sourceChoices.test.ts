import { describe, expect, it } from 'vitest';
import { dataset, registeredModel } from '../../test/catalogFixtures';
import { datasetVersionChoices, modelVersionChoices, sourceKindOf } from './sourceChoices';

describe('source choices', () => {
  it('knows the dataset and registered-model components by name, at any version', () => {
    expect(sourceKindOf('dataset@1.0.0')).toBe('dataset');
    expect(sourceKindOf('registered_model@2.1.0')).toBe('model');
    expect(sourceKindOf('split_data@1.0.0')).toBeNull();
  });

  it('offers latest, then each dataset version newest first with its rows', () => {
    expect(datasetVersionChoices(dataset('houses', 2).versions)).toEqual([
      { value: 'latest', label: 'latest' },
      { value: '2', label: 'v2 · 200 rows' },
      { value: '1', label: 'v1 · 100 rows' },
    ]);
  });

  it('offers latest, each alias as @alias, then each model version with its aliases', () => {
    expect(modelVersionChoices(registeredModel('price', 2, { production: 1 })).map((c) => [c.value, c.label])).toEqual([
      ['latest', 'latest'],
      ['@production', '@production (now v1)'],
      ['2', 'v2'],
      ['1', 'v1 · @production'],
    ]);
  });
});
