import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityAssessmentResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aksTrafficSecurityApiRef } from '../api';
import { recordAssessmentRefresh } from '../assessmentRefreshes';

/** The state of an entity's assessment as the entity tab and card show it. */
export interface EntityAssessmentState {
  loading: boolean;
  /** The error that stopped the assessment from loading. */
  error?: Error;
  /** The assessment, or `undefined` when the entity has none yet. */
  response?: EntityAssessmentResponse;
  /** Asks the backend to assess the entity again. */
  refresh: () => Promise<unknown>;
  refreshing: boolean;
  /** The error of the last failed refresh. */
  refreshError?: Error;
}

/**
 * Loads the latest assessment of an entity. When `enabled` is false, as for
 * an entity without the required annotations, nothing is requested.
 */
export function useEntityAssessment(
  entity: Entity,
  options: { enabled: boolean },
): EntityAssessmentState {
  const api = useApi(aksTrafficSecurityApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [refreshed, setRefreshed] = useState<{
    entityRef: string;
    response: EntityAssessmentResponse;
  }>();

  const loaded = useAsync(async () => {
    if (!options.enabled) {
      return undefined;
    }
    return api.getEntityAssessment(getCompoundEntityRef(entity));
    // The entity object changes identity on every catalog poll, but its reference does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef, options.enabled]);

  const [refreshState, refresh] = useAsyncFn(async () => {
    let response: EntityAssessmentResponse;
    try {
      response = await api.refreshEntityAssessment(
        getCompoundEntityRef(entity),
      );
    } finally {
      // A refresh that failed in the browser may still have stored a new
      // assessment, so fleet pages loaded before it are outdated either way.
      recordAssessmentRefresh();
    }
    setRefreshed({ entityRef, response });
    return response;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef]);

  const latestRefresh =
    refreshed?.entityRef === entityRef ? refreshed.response : undefined;

  return {
    loading: loaded.loading,
    error: latestRefresh ? undefined : loaded.error,
    response: latestRefresh ?? loaded.value,
    refresh,
    refreshing: refreshState.loading,
    refreshError: refreshState.error,
  };
}
