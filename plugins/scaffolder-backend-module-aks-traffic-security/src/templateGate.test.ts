import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { TEMPLATE_DIRECTORY } from './__testUtils__/templateDryRun';

const template = parse(
  fs.readFileSync(path.join(TEMPLATE_DIRECTORY, 'template.yaml'), 'utf8'),
);

describe('the template gate step', () => {
  const steps: Array<{ action: string; input: Record<string, unknown> }> =
    template.spec.steps;
  const verify = steps.find(
    step => step.action === 'aks-traffic-security:verify',
  );

  it('runs before every publish step', () => {
    const verifyIndex = steps.findIndex(step => step === verify);
    const publishIndexes = steps
      .map((step, index) => (step.action.startsWith('publish:') ? index : -1))
      .filter(index => index >= 0);

    expect(verifyIndex).toBeGreaterThanOrEqual(0);
    expect(publishIndexes.length).toBeGreaterThan(0);
    for (const index of publishIndexes) {
      expect(index).toBeGreaterThan(verifyIndex);
    }
  });

  it('blocks judged checks left unknown', () => {
    // A file the checks need that is missing or unreadable leaves them
    // unknown, and such a repository must not be published.
    expect(verify?.input.failOn).toBe('unknown');
  });
});
