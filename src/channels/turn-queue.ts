/**
 * @module channels/turn-queue
 * Serialises the turns of one conversation within this process (a second message waits for the first reply), while
 * different conversations run concurrently. Across processes the turn lock (LocalChannelAdapter's TurnLock) does
 * the same.
 */
import { KeyedMutex } from '../storage/async-mutex.js';

/** `run(conversationId, turn)` runs after every earlier turn of that conversation has settled. */
export class TurnQueue extends KeyedMutex {}
