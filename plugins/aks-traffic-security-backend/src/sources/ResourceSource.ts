import { Entity } from '@backstage/catalog-model';
import {
  AssessmentScope,
  ReadFailure,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The reason of a read the product never makes, such as listing Secrets,
 * whose values it must not see. Such a failure is a fixed limit of the
 * source, not a read that went wrong.
 */
export const NOT_READ_REASON = 'not-read';

/** Returns the failures of a resource set that are reads that went wrong. */
export function failedReadsOf(resourceSet: ResourceSet): ReadFailure[] {
  return resourceSet.failures.filter(
    failure => failure.reason !== NOT_READ_REASON,
  );
}

/**
 * Reads the resources that the checks need for one catalog entity.
 *
 * A resource that cannot be read becomes a `ReadFailure` in the returned set,
 * so that the checks that need it return `unknown`. The source throws only
 * when it cannot read anything at all, such as a missing snapshot directory.
 * The refresh then keeps the last good assessment. The Azure source reports
 * a rejected credential as a failure of each read that needed it.
 */
export interface ResourceSource {
  /** The source name stored with each assessment, such as `snapshot` or `azure`. */
  readonly name: string;

  /**
   * Drops what the source cached, so that the reads that follow see current
   * data. The refresh calls it once at the start of each full refresh.
   */
  beginRefresh?(): void;

  /**
   * Ends the full refresh that {@link ResourceSource.beginRefresh} started.
   * A source may share reads between the entities of one full refresh and
   * uses fresh reads again afterwards. Called even when the refresh failed.
   */
  endRefresh?(): void;

  /**
   * Tells the source, during a full refresh, that no entity left in it has
   * this cluster or gateway. A source that keeps reads for the entities
   * that share them may drop what it read of this cluster or gateway alone,
   * so that a large fleet's resources are not all held until the refresh
   * ends. Must not throw.
   */
  release?(scope: Pick<AssessmentScope, 'clusterId' | 'gatewayId'>): void;

  /**
   * Reads the entity's resources. A source with a limit on reads in flight
   * serves the reads with the lowest `priority` first. The full refresh
   * numbers its entities in order, so the entities it started first complete
   * first instead of all waiting for their last read.
   */
  readResourceSet(
    entity: Entity,
    scope: AssessmentScope,
    options?: { priority?: number },
  ): Promise<ResourceSet>;
}
