import {
  ArmResource,
  ReadFailure,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ArmRead } from './ArmReader';

/** Everything read about one entity's Azure resources. */
export interface ArmCollection {
  resources: ArmResource[];
  failures: ReadFailure[];
}

/** The resources and failures of one entity, each id once. */
export class ArmCollector {
  readonly #resources = new Map<string, ArmResource>();
  readonly #failures = new Map<string, ReadFailure>();

  /** Adds a read and returns its resource, or `undefined` when it failed. */
  add(read: ArmRead): ArmResource | undefined {
    if (read.ok) {
      this.addResource(read.resource);
      return read.resource;
    }
    this.addFailure(read.failure);
    return undefined;
  }

  addResource(resource: ArmResource): void {
    this.#resources.set(resource.id.toLowerCase(), resource);
  }

  addFailure(failure: ReadFailure): void {
    this.#failures.set(failure.target.toLowerCase(), failure);
  }

  has(id: string): boolean {
    return (
      this.#resources.has(id.toLowerCase()) ||
      this.#failures.has(id.toLowerCase())
    );
  }

  result(): ArmCollection {
    return {
      resources: [...this.#resources.values()],
      failures: [...this.#failures.values()],
    };
  }
}
