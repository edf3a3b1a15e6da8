import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Copy the rendered service into the configured local directory, in a folder named after the service',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'aks-traffic-security:publish:local',
          name: 'Publish to a local directory',
          input: {
            name: 'orders-api',
          },
        },
      ],
    }),
  },
  {
    description: 'Publish only a subfolder of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'aks-traffic-security:publish:local',
          name: 'Publish to a local directory',
          input: {
            name: 'orders-api',
            sourcePath: 'service',
          },
        },
      ],
    }),
  },
];
