/** A model's aliases as chips, "@production → v3", in name order. */
export function AliasChips({ aliases }: { aliases: Readonly<Record<string, number>> }) {
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="tag-list">
      {entries.map(([alias, version]) => (
        <span key={alias} className="alias-chip" title={`@${alias} points at version ${version}`}>
          @{alias} → v{version}
        </span>
      ))}
    </span>
  );
}
