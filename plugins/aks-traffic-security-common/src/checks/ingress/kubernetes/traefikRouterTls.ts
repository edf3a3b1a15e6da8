import { Evidence, JsonObject } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { ElementOutcome } from '../../outcomes';
import { objectRef } from './kubernetesObjects';
import { elementFromFindings, Finding, passFinding } from './findings';
import {
  hasTraefikConfiguration,
  resolveTlsOption,
  TraefikConfiguration,
} from './traefikConfig';
import {
  fileProviderConfiguration,
  readTraefikController,
  TraefikControllerConfiguration,
  traefikControllers,
  UnknownConfiguration,
} from './traefikController';
import { traefikOptionFindings } from './tlsSettings';

/** The Traefik configuration a router is judged against. */
export interface RouterConfiguration {
  configuration: TraefikConfiguration;
  /** The static configurations that may set an entry point's TLS option. */
  staticConfigs: JsonObject[];
  /** The controller whose loaded configuration this is, when its workload was read. */
  controller?: TraefikControllerConfiguration;
}

/** A router's element name and one configuration to judge it against. */
export interface NamedRouterConfiguration {
  element: string;
  router: RouterConfiguration;
}

/**
 * Returns the configurations of the Traefik controllers that serve a
 * router: those whose known static configuration `serves` accepts, else
 * every Traefik controller read.
 */
export function servingTraefikControllers(
  serves: (staticConfig: JsonObject) => boolean,
  context: EvaluationContext,
): TraefikControllerConfiguration[] {
  const loaded = traefikControllers(context).map(controller =>
    readTraefikController(controller, context),
  );
  const matching = loaded.filter(
    candidate =>
      candidate.staticConfig.known && serves(candidate.staticConfig.config),
  );
  return matching.length > 0 ? matching : loaded;
}

/**
 * Returns the configurations to judge a Traefik router against, one for
 * each controller that may serve it. When no Traefik controller workload
 * was read, every Traefik configuration read is used in its place.
 */
export function routerConfigurations(
  element: string,
  controllers: TraefikControllerConfiguration[],
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): NamedRouterConfiguration[] {
  if (controllers.length === 0) {
    // NOTE: without the controller workload nothing shows which ConfigMaps
    // Traefik loads, so an unrelated ConfigMap with Traefik sections is judged too.
    return [
      {
        element,
        router: {
          configuration: traefik,
          staticConfigs: traefik.files.map(file => file.config),
        },
      },
    ];
  }

  return controllers.map(loaded => ({
    element:
      controllers.length > 1
        ? `${element} on ${objectRef(loaded.controller.workload, context)}`
        : element,
    router: {
      configuration: fileProviderConfiguration(loaded.fileProvider, traefik),
      staticConfigs: loaded.staticConfig.known
        ? [loaded.staticConfig.config]
        : [],
      controller: loaded,
    },
  }));
}

/**
 * Judges the TLS option a Traefik router references, such as `default`,
 * `strict@file` or `a0008-strict@kubernetescrd`, in the configuration it
 * is judged against. `evidence` shows where the router names the option.
 */
export function evaluateTlsOptionReference(
  element: string,
  reference: string,
  evidence: Evidence[],
  router: RouterConfiguration,
  context: EvaluationContext,
): ElementOutcome {
  const { configuration: traefik, controller } = router;
  if (controller && !controller.fileProvider.known) {
    // Only options of the CRD provider resolve without the file provider's configuration.
    if (!reference.trim().endsWith('@kubernetescrd')) {
      return unknownConfiguration(element, controller.fileProvider, evidence);
    }
  }
  const providerEvidence: Evidence[] =
    controller?.fileProvider.known === true
      ? [controller.fileProvider.evidence]
      : [];

  if (!controller && !hasTraefikConfiguration(traefik)) {
    return {
      element,
      verdict: 'unknown',
      reason: 'missing-resource',
      message: `${element} is served by Traefik, but no Traefik configuration (ConfigMap or TLSOption) was read.`,
      evidence,
    };
  }

  // Traefik's file provider loads nothing when one of its files does not
  // parse, so an option that another file defines is not served.
  const fromFiles = !reference.trim().endsWith('@kubernetescrd');
  if (fromFiles && controller && traefik.errors.length > 0) {
    return unparsedConfiguration(
      element,
      reference,
      traefik,
      context,
      evidence,
    );
  }

  const resolution = resolveTlsOption(reference, traefik, context);
  if (resolution.status === 'read-failed') {
    const { failure } = resolution;
    return {
      element,
      verdict: 'unknown',
      reason: failure.reason,
      message: `TLS option ${reference} of ${element} cannot be judged, because the TLSOption objects could not be read: ${failure.message}`,
      evidence: [
        ...evidence,
        ...providerEvidence,
        { resource: failure.target, note: failure.reason },
      ],
    };
  }
  if (resolution.status === 'found') {
    const findings = resolution.options.flatMap(option =>
      traefikOptionFindings(option, context),
    );
    return settingsOutcome(element, [
      ...evidence.map(passFinding),
      ...providerEvidence.map(passFinding),
      ...findings,
    ]);
  }
  if (traefik.errors.length > 0) {
    return unparsedConfiguration(
      element,
      reference,
      traefik,
      context,
      evidence,
    );
  }
  if (resolution.status === 'built-in-default') {
    return settingsOutcome(element, [
      ...evidence.map(passFinding),
      ...providerEvidence.map(passFinding),
      ...traefikOptionFindings(undefined, context),
    ]);
  }
  return {
    element,
    verdict: 'unknown',
    reason: 'unresolved-reference',
    message: `${element} uses TLS option ${reference}, which was not found: ${resolution.note}.`,
    evidence: [...evidence, ...providerEvidence],
  };
}

/**
 * Names the element of one of the TLS options a router is judged with,
 * such as `a0008/Ingress/app with TLS option default`, when it has several.
 */
export function optionElement(
  element: string,
  reference: string,
  optionCount: number,
): string {
  return optionCount > 1 ? `${element} with TLS option ${reference}` : element;
}

export function unknownConfiguration(
  element: string,
  unknownPart: UnknownConfiguration,
  evidence: Evidence[],
): ElementOutcome {
  return {
    element,
    verdict: 'unknown',
    reason: unknownPart.reason,
    message: `The TLS options of ${element} cannot be judged, because ${unknownPart.note}.`,
    evidence: [...evidence, { resource: element, note: unknownPart.note }],
  };
}

/** Returns the `unknown` outcome of a TLS option while a Traefik file does not parse. */
export function unparsedConfiguration(
  element: string,
  reference: string,
  traefik: TraefikConfiguration,
  context: EvaluationContext,
  evidence: Evidence[],
): ElementOutcome {
  return {
    element,
    verdict: 'unknown',
    reason: 'invalid-document',
    message: `TLS option ${reference} cannot be judged, because a Traefik configuration file could not be parsed: ${traefik.errors[0].message}`,
    evidence: [
      ...evidence,
      ...traefik.errors.map(error => ({
        resource: objectRef(error.configMap, context),
        path: `data["${error.key}"]`,
        note: error.message,
      })),
    ],
  };
}

export function settingsOutcome(
  element: string,
  findings: Finding[],
): ElementOutcome {
  return elementFromFindings(
    element,
    findings,
    `${element} accepts TLS 1.2 or later with strict SNI and approved cipher suites only.`,
  );
}
