import { Content, Header, Page } from '@backstage/core-components';
import { FleetDashboardContent } from './FleetDashboardContent';
import { TakePrefetchedPages } from './fleetPageCache';

/**
 * Renders the fleet dashboard as a full page with its own header, for apps
 * on the legacy frontend system.
 *
 * @public
 */
export function FleetDashboardPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Traffic security"
        subtitle="AKS traffic-flow security across the fleet"
      />
      <Content>
        <FleetDashboardContent />
      </Content>
    </Page>
  );
}

/**
 * Renders the fleet dashboard inside the page layout of the new frontend
 * system, which draws the header itself.
 */
export function FleetDashboardPageContent(props: {
  takePrefetchedPages?: TakePrefetchedPages;
}) {
  return (
    <Content>
      <FleetDashboardContent takePrefetchedPages={props.takePrefetchedPages} />
    </Content>
  );
}
