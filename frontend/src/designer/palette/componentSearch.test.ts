import { describe, expect, it } from 'vitest';
import type { ComponentSummary } from '../../api/models';
import { splitData, trainModel } from '../../test/fixtures';
import { searchTier } from './componentSearch';
import { groupComponents } from './palette';

function component(name: string, display_name: string, fields: Partial<ComponentSummary> = {}): ComponentSummary {
  return { ...trainModel, name, display_name, category: 'Machine Learning', description: '', inputs: {}, outputs: {}, ...fields };
}

const logistic = component('two_class_logistic_regression', 'Two-Class Logistic Regression', {
  tags: ['classification', 'binary'],
  subcategory: 'Classification',
});
const forest = component('multiclass_decision_forest', 'Multiclass Decision Forest', { tags: ['classification'] });
const clustering = component('train_clustering_model', 'Train Clustering Model', { category: 'Model Training' });
const normalize = component('normalize_data', 'Normalize Data', {
  category: 'Data Transformation',
  description: 'Rescales numeric columns: zscore, minmax, robust, logistic or tanh.',
});
const preprocess = component('preprocess_text', 'Preprocess Text', {
  category: 'Text Analytics',
  description: 'Cleans a text column for text analytics.',
});
const evaluate = component('evaluate_model', 'Evaluate Model', { category: 'Model Scoring', tags: ['roc', 'auc'] });
const all = [normalize, preprocess, evaluate, clustering, forest, logistic, trainModel, splitData];

const ranked = (search: string) => groupComponents(all, search).flatMap((group) => group.components.map((c) => c.name));

describe('searchTier', () => {
  it('ranks an exact name, then a prefix, then words of the name, then tags, then anywhere', () => {
    expect(searchTier(trainModel, 'train model')).toBe(0);
    expect(searchTier(trainModel, 'Train_Model')).toBe(0);
    expect(searchTier(trainModel, 'train mo')).toBe(1);
    expect(searchTier(clustering, 'train model')).toBe(2);
    expect(searchTier(logistic, 'classification')).toBe(3);
    expect(searchTier(normalize, 'logistic')).toBe(4);
  });

  it('matches whole words, the last one possibly unfinished', () => {
    expect(searchTier(preprocess, 'roc')).toBeNull();
    expect(searchTier(preprocess, 'cess')).toBeNull();
    expect(searchTier(logistic, 'logis')).toBe(2);
    expect(searchTier(logistic, 'logistic bin')).toBe(3);
    expect(searchTier(logistic, 'logis binary')).toBeNull();
  });
});

describe('palette search ranking', () => {
  it('puts the best match first, and its category with it', () => {
    expect(ranked('train model')[0]).toBe('train_model');
    expect(ranked('logistic')).toEqual(['two_class_logistic_regression', 'normalize_data']);
    expect(ranked('classification')).toEqual(['multiclass_decision_forest', 'two_class_logistic_regression']);
    expect(ranked('roc')).toEqual(['evaluate_model']);
  });

  it('keeps categories and names alphabetical without a search', () => {
    expect(groupComponents(all).map((group) => group.category)).toEqual([
      'Data Transformation',
      'Machine Learning',
      'Model Scoring',
      'Model Training',
      'Text Analytics',
    ]);
  });
});
