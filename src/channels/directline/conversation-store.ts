/**
 * @module channels/directline/conversation-store
 * Direct Line conversations and activity logs: the store lives with the other repositories in
 * src/storage/repositories/directline-repository.ts; the channel's modules import it from here.
 */
export {
  activityId,
  createConversationStore,
  newId,
  PAGE_LIMIT,
  parseWatermark,
  type ActivitySet,
  type ConversationStore,
  type DirectLineConversation,
} from '../../storage/repositories/directline-repository.js';
