/** A component's input and output ports as small badges coloured by port type. */
import type { PortSpec } from '../api/models';

function Badge({ name, port }: { name: string; port: PortSpec }) {
  return (
    <span className={`port-badge port-${port.type}`} title={`${name}: ${port.type}${port.optional ? ' (optional)' : ''}`}>
      {name}
      <span className="port-badge-type">{port.type}</span>
    </span>
  );
}

function BadgeRow({ label, ports }: { label: string; ports: Record<string, PortSpec> }) {
  const entries = Object.entries(ports);
  if (entries.length === 0) return null;
  return (
    <div className="port-badge-row">
      <span className="port-badge-label muted">{label}</span>
      {entries.map(([name, port]) => (
        <Badge key={name} name={name} port={port} />
      ))}
    </div>
  );
}

export function PortBadges({ inputs, outputs }: { inputs: Record<string, PortSpec>; outputs: Record<string, PortSpec> }) {
  return (
    <div className="port-badges">
      <BadgeRow label="in" ports={inputs} />
      <BadgeRow label="out" ports={outputs} />
    </div>
  );
}
