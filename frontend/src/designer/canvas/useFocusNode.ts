/**
 * Focusing a node: select it, open it in the inspector and centre the view on it (used by
 * "Find node" and by clicking a problem). Must be used inside the ReactFlowProvider.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useDesignerView } from '../viewStore';

const FOCUS_ZOOM = 1;

export function useFocusNode() {
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      useDesignerView.getState().selectOnly(nodeId);
      const node = getInternalNode(nodeId);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 200;
      const height = node.measured.height ?? 80;
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), FOCUS_ZOOM), duration: 250 });
    },
    [getInternalNode, setCenter, getZoom],
  );
}
