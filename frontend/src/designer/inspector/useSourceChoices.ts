/**
 * The choices for a source node's `name` and `version` parameters, from the registered datasets
 * or models (nothing for any other node, and nothing for a parameter until its list is loaded,
 * so the field stays a text box while the server cannot say).
 */
import { useDataset, useDatasets } from '../../api/datasets';
import type { GraphNode } from '../../api/models';
import { useRegisteredModel, useRegisteredModels } from '../../api/registeredModels';
import { paramsOf } from '../../graph/nodeFields';
import type { ParamChoice } from './paramControls';
import { datasetVersionChoices, modelVersionChoices, nameChoices, sourceKindOf } from './sourceChoices';

export function useSourceChoices(node: GraphNode): Partial<Record<'name' | 'version', ParamChoice[]>> {
  const kind = sourceKindOf(node.component);
  const named = paramsOf(node).name;
  const name = typeof named === 'string' ? named : '';
  const datasets = useDatasets('', kind === 'dataset');
  const models = useRegisteredModels('', kind === 'model');
  const dataset = useDataset(name, kind === 'dataset');
  const model = useRegisteredModel(name, kind === 'model');
  if (kind === 'dataset') {
    return {
      name: datasets.data && nameChoices(datasets.data),
      version: dataset.data && datasetVersionChoices(dataset.data.versions),
    };
  }
  if (kind === 'model') {
    return {
      name: models.data && nameChoices(models.data),
      version: model.data && modelVersionChoices(model.data),
    };
  }
  return {};
}
