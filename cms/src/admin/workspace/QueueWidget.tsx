import { Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { useWorkspaceData, type Me, type Queue } from './api';
import { useQueueName } from './labels';

/** The start page widget: how the signed-in guide's queue stands, one click from the register. */
export function QueueWidget() {
  const { formatMessage, formatNumber } = useIntl();
  const queueName = useQueueName();
  const me = useWorkspaceData<Me>('/me');
  const queue = useWorkspaceData<Queue>(me.data?.queue ? `/queue?queue=${me.data.queue}` : null);
  if (me.error || queue.error) return <Widget.Error>{me.error ?? queue.error}</Widget.Error>;
  if (!me.data) return <Widget.Loading />;
  if (!me.data.queue) {
    return (
      <Widget.NoData>
        {formatMessage({
          id: 'tasteget.widget.no-queue',
          defaultMessage: 'You are not assigned to a queue.',
        })}
      </Widget.NoData>
    );
  }
  if (!queue.data) return <Widget.Loading />;
  const figures = [
    {
      key: 'overdue',
      label: formatMessage({ id: 'tasteget.queue.section.overdue', defaultMessage: 'Overdue' }),
      value: queue.data.overdue.length,
    },
    {
      key: 'due-soon',
      label: formatMessage({ id: 'tasteget.widget.due-soon', defaultMessage: 'Within two business days' }),
      value: queue.data['due-soon'].length,
    },
    {
      key: 'new',
      label: formatMessage({ id: 'tasteget.queue.section.new', defaultMessage: 'New' }),
      value: queue.data.new.length,
    },
  ];
  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      <Typography variant="omega">{queueName(me.data.queue)}</Typography>
      <Flex gap={6}>
        {figures.map((f) => (
          <Flex key={f.key} direction="column" alignItems="flex-start">
            <Typography
              variant="alpha"
              textColor={f.key === 'overdue' && f.value > 0 ? 'danger600' : undefined}
            >
              {formatNumber(f.value)}
            </Typography>
            <Typography variant="pi">{f.label}</Typography>
          </Flex>
        ))}
      </Flex>
      <Link to="/tasteget-register">
        {formatMessage({ id: 'tasteget.widget.open', defaultMessage: 'Open the queue' })}
      </Link>
    </Flex>
  );
}
