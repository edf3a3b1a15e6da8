import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';

/** Starts a new assessment of the entity and shows progress while it runs. */
export function RefreshButton(props: {
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { onRefresh, refreshing } = props;

  return (
    <Button
      variant="outlined"
      color="primary"
      onClick={onRefresh}
      disabled={refreshing}
      aria-busy={refreshing}
      startIcon={
        refreshing ? (
          <CircularProgress size={16} aria-hidden="true" />
        ) : (
          <RefreshIcon />
        )
      }
    >
      {refreshing ? 'Refreshing…' : 'Refresh assessment'}
    </Button>
  );
}
