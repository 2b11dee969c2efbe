import { describe, expect, it } from 'vitest';
import type { ComponentSummary } from '../api/models';
import { splitData, trainModel } from '../test/fixtures';
import { bySubcategory, groupBySubcategory } from './subcategories';

const learner = (name: string, subcategory: string): ComponentSummary => ({
  ...trainModel,
  name,
  display_name: name,
  category: 'Machine Learning',
  subcategory,
});

describe('sub-categories', () => {
  it('split a category by sub-category, named ones first, keeping the order within each', () => {
    const components = [learner('kmeans', 'Clustering'), learner('linear', 'Regression'), learner('vw', ''), learner('logistic', 'Classification'), learner('forest', 'Regression')];
    expect(bySubcategory(components).map((sub) => [sub.name, sub.components.map((c) => c.name)])).toEqual([
      ['Classification', ['logistic']],
      ['Clustering', ['kmeans']],
      ['Regression', ['linear', 'forest']],
      ['', ['vw']],
    ]);
  });

  it('group categories in the order met, a category without sub-categories as one group', () => {
    const groups = groupBySubcategory([learner('linear', 'Regression'), { ...splitData, subcategory: '' }, learner('logistic', 'Classification')]);
    expect(groups.map((group) => [group.category, group.subgroups.map((sub) => sub.name)])).toEqual([
      ['Machine Learning', ['Classification', 'Regression']],
      ['Data Transformation', ['']],
    ]);
  });
});
