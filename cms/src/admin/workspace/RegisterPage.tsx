import { Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useWorkspaceData, type Me } from './api';
import { CareView } from './CareView';
import { KpiDashboard } from './KpiDashboard';
import { QueueView } from './QueueView';
import { StatisticsView } from './StatisticsView';

/** "Kontaktregister": the guide's queue, the programme's figures and (coordinator) register care. */
export function RegisterPage() {
  const { formatMessage } = useIntl();
  const me = useWorkspaceData<Me>('/me');
  const title = formatMessage({ id: 'tasteget.register.title', defaultMessage: 'Contact register' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: 'tasteget.register.subtitle',
          defaultMessage: 'Answer new contacts within five business days, on the channel they chose.',
        })}
      />
      <Layouts.Content>
        {me.error ? (
          <Typography textColor="danger600">{me.error}</Typography>
        ) : !me.data ? (
          <Page.Loading />
        ) : (
          <Tabs.Root defaultValue="queue">
            <Tabs.List
              aria-label={formatMessage({
                id: 'tasteget.register.tabs',
                defaultMessage: 'The contact register',
              })}
            >
              <Tabs.Trigger value="queue">
                {formatMessage({ id: 'tasteget.register.tab.queue', defaultMessage: 'My queue' })}
              </Tabs.Trigger>
              <Tabs.Trigger value="kpis">
                {formatMessage({ id: 'tasteget.register.tab.kpis', defaultMessage: 'Key figures' })}
              </Tabs.Trigger>
              {me.data.caresForRegister ? (
                <Tabs.Trigger value="care">
                  {formatMessage({ id: 'tasteget.register.tab.care', defaultMessage: 'Register care' })}
                </Tabs.Trigger>
              ) : null}
              {me.data.caresForRegister ? (
                <Tabs.Trigger value="statistics">
                  {formatMessage({
                    id: 'tasteget.register.tab.statistics',
                    defaultMessage: 'Visitor statistics',
                  })}
                </Tabs.Trigger>
              ) : null}
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
            {me.data.caresForRegister ? (
              <Tabs.Content value="statistics">
                <StatisticsView />
              </Tabs.Content>
            ) : null}
          </Tabs.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default RegisterPage;
