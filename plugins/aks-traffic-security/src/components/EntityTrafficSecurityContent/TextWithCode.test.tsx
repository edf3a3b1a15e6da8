import { render, screen } from '@testing-library/react';
import { TextWithCode } from './TextWithCode';

describe('TextWithCode', () => {
  it('renders backtick spans as code', () => {
    render(
      <TextWithCode text="Set `disableLocalAccounts: true` on the cluster." />,
    );

    expect(
      screen.getByText('disableLocalAccounts: true', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('on the cluster.', { exact: false }),
    ).toBeInTheDocument();
  });

  it('keeps an unpaired backtick as text', () => {
    const { container } = render(<TextWithCode text="Use `a` and `b" />);

    expect(container.querySelectorAll('code')).toHaveLength(1);
    expect(container).toHaveTextContent('Use a and `b');
  });
});
