/**
 * The form that adds a datastore: name, kind, and the fields of that kind. Credentials (S3 keys,
 * HTTP headers) are sent once and never shown again; the server keeps them sealed.
 */
import { useState, type FormEvent } from 'react';
import { useCreateDatastore } from '../api/datastores';
import type { DatastoreKind } from '../api/models';
import { allShown, errorUnder, serverFieldErrors } from '../shared/fieldErrors';
import { FormField, type ControlProps } from '../shared/FormField';
import { datastoreFormToBody, EMPTY_DATASTORE_FORM, type DatastoreForm } from './datastoreForm';

const KINDS: { kind: DatastoreKind; words: string }[] = [
  { kind: 'local', words: 'A folder on the server' },
  { kind: 's3', words: 'An S3 bucket' },
  { kind: 'http', words: 'An HTTP base URL' },
];

const FIELDS = ['name', 'kind', 'description', 'path', 'bucket', 'prefix', 'endpoint_url', 'url', 'credentials'];

export function DatastoreCreateForm({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState<DatastoreForm>(EMPTY_DATASTORE_FORM);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useCreateDatastore();
  const server = serverFieldErrors(create.error);
  const errors = Object.keys(local).length > 0 ? local : server;
  const change = (key: keyof DatastoreForm, value: string) => setForm((current) => ({ ...current, [key]: value }));
  // A text field's control, for FormField to place.
  const text = (key: keyof DatastoreForm, type = 'text') => (control: ControlProps) => (
    <input {...control} type={type} value={form[key]} autoComplete="off" onChange={(event) => change(key, event.target.value)} />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = datastoreFormToBody(form);
    setLocal(found);
    if (Object.keys(found).length === 0) create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="catalog-section panel-form" onSubmit={submit} aria-label="New datastore" noValidate>
      <h2>New datastore</h2>
      <FormField label="Name" error={errors.name} hint="Lower-case letters, digits, - and _.">
        {text('name')}
      </FormField>
      <FormField label="Kind" error={errors.kind}>
        {(control) => (
          <select {...control} value={form.kind} onChange={(event) => change('kind', event.target.value)}>
            {KINDS.map(({ kind, words }) => (
              <option key={kind} value={kind}>
                {words}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {form.kind === 'local' && (
        <FormField label="Folder" error={errors.path} hint="An absolute path under one of the server's data roots.">
          {text('path')}
        </FormField>
      )}
      {form.kind === 's3' && (
        <>
          <FormField label="Bucket" error={errors.bucket}>
            {text('bucket')}
          </FormField>
          <FormField label="Prefix (optional)" error={errors.prefix}>
            {text('prefix')}
          </FormField>
          <FormField label="Endpoint URL (optional)" error={errors.endpoint_url} hint="For S3-compatible services; empty for AWS.">
            {text('endpointUrl')}
          </FormField>
          <FormField label="Access key (optional)" error={errorUnder(errors, 'credentials')}>
            {text('accessKey')}
          </FormField>
          <FormField label="Secret key (optional)" hint="Stored encrypted; never shown again.">
            {text('secretKey', 'password')}
          </FormField>
        </>
      )}
      {form.kind === 'http' && (
        <>
          <FormField label="Base URL" error={errors.url}>
            {text('url')}
          </FormField>
          <FormField label="Headers (optional)" error={errorUnder(errors, 'credentials')} hint="One “Name: value” per line, e.g. Authorization: Bearer …; stored encrypted, never shown again.">
            {(control) => <textarea {...control} rows={2} value={form.headers} onChange={(event) => change('headers', event.target.value)} />}
          </FormField>
        </>
      )}
      <FormField label="Description" error={errors.description}>
        {text('description')}
      </FormField>
      {create.error && !allShown(server, FIELDS) && Object.keys(local).length === 0 && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create datastore'}
        </button>
      </div>
    </form>
  );
}
