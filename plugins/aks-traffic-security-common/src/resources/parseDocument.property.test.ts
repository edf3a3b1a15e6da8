import fc from 'fast-check';
import { ResourceOrigin } from '../types';
import { allInputFiles } from '../__testUtils__/inputFiles';
import { parseResourceDocument, ParsedDocument } from './parseDocument';

const ORIGIN: ResourceOrigin = { source: 'file', location: 'input/file.json' };

/** Asserts the contract every parse result keeps, whatever the input. */
function expectWellFormed(parsed: ParsedDocument): void {
  expect(Array.isArray(parsed.resources)).toBe(true);
  expect(Array.isArray(parsed.failures)).toBe(true);
  for (const failure of parsed.failures) {
    expect(failure.reason).toBe('invalid-document');
    expect(failure.target).toBe(ORIGIN.location);
    expect(failure.message.startsWith(`${ORIGIN.location} `)).toBe(true);
  }
  for (const resource of parsed.resources) {
    expect(resource.origin.location).toBe(ORIGIN.location);
    if (resource.kind === 'arm') {
      expect(typeof resource.id).toBe('string');
      expect(resource.body.id).toBe(resource.id);
      expect(resource.body.type).toBe(resource.type);
    } else {
      expect(typeof resource.objectKind).toBe('string');
    }
  }
}

describe('parseResourceDocument properties', () => {
  const files = allInputFiles();

  it('finds input files to truncate', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), value => {
        expectWellFormed(parseResourceDocument(JSON.stringify(value), ORIGIN));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), text => {
        expectWellFormed(parseResourceDocument(text, ORIGIN));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary ARM-like objects', () => {
    const armLike = fc.record(
      {
        id: fc.oneof(
          fc.constant(
            '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw',
          ),
          fc.string(),
        ),
        name: fc.oneof(fc.constant('gw'), fc.jsonValue()),
        type: fc.constantFrom(
          'Microsoft.Network/applicationGateways',
          'Microsoft.ContainerService/managedClusters',
          'Microsoft.Network/azureFirewalls',
          'Microsoft.KeyVault/vaults',
          'Microsoft.Compute/virtualMachines',
        ),
        properties: fc.jsonValue(),
        sku: fc.jsonValue(),
        resourceGroup: fc.constant('rg'),
        httpListeners: fc.jsonValue(),
        routes: fc.array(fc.jsonValue(), { maxLength: 3 }),
      },
      { requiredKeys: ['type'] },
    );

    fc.assert(
      fc.property(armLike, value => {
        expectWellFormed(parseResourceDocument(JSON.stringify(value), ORIGIN));
      }),
      { numRuns: 300 },
    );
  });

  it.each(files.map(file => [file.name, file]))(
    'never throws on %s truncated at random offsets',
    (_name, file) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: file.text.length }), offset => {
          expectWellFormed(
            parseResourceDocument(file.text.slice(0, offset), ORIGIN),
          );
        }),
        { numRuns: 25 },
      );
    },
  );

  it('reports every truncated JSON fixture as invalid', () => {
    const jsonFiles = files.filter(file => file.name.endsWith('.json'));
    const truncated = fc.constantFrom(...jsonFiles).chain(file =>
      fc
        // Cutting off at least the closing bracket always leaves invalid JSON.
        .integer({ min: 1, max: file.text.trimEnd().length - 1 })
        .map(offset => file.text.slice(0, offset)),
    );

    fc.assert(
      fc.property(truncated, text => {
        const parsed = parseResourceDocument(text, ORIGIN);

        expect(parsed.resources).toEqual([]);
        expect(parsed.failures).toHaveLength(1);
        expect(parsed.failures[0].message).toMatch(
          / is (not valid JSON|empty)/,
        );
      }),
      { numRuns: 200 },
    );
  });
});
