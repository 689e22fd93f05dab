/**
 * lawline builds its hand-off events itself (to resolve the time zone once); they must stay the activities
 * botbuilder's EventFactory would send, so an external agent hub reads them the same way.
 */
import { EventFactory, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { handoffInitiateEvent, handoffStatusEvent } from '../../src/handoff/events.js';
import type { Ticket } from '../../src/handoff/handoff-types.js';

const volatile = ({ id, timestamp, ...rest }: Partial<Activity>) => {
  expect(typeof id).toBe('string');
  expect(timestamp).toBeInstanceOf(Date);
  return JSON.parse(JSON.stringify(rest));
};

describe('hand-off events', () => {
  const context = new TurnContext(new TestAdapter(), {
    type: 'message', id: 'a1', text: '转人工', channelId: 'directline', serviceUrl: 'http://localhost',
    conversation: { id: 'conv1' } as never, from: { id: 'citizen', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' },
  });
  const ticket = {
    id: 'H1', reason: 'citizen_request', priority: 2, topic: '劳动纠纷', county: 'yingde', language: 'mandarin',
    transcript: [{ from: 'citizen', text: '老板不给工资', at: 1 }, { from: 'bot', text: '可以申请劳动仲裁', at: 2 }],
  } as unknown as Ticket;

  it('handoff.initiate matches EventFactory.createHandoffInitiation', () => {
    const ours = handoffInitiateEvent(context, ticket);
    const theirs = EventFactory.createHandoffInitiation(context, ours.value, ours.attachments![0]!.content);
    expect(volatile(ours)).toEqual(volatile(theirs));
    expect(ours.attachments![0]!.content.activities.map((a: Activity) => [a.from.id, a.text])).toEqual([['citizen', '老板不给工资'], ['lawline', '可以申请劳动仲裁']]);
  });

  it('handoff.status matches EventFactory.createHandoffStatus', () => {
    const conversation = { id: 'conv1' } as never;
    expect(volatile(handoffStatusEvent(conversation, 'failed', 'no lawyer'))).toEqual(volatile(EventFactory.createHandoffStatus(conversation, 'failed', 'no lawyer')));
    expect(handoffStatusEvent(conversation, 'accepted')).toMatchObject({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } });
  });
});
