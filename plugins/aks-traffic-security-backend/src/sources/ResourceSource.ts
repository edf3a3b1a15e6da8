import { Entity } from '@backstage/catalog-model';
import {
  AssessmentScope,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Reads the resources that the checks need for one catalog entity.
 *
 * A resource that cannot be read becomes a `ReadFailure` in the returned set,
 * so that the checks that need it return `unknown`. The source throws only
 * when it cannot read anything at all, such as a missing snapshot directory
 * or rejected credentials. The refresh then keeps the last good assessment.
 */
export interface ResourceSource {
  /** The source name stored with each assessment, such as `snapshot` or `azure`. */
  readonly name: string;

  /**
   * Drops what the source cached, so that the reads that follow see current
   * data. The refresh calls it once at the start of each full refresh.
   */
  beginRefresh?(): void;

  readResourceSet(entity: Entity, scope: AssessmentScope): Promise<ResourceSet>;
}
