import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { passingChecks } from '../../__testUtils__/assessments';
import { ChecksTable } from './ChecksTable';

async function renderTable() {
  await renderInTestApp(
    <ChecksTable
      checks={passingChecks()}
      filter={{}}
      onFilterChange={() => {}}
    />,
  );
  return screen.getAllByRole('columnheader');
}

function header(headers: HTMLElement[], title: string): HTMLElement {
  const found = headers.find(cell => cell.textContent === title);
  if (!found) {
    throw new Error(`No column header '${title}'`);
  }
  return found;
}

describe('ChecksTable', () => {
  it.each(['Verdict', 'Check', 'Flow', 'Severity'])(
    'gives the %s header one button',
    async title => {
      const headers = await renderTable();

      const buttons = within(header(headers, title)).getAllByRole('button');

      expect(buttons).toHaveLength(1);
      expect(buttons[0]).toHaveTextContent(title);
    },
  );

  it('gives the Details header no button', async () => {
    const headers = await renderTable();

    expect(
      within(header(headers, 'Details')).queryAllByRole('button'),
    ).toHaveLength(0);
  });

  it('stops once per sortable header when tabbing', async () => {
    const headers = await renderTable();
    const headerRow = headers[0].closest('tr')!;
    const stops: string[] = [];

    // Tabs from the start of the page until the focus leaves the header row.
    for (let i = 0; i < 20; i += 1) {
      await userEvent.tab();
      if (headerRow.contains(document.activeElement)) {
        stops.push(document.activeElement!.textContent ?? '');
      } else if (stops.length > 0) {
        break;
      }
    }

    expect(stops).toEqual(['Verdict', 'Check', 'Flow', 'Severity']);
  });
});
