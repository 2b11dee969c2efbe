/**
 * A model's aliases: each with the version it points at and Remove, and a form that points an
 * alias at a version — a new one, or an existing one moved.
 */
import { useState, type FormEvent } from 'react';
import { useDeleteAlias, useSetAlias, type RegisteredModelDetail } from '../api/registeredModels';
import { FormField } from '../shared/FormField';
import { aliasProblem, normalizeAlias } from './aliasRules';

export function AliasControl({ model }: { model: RegisteredModelDetail }) {
  const setAlias = useSetAlias(model.name);
  const deleteAlias = useDeleteAlias(model.name);
  const [alias, setAliasText] = useState('');
  const [version, setVersion] = useState(String(model.versions[0]?.version ?? ''));
  const [problem, setProblem] = useState<string | null>(null);
  const entries = Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b));
  const typed = normalizeAlias(alias);
  const moving = typed in model.aliases;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = aliasProblem(typed);
    setProblem(found);
    if (found) return;
    setAlias.mutate({ alias: typed, version: Number(version) }, { onSuccess: () => setAliasText('') });
  };

  return (
    <section className="catalog-section" aria-labelledby="aliases-title" data-testid="model-aliases">
      <h2 id="aliases-title">Aliases</h2>
      {entries.length === 0 && <p className="muted">No aliases. Pipelines can use a model by alias (written @production) and follow it when it moves.</p>}
      {entries.length > 0 && (
        <ul className="alias-rows">
          {entries.map(([name, points]) => (
            <li key={name} data-testid={`alias-${name}`}>
              <span className="alias-chip">@{name}</span> → v{points}{' '}
              <button type="button" className="link-button" aria-label={`Remove alias ${name}`} disabled={deleteAlias.isPending} onClick={() => deleteAlias.mutate(name)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="alias-form" onSubmit={submit} aria-label="Set an alias" noValidate>
        <FormField label="Alias" error={problem ?? undefined}>
          {(control) => <input {...control} value={alias} placeholder="production" onChange={(event) => setAliasText(event.target.value)} />}
        </FormField>
        <FormField label="Version">
          {(control) => (
            <select {...control} value={version} onChange={(event) => setVersion(event.target.value)}>
              {model.versions.map((each) => (
                <option key={each.version} value={each.version}>
                  v{each.version}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="primary" disabled={setAlias.isPending}>
          {moving ? `Move @${typed}` : 'Set alias'}
        </button>
      </form>
      {(setAlias.error ?? deleteAlias.error) && (
        <p className="form-error" role="alert">
          {(setAlias.error ?? deleteAlias.error)?.message}
        </p>
      )}
    </section>
  );
}
