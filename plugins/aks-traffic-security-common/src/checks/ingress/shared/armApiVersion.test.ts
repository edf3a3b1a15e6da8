import { arm } from '../../../__testUtils__/resourceSets';
import { apiVersionAtLeast, armApiVersion } from './armApiVersion';

describe('armApiVersion', () => {
  it('prefers the api-version of the read', () => {
    const resource = arm({
      id: '/x',
      name: 'x',
      type: 'Microsoft.Network/applicationGateways',
      properties: {},
    });
    resource.origin = {
      source: 'azure',
      location: 'test',
      apiVersion: '2025-01-01',
    };

    expect(armApiVersion(resource)).toEqual({
      apiVersion: '2025-01-01',
      fromTemplate: false,
    });
  });

  it('marks a template resource', () => {
    const resource = arm({
      id: '/x',
      name: 'x',
      type: 'Microsoft.Network/applicationGateways',
      properties: {},
    });
    resource.origin = {
      source: 'workspace',
      location: 'azuredeploy.json',
      apiVersion: '2023-11-01',
      format: 'arm-template',
    };

    expect(armApiVersion(resource)).toEqual({
      apiVersion: '2023-11-01',
      fromTemplate: true,
    });
  });

  it('is undefined for a saved body', () => {
    const resource = arm({
      id: '/x',
      name: 'x',
      type: 'Microsoft.Network/applicationGateways',
      properties: {},
    });

    expect(armApiVersion(resource).apiVersion).toBeUndefined();
  });
});

describe('apiVersionAtLeast', () => {
  it('compares dates and ignores the preview suffix', () => {
    expect(apiVersionAtLeast('2025-01-01', '2025-01-01')).toBe(true);
    expect(apiVersionAtLeast('2024-10-01', '2025-01-01')).toBe(false);
    expect(apiVersionAtLeast('2025-03-01-preview', '2025-01-01')).toBe(true);
    expect(apiVersionAtLeast('latest', '2025-01-01')).toBeUndefined();
  });
});
