/**
 * The port rows of a pipeline node: one React Flow Handle per input (left, target) and per output
 * (right, source), id = port name, labelled and coloured by port type. Shared by the designer's
 * editable nodes and the run view's read-only nodes.
 */
import { Handle, Position } from '@xyflow/react';
import type { PortSpec } from '../api/models';

/** A port as drawn; `type` is a port type, or "unknown" when the spec could not be loaded. */
export type PortLike = Partial<Omit<PortSpec, 'type'>> & { type: PortSpec['type'] | 'unknown' };

/** Ports known only by name (from the edges that use them). */
export function portsByName(names: readonly string[]): Record<string, PortLike> {
  return Object.fromEntries(names.map((name) => [name, { type: 'unknown' as const }]));
}

interface NodePortsProps {
  nodeId: string;
  inputs: Readonly<Record<string, PortLike>>;
  outputs: Readonly<Record<string, PortLike>>;
  connectable: boolean;
}

function portTitle(name: string, port: PortLike): string {
  const optional = port.optional ? ', optional' : '';
  const description = port.description ? ` — ${port.description}` : '';
  return `${name} (${port.type}${optional})${description}`;
}

export function NodePorts({ nodeId, inputs, outputs, connectable }: NodePortsProps) {
  const inputEntries = Object.entries(inputs);
  const outputEntries = Object.entries(outputs);
  if (inputEntries.length === 0 && outputEntries.length === 0) return null;
  return (
    <div className="pw-ports">
      <div className="pw-ports-in">
        {inputEntries.map(([name, port]) => (
          <div key={name} className="pw-port pw-port-in" title={portTitle(name, port)}>
            <Handle
              type="target"
              position={Position.Left}
              id={name}
              isConnectable={connectable}
              className={`pw-handle port-${port.type}`}
              data-testid={`handle-${nodeId}-in-${name}`}
            />
            <span className={`pw-port-label port-text-${port.type}`}>{name}</span>
          </div>
        ))}
      </div>
      <div className="pw-ports-out">
        {outputEntries.map(([name, port]) => (
          <div key={name} className="pw-port pw-port-out" title={portTitle(name, port)}>
            <span className={`pw-port-label port-text-${port.type}`}>{name}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={name}
              isConnectable={connectable}
              className={`pw-handle port-${port.type}`}
              data-testid={`handle-${nodeId}-out-${name}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
