import { describe, expect, it } from 'vitest';
import { COMPONENT_MIME, DATASET_MIME, canDrop, datasetDragData, parseDatasetDragData, readDrop } from './dragPayload';

const fromMap = (entries: Record<string, string>) => (type: string) => entries[type] ?? '';

describe('dataset drag payload', () => {
  it('round-trips a component with its parameters', () => {
    const node = { component: 'import_data@1.0.0', params: { path: 'shop/sales.csv', options: { sep: ';' } } };
    expect(parseDatasetDragData(datasetDragData(node))).toEqual(node);
  });

  it('treats missing parameters as none', () => {
    expect(parseDatasetDragData('{"component":"sample_dataset@1.0.0"}')).toEqual({
      component: 'sample_dataset@1.0.0',
      params: {},
    });
  });

  it('refuses text that is not such a payload', () => {
    for (const raw of ['', 'iris', '[]', 'null', '{"params":{}}', '{"component":""}', '{"component":"x@1","params":[1]}']) {
      expect(parseDatasetDragData(raw)).toBeNull();
    }
  });
});

describe('reading a drop', () => {
  it('accepts components and datasets, nothing else', () => {
    expect(canDrop([COMPONENT_MIME])).toBe(true);
    expect(canDrop(['text/plain', DATASET_MIME])).toBe(true);
    expect(canDrop(['text/plain', 'Files'])).toBe(false);
  });

  it('prefers the dataset, with its parameters, over a bare component', () => {
    const dataset = datasetDragData({ component: 'sample_dataset@1.0.0', params: { dataset: 'iris' } });
    expect(readDrop(fromMap({ [DATASET_MIME]: dataset, [COMPONENT_MIME]: 'other@1.0.0' }))).toEqual({
      component: 'sample_dataset@1.0.0',
      params: { dataset: 'iris' },
    });
  });

  it('adds a bare component with no parameters, and nothing for other drops', () => {
    expect(readDrop(fromMap({ [COMPONENT_MIME]: 'split_data@1.0.0' }))).toEqual({ component: 'split_data@1.0.0', params: {} });
    expect(readDrop(fromMap({ 'text/plain': 'hello' }))).toBeNull();
    expect(readDrop(fromMap({ [DATASET_MIME]: 'not json' }))).toBeNull();
  });
});
