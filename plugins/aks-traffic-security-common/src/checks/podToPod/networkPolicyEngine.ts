import { Evidence } from '../../types';
import { CheckDefinition } from '../types';
import { fail, pass, unknown, warn } from '../outcomes';
import { getPath, stringAt } from '../../resources/json';

const PROFILE = 'properties.networkProfile';

/** The engines in the Microsoft.ContainerService `networkPolicy` enum, leaving out `none`, which enforces nothing. */
const KNOWN_ENGINES = ['azure', 'calico', 'cilium'];

const NPM_RETIREMENT_NOTE =
  'Azure Network Policy Manager support ends on Windows nodes on 30 Sep 2026 and on Linux nodes on 30 Sep 2028; Microsoft recommends Cilium.';
const KUBENET_RETIREMENT_NOTE = 'kubenet is retired on 31 Mar 2028.';

export const networkPolicyEngine: CheckDefinition = {
  id: 'pod.aks.network-policy-engine',
  flow: 'pod-to-pod',
  severity: 'high',
  level: 'baseline',
  title: 'The cluster runs a network policy engine.',
  why: 'Without a network policy engine the cluster silently ignores every NetworkPolicy, so any pod can reach any other pod whatever the manifests say.',
  remediation:
    'Create or update the cluster with `--network-policy cilium` (with `--network-dataplane cilium`, which Microsoft recommends), `azure` (with Azure CNI) or `calico`.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/use-network-policies',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const raw = getPath(cluster.body, `${PROFILE}.networkPolicy`);
    const engine = stringAt(cluster.body, `${PROFILE}.networkPolicy`)
      ?.trim()
      .toLowerCase();
    const plugin = stringAt(cluster.body, `${PROFILE}.networkPlugin`)
      ?.trim()
      .toLowerCase();
    const dataplane = stringAt(cluster.body, `${PROFILE}.networkDataplane`)
      ?.trim()
      .toLowerCase();
    const accepted = context.policy.acceptedNetworkPolicyEngines;
    const notes = [
      ...(engine === 'azure' ? [NPM_RETIREMENT_NOTE] : []),
      ...(plugin === 'kubenet' ? [KUBENET_RETIREMENT_NOTE] : []),
    ];
    const evidence: Evidence[] = [
      {
        resource: cluster.id,
        path: `${PROFILE}.networkPolicy`,
        observed: raw ?? null,
        expected: [...accepted],
        note: notes.length > 0 ? notes.join(' ') : undefined,
      },
    ];

    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      return unknown(
        'unrecognised-value',
        `networkPolicy is ${JSON.stringify(
          raw,
        )}, not the name of a network policy engine.`,
        evidence,
      );
    }
    if (engine === undefined || engine === '' || engine === 'none') {
      return fail(
        engine === 'none'
          ? 'networkPolicy is none, so NetworkPolicy objects are ignored.'
          : 'No network policy engine is set (the default is none), so NetworkPolicy objects are ignored.',
        evidence,
      );
    }
    if (!accepted.has(engine)) {
      return KNOWN_ENGINES.includes(engine)
        ? fail(
            `The network policy engine ${raw} is not one the organisation accepts.`,
            evidence,
          )
        : unknown(
            'unrecognised-value',
            `The network policy engine ${JSON.stringify(
              raw,
            )} is not one this check knows.`,
            evidence,
          );
    }

    if (engine === 'cilium' && dataplane !== 'cilium') {
      evidence.push({
        resource: cluster.id,
        path: `${PROFILE}.networkDataplane`,
        observed: getPath(cluster.body, `${PROFILE}.networkDataplane`) ?? null,
        expected: 'cilium',
      });
      return warn(
        'The cilium network policy engine requires the cilium dataplane, which is not set.',
        evidence,
        'inconsistent-network-profile',
      );
    }
    if (engine === 'azure' && plugin === 'kubenet') {
      evidence.push({
        resource: cluster.id,
        path: `${PROFILE}.networkPlugin`,
        observed: 'kubenet',
        expected: 'azure',
      });
      return warn(
        'Azure Network Policy Manager needs Azure CNI, but the cluster uses kubenet.',
        evidence,
        'inconsistent-network-profile',
      );
    }
    return pass(
      `The ${raw} network policy engine enforces NetworkPolicy objects.`,
      evidence,
    );
  },
};
