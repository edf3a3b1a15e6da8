import {
  Flow,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { FLOW_LABELS } from '../../flows';
import { VERDICT_LABELS } from '../VerdictStatus';

/** The flow, verdict and text a check list is narrowed to; `undefined` means all. */
export interface ChecksFilter {
  flow?: Flow;
  verdict?: Verdict;
  /** Text that the check's id, title or message contains, in any case. */
  text?: string;
}

const ALL = '';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * Native selects for the flow and verdict filters and a search field for the
 * text filter, labelled for screen readers.
 */
export function ChecksFilterBar(props: {
  filter: ChecksFilter;
  onChange: (filter: ChecksFilter) => void;
  flows: readonly Flow[];
  verdicts: readonly Verdict[];
}) {
  const { filter, onChange, flows, verdicts } = props;
  const classes = useStyles();

  return (
    <div className={classes.root}>
      <TextField
        select
        label="Flow"
        variant="outlined"
        size="small"
        value={filter.flow ?? ALL}
        onChange={event =>
          onChange({
            ...filter,
            flow: (event.target.value || undefined) as Flow | undefined,
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        id="aks-traffic-security-flow-filter"
      >
        <option value={ALL}>All flows</option>
        {flows.map(flow => (
          <option key={flow} value={flow}>
            {FLOW_LABELS[flow]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Verdict"
        variant="outlined"
        size="small"
        value={filter.verdict ?? ALL}
        onChange={event =>
          onChange({
            ...filter,
            verdict: (event.target.value || undefined) as Verdict | undefined,
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        id="aks-traffic-security-verdict-filter"
      >
        <option value={ALL}>All verdicts</option>
        {verdicts.map(verdict => (
          <option key={verdict} value={verdict}>
            {VERDICT_LABELS[verdict]}
          </option>
        ))}
      </TextField>
      <TextField
        type="search"
        label="Search checks"
        variant="outlined"
        size="small"
        value={filter.text ?? ''}
        onChange={event =>
          onChange({ ...filter, text: event.target.value || undefined })
        }
        InputLabelProps={{ shrink: true }}
        id="aks-traffic-security-text-filter"
      />
    </div>
  );
}
