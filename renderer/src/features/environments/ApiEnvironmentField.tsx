import {
  API_ENVIRONMENTS,
  apiDomainOf,
  type ApiEnvironment,
  type DataCenter,
} from '../../../../shared/dc/catalog';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { Field } from '../../components/Field';

const API_LABELS: Readonly<Record<ApiEnvironment, string>> = {
  production: 'Production',
  developer: 'Developer',
  sandbox: 'Sandbox',
};

/**
 * Which of the DC's API domains `{{api-domain}}` holds, as Zoho's SDKs pick PRODUCTION(),
 * DEVELOPER() or SANDBOX(): the same tokens call all three. A DC without one offers it disabled.
 */
export function ApiEnvironmentField({
  env,
  dc,
  onChange,
}: {
  env: EnvironmentRecord;
  dc: DataCenter | null;
  onChange: (apiEnvironment: ApiEnvironment) => void;
}) {
  return (
    <Field label="API domain" hint="The same tokens work on all three.">
      {(ids) => (
        <select
          id={ids.id}
          aria-describedby={ids.describedBy}
          className="input"
          value={env.apiEnvironment}
          disabled={dc === null}
          onChange={(e) => {
            const chosen = API_ENVIRONMENTS.find((a) => a === e.target.value);
            if (chosen !== undefined) onChange(chosen);
          }}
        >
          {API_ENVIRONMENTS.map((a) => {
            const domain = dc === null ? null : apiDomainOf(dc, a);
            return (
              <option key={a} value={a} disabled={domain === null}>
                {API_LABELS[a]}
                {domain === null ? ' (none for this DC)' : ` · ${new URL(domain).host}`}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}
