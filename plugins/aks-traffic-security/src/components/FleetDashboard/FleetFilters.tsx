import {
  FLOWS,
  FleetSortField,
  Flow,
  VERDICT_ORDER,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent, ReactNode } from 'react';
import { FLOW_LABELS } from '../../flows';
import { VERDICT_LABELS } from '../VerdictStatus';
import { FleetFilterValues } from './fleetDefaults';

const SORT_LABELS: Record<FleetSortField, string> = {
  verdict: 'Verdict, worst first',
  entityRef: 'Entity reference',
  title: 'Title',
  owner: 'Owner',
  system: 'System',
  cluster: 'Cluster',
  evaluatedAt: 'Assessment time',
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    '& > *': { minWidth: 180 },
  },
}));

function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        props.onChange(event.target.value)
      }
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {props.children}
    </TextField>
  );
}

function TextFilter(props: {
  id: string;
  label: string;
  placeholder: string;
  helperText: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      placeholder={props.placeholder}
      helperText={props.helperText}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      variant="outlined"
      size="small"
      InputLabelProps={{ shrink: true }}
    />
  );
}

/**
 * Renders the fleet filters: owner, system and cluster as text, flow and
 * verdict as selects, and the sort order.
 */
export function FleetFilters(props: {
  values: FleetFilterValues;
  onChange: (values: FleetFilterValues) => void;
}) {
  const { values, onChange } = props;
  const classes = useStyles();
  const update = (change: Partial<FleetFilterValues>) =>
    onChange({ ...values, ...change });

  return (
    <div className={classes.root} role="search" aria-label="Fleet filters">
      <TextFilter
        id="aks-traffic-security-owner-filter"
        label="Owner"
        placeholder="group:default/team-a"
        helperText="Comma-separated; a bare name is a group"
        value={values.owner}
        onChange={value => update({ owner: value })}
      />
      <TextFilter
        id="aks-traffic-security-system-filter"
        label="System"
        placeholder="system:default/shipping"
        helperText="Comma-separated; a bare name is a system"
        value={values.system}
        onChange={value => update({ system: value })}
      />
      <TextFilter
        id="aks-traffic-security-cluster-filter"
        label="Cluster"
        placeholder="aks-prod-weu"
        helperText="Cluster name or ARM id"
        value={values.cluster}
        onChange={value => update({ cluster: value })}
      />
      <SelectField
        id="aks-traffic-security-fleet-flow-filter"
        label="Flow"
        value={values.flow ?? ''}
        onChange={value => update({ flow: (value || undefined) as Flow })}
      >
        <option value="">Overall</option>
        {FLOWS.map(flow => (
          <option key={flow} value={flow}>
            {FLOW_LABELS[flow]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="aks-traffic-security-fleet-verdict-filter"
        label="Verdict"
        value={values.verdict ?? ''}
        onChange={value => update({ verdict: (value || undefined) as Verdict })}
      >
        <option value="">All verdicts</option>
        {VERDICT_ORDER.map(verdict => (
          <option key={verdict} value={verdict}>
            {VERDICT_LABELS[verdict]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="aks-traffic-security-fleet-sort"
        label="Sort by"
        value={values.sort}
        onChange={value => update({ sort: value as FleetSortField })}
      >
        {(Object.keys(SORT_LABELS) as FleetSortField[]).map(field => (
          <option key={field} value={field}>
            {SORT_LABELS[field]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="aks-traffic-security-fleet-order"
        label="Order"
        value={values.order}
        onChange={value => update({ order: value as 'asc' | 'desc' })}
      >
        <option value="asc">Ascending</option>
        <option value="desc">Descending</option>
      </SelectField>
    </div>
  );
}
