import { Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useWorkspaceData, type Me } from './api';
import { CareView } from './CareView';
import { KpiDashboard } from './KpiDashboard';
import { QueueView } from './QueueView';

/** "Kontaktregister": the guide's queue, the programme's figures and (coordinator) register care. */
export function RegisterPage() {
  const me = useWorkspaceData<Me>('/me');
  return (
    <Page.Main>
      <Page.Title>Kontaktregister</Page.Title>
      <Layouts.Header
        title="Kontaktregister"
        subtitle="Svara nya kontakter inom fem arbetsdagar, på den kanal de valt. / Answer new contacts within five business days, on the channel they chose."
      />
      <Layouts.Content>
        {me.error ? (
          <Typography textColor="danger600">{me.error}</Typography>
        ) : !me.data ? (
          <Page.Loading />
        ) : (
          <Tabs.Root defaultValue="queue">
            <Tabs.List aria-label="Kontaktregistret">
              <Tabs.Trigger value="queue">Min kö</Tabs.Trigger>
              <Tabs.Trigger value="kpis">Nyckeltal</Tabs.Trigger>
              {me.data.caresForRegister ? <Tabs.Trigger value="care">Registervård</Tabs.Trigger> : null}
            </Tabs.List>
            <Tabs.Content value="queue">
              <QueueView me={me.data} />
            </Tabs.Content>
            <Tabs.Content value="kpis">
              <KpiDashboard />
            </Tabs.Content>
            {me.data.caresForRegister ? (
              <Tabs.Content value="care">
                <CareView />
              </Tabs.Content>
            ) : null}
          </Tabs.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default RegisterPage;
