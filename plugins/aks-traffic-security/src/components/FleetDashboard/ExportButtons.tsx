import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  FleetExportFormat,
  FleetQuery,
  aksTrafficSecurityApiRef,
} from '../../api';
import { describeError } from '../describeError';
import { saveFile } from './saveFile';

const useStyles = makeStyles(theme => ({
  buttons: { display: 'flex', gap: theme.spacing(1) },
}));

/**
 * Renders the CSV and JSON export buttons. Each downloads every entity that
 * matches the filters through the fetch API, so the request carries the
 * user's credentials, and saves it as a file.
 */
export function ExportButtons(props: { query: FleetQuery }) {
  const api = useApi(aksTrafficSecurityApiRef);
  const classes = useStyles();
  const [state, download] = useAsyncFn(
    async (format: FleetExportFormat) => {
      const file = await api.exportFleet(props.query, format);
      saveFile(file.content, file.fileName);
    },
    [api, props.query],
  );

  return (
    <div>
      <div className={classes.buttons}>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={state.loading}
          onClick={() => download('csv')}
        >
          Export CSV
        </Button>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={state.loading}
          onClick={() => download('json')}
        >
          Export JSON
        </Button>
      </div>
      {state.error && (
        <ResponseErrorPanel
          error={state.error}
          title={`Export failed: ${describeError(state.error)}`}
        />
      )}
    </div>
  );
}
