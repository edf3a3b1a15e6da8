import { Verdict } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { VerdictStatus } from './VerdictStatus';

describe('VerdictStatus', () => {
  it.each([
    ['pass', 'Pass', 'status-ok'],
    ['warn', 'Warning', 'status-warning'],
    ['fail', 'Fail', 'status-error'],
    ['unknown', 'Unknown', 'status-pending'],
    ['not-applicable', 'Not applicable', 'status-aborted'],
  ] as const)(
    'shows %s with its own label and icon',
    async (verdict, label, icon) => {
      await renderInTestApp(<VerdictStatus verdict={verdict} />);

      expect(screen.getByText(label)).toBeInTheDocument();
      expect(screen.getByTestId(icon)).toBeInTheDocument();
    },
  );

  it('never shows unknown with the pass icon', async () => {
    await renderInTestApp(<VerdictStatus verdict="unknown" />);

    expect(screen.queryByTestId('status-ok')).not.toBeInTheDocument();
  });

  it('shows an unrecognised verdict as unknown', async () => {
    await renderInTestApp(<VerdictStatus verdict={'error' as Verdict} />);

    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(screen.getByTestId('status-pending')).toBeInTheDocument();
  });

  it('uses a given label', async () => {
    await renderInTestApp(
      <VerdictStatus verdict="pass" label="Secure: every check passed" />,
    );

    expect(screen.getByText('Secure: every check passed')).toBeInTheDocument();
  });
});
