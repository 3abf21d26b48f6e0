import { Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { useWorkspaceData, type Me, type Queue } from './api';
import { queueName } from './labels';

/** The start page widget: how the signed-in guide's queue stands, one click from the register. */
export function QueueWidget() {
  const me = useWorkspaceData<Me>('/me');
  const queue = useWorkspaceData<Queue>(me.data?.queue ? `/queue?queue=${me.data.queue}` : null);
  if (me.error || queue.error) return <Widget.Error>{me.error ?? queue.error}</Widget.Error>;
  if (!me.data) return <Widget.Loading />;
  if (!me.data.queue) return <Widget.NoData>Du är inte kopplad till någon kö.</Widget.NoData>;
  if (!queue.data) return <Widget.Loading />;
  const figures = [
    { label: 'Försenade', value: queue.data.overdue.length },
    { label: 'Inom två arbetsdagar', value: queue.data['due-soon'].length },
    { label: 'Nya', value: queue.data.new.length },
  ];
  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      <Typography variant="omega">{queueName(me.data.queue)}</Typography>
      <Flex gap={6}>
        {figures.map((f) => (
          <Flex key={f.label} direction="column" alignItems="flex-start">
            <Typography
              variant="alpha"
              textColor={f.label === 'Försenade' && f.value > 0 ? 'danger600' : undefined}
            >
              {f.value}
            </Typography>
            <Typography variant="pi">{f.label}</Typography>
          </Flex>
        ))}
      </Flex>
      <Link to="/tasteget-register">Öppna kön</Link>
    </Flex>
  );
}
