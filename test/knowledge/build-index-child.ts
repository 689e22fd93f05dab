/** Child process for the concurrent-build test: opens the mini index in argv[2] and prints what happened. */
import { openMiniIndex } from '../fixtures/mini-knowledge/open-mini-index.js';

const index = openMiniIndex(process.argv[2]!);
process.stdout.write(JSON.stringify({ rebuilt: index.rebuilt, docs: index.docs.count }));
index.close();
