/** Endpoint and version selects for the schedule and trigger forms; reads the version's parameters. */
import { useEndpoint, useEndpoints } from '../api/endpoints';
import type { EndpointParameter } from '../api/models';
import { FormField } from '../shared/FormField';

interface EndpointPickerProps {
  endpoint: string;
  version: string;
  errors: { endpoint?: string; version?: string };
  onEndpoint: (name: string) => void;
  onVersion: (version: string) => void;
}

/** The parameters of the chosen version, or of the endpoint's default when none is chosen. */
export function useVersionParameters(endpoint: string, version: string): readonly EndpointParameter[] {
  const detail = useEndpoint(endpoint, endpoint !== '');
  const data = detail.data;
  if (!data) return [];
  const number = version ? Number(version) : data.default_version;
  return data.versions.find((item) => item.version === number)?.parameters ?? [];
}

export function EndpointPicker({ endpoint, version, errors, onEndpoint, onVersion }: EndpointPickerProps) {
  const endpoints = useEndpoints();
  const detail = useEndpoint(endpoint, endpoint !== '');
  const none = endpoints.data?.length === 0;
  return (
    <>
      <FormField label="Endpoint" error={errors.endpoint} hint={none ? 'Publish a pipeline first: no endpoint exists yet.' : undefined}>
        {(control) => (
          <select {...control} value={endpoint} onChange={(event) => onEndpoint(event.target.value)}>
            <option value="">{endpoints.isPending ? 'Loading…' : 'Choose an endpoint'}</option>
            {endpoints.data?.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
                {item.enabled === false ? ' (disabled)' : ''}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Version" error={errors.version} hint="The default is read each time it fires.">
        {(control) => (
          <select {...control} value={version} disabled={!detail.data} onChange={(event) => onVersion(event.target.value)}>
            <option value="">Default{detail.data?.default_version ? ` (now v${detail.data.default_version})` : ''}</option>
            {detail.data?.versions.map((item) => (
              <option key={item.version} value={String(item.version)}>
                v{item.version}
                {item.description ? ` — ${item.description}` : ''}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}
