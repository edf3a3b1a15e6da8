import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Make the catalog read a service published by aks-traffic-security:publish:local',
    example: yaml.stringify({
      steps: [
        {
          id: 'register-local',
          action: 'aks-traffic-security:catalog:register-local',
          name: 'Register in the catalog',
          input: {
            catalogInfoPath:
              "${{ steps['publish-local'].output.catalogInfoPath }}",
          },
        },
      ],
    }),
  },
];
