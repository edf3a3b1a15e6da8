import { Verdict } from '../types';
import { countVerdicts, toVerdict, worstVerdict } from './verdicts';

// A verdict string this version does not know, as a newer or faulty server may send.
const UNRECOGNISED = 'error' as Verdict;

describe('worstVerdict', () => {
  it('ranks fail above unknown, warn and pass', () => {
    expect(worstVerdict(['pass', 'warn', 'unknown', 'fail'])).toBe('fail');
  });

  it('returns not-applicable for no verdicts', () => {
    expect(worstVerdict([])).toBe('not-applicable');
  });

  it('counts an unrecognised verdict as unknown', () => {
    expect(worstVerdict([UNRECOGNISED])).toBe('unknown');
    expect(worstVerdict(['pass', UNRECOGNISED])).toBe('unknown');
  });

  it('keeps a fail above an unrecognised verdict', () => {
    expect(worstVerdict([UNRECOGNISED, 'fail'])).toBe('fail');
  });
});

describe('countVerdicts', () => {
  it('counts an unrecognised verdict as unknown', () => {
    const counts = countVerdicts(['pass', UNRECOGNISED]);

    expect(counts).toEqual({
      fail: 0,
      unknown: 1,
      warn: 0,
      pass: 1,
      'not-applicable': 0,
    });
  });
});

describe('toVerdict', () => {
  it('keeps a verdict', () => {
    expect(toVerdict('warn')).toBe('warn');
  });

  it('maps other values to unknown', () => {
    expect(toVerdict('error')).toBe('unknown');
    expect(toVerdict(undefined)).toBe('unknown');
    expect(toVerdict(3)).toBe('unknown');
  });
});
