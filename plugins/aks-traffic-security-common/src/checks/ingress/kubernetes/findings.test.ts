import { elementFromFindings, Finding } from './findings';

const KEY_FINDING: Finding = {
  verdict: 'fail',
  text: 'private key tls.key comes from objectType key',
  evidence: { resource: 'a0008/SecretProviderClass/tls', path: 'key-1' },
};

describe('elementFromFindings', () => {
  it('names a repeated problem once and keeps each evidence item', () => {
    const outcome = elementFromFindings(
      'a0008/SecretProviderClass/tls',
      [
        KEY_FINDING,
        {
          ...KEY_FINDING,
          evidence: { ...KEY_FINDING.evidence, path: 'key-2' },
        },
      ],
      'passes',
    );

    expect(outcome.message).toBe(
      'a0008/SecretProviderClass/tls: private key tls.key comes from objectType key.',
    );
    expect(outcome.evidence.map(item => item.path)).toEqual(['key-1', 'key-2']);
  });

  it('takes the worst verdict and its reason', () => {
    const outcome = elementFromFindings(
      'element',
      [
        { verdict: 'warn', reason: 'minor', text: 'a warning', evidence: {} },
        { ...KEY_FINDING, reason: 'major' },
      ],
      'passes',
    );

    expect(outcome.verdict).toBe('fail');
    expect(outcome.reason).toBe('major');
  });
});
