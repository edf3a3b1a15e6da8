import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check the rendered service before publishing, failing on failed checks only',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'aks-traffic-security:verify',
          name: 'Check traffic security before publishing',
          input: {
            name: '${{ parameters.name }}',
            hostName: '${{ parameters.hostName }}',
            clusterId: '${{ parameters.clusterId }}',
            applicationGatewayId: '${{ parameters.applicationGatewayId }}',
            namespace: '${{ parameters.namespace }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Also fail when a check that the repository can decide is left unknown',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'aks-traffic-security:verify',
          name: 'Check traffic security before publishing',
          input: {
            failOn: 'unknown',
            path: 'service',
          },
        },
      ],
    }),
  },
];
